#!/usr/bin/env bash
# The library at scale: publish of COUNT generated cases (default 10,000) from cold (time and
# peak memory), the size of index.html beside the search's files, a republish after one case
# changes, the search index alone (benches/search.rs: CPU a decision, memory, an update), and
# searches in headless Chromium through `decisions serve` (bytes fetched, time to results).
# Needs .ci/setup-browser. Usage: COUNT=10000 bench/search.sh
# SITE=DIR measures a site published already (e.g. by `KEEP=1 bench/scale.sh`) instead: no
# publish, only the index alone and the searches; NO_BUILD=1 uses the release binary as it is;
# NO_INDEX_BENCH=1 leaves out the index alone.
set -euo pipefail
COUNT="${COUNT:-10000}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${WORK:-$repo/target/search-bench-$COUNT}"
bin="$repo/target/release/decisions"
cd "$repo"
[[ -n ${NO_BUILD:-} && -x $bin ]] || cargo build --release --locked --quiet
mkdir -p "$work"

measure() { # label, command...
  local label="$1"; shift
  /usr/bin/time -v "$@" 2> "$work/time.txt" >/dev/null || { cat "$work/time.txt"; exit 1; }
  local wall user sys rss
  wall=$(grep 'Elapsed (wall' "$work/time.txt" | awk '{print $NF}')
  user=$(grep 'User time' "$work/time.txt" | awk '{print $NF}')
  sys=$(grep 'System time' "$work/time.txt" | awk '{print $NF}')
  rss=$(grep 'Maximum resident' "$work/time.txt" | awk '{print $NF}')
  printf '%s: %s wall, %s s user, %s s system, peak RSS %.1f MB\n' "$label" "$wall" "$user" "$sys" "$(echo "$rss / 1024" | bc -l)"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -n ${SITE:-} ]]; then
  # The link, not the version it leads to: a publish may run meanwhile.
  site="$(cd "$(dirname "$SITE")" && pwd)/$(basename "$SITE")"
else
  site="$work/site"
  [[ -d "$work/cases" ]] || "$bin" generate --count "$COUNT" --seed 1 --out "$work/cases" >/dev/null
  rm -rf "$work/site" "$work/.site.sites" "$work/.site.lock"
  measure "publish of $COUNT cases, cold" "$bin" publish "$work/cases" --out "$site" --quiet
  finals=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['count'])" "$site/decisions.json")
  echo "final decisions: $finals"
  printf 'index.html: %s bytes; search.html: %s bytes; search.js: %s bytes; search/: %s in %s files\n' \
    "$(stat -Lc %s "$site/index.html")" "$(stat -Lc %s "$site/search.html")" \
    "$(stat -Lc %s "$site/search.js")" "$(du -shL "$site/search" | cut -f1)" \
    "$(find -L "$site/search" -type f | wc -l)"

  # One word of one final case changes.
  case=$(grep -L 'status: draft' "$work"/cases/*.yaml | sed -n 7p)
  sed -i '0,/complained/s//grumbled/' "$case"
  measure "republish after one case changed" "$bin" publish "$work/cases" --out "$site" --quiet
fi

if [[ -z ${NO_INDEX_BENCH:-} ]]; then
  SEARCH_BENCH_SITE="$site" cargo bench --locked --quiet --bench search 2>/dev/null | grep -E '^(full|update)'
fi

"$bin" serve "$site" --port 0 > "$work/serve.log" &
server=$!
trap 'kill $server' EXIT
sleep 1
base=$(grep -o 'http://[0-9.:]*/' "$work/serve.log")
authority=$(python3 -c "import json,sys,urllib.parse; print(urllib.parse.quote_plus(json.load(open(sys.argv[1]))['decisions'][0]['authority']))" "$site/decisions.json")
python3 - "$base" "$authority" > "$work/urls.json" <<'PY'
import json, sys
base = sys.argv[1]
print(json.dumps([base + "search.html?" + q for q in [
    "q=council+complaint&outcome=upheld",
    "q=temporary+accommodation&area=Housing",
    "q=delay+apologise&authority=" + sys.argv[2],
    "q=%22care+plan%22&outcome=not-upheld",
    "q=%22the+council+should%22&area=Housing",
    "q=complained+fault&from=2020-01-01",
    "q=council+complaint&outcome=upheld&sort=relevance&page=3",
    "q=%22the+council+did+not+consider%22",
    "q=%22in+particular+the+council+did%22&area=Housing",
    "",
]] + [base + "index.html"]))
PY
node tests/browser/search.mjs queries "$work/urls.json" > "$work/seen.json" || true
python3 - "$work/seen.json" <<'PY'
import json, sys
for s in json.load(open(sys.argv[1])):
    q = s["url"].split("?", 1)[1] if "?" in s["url"] else "(index.html)"
    print(f"{q}: {s['count']} found, {s['bytes'] / 1024:.0f} KB fetched, results shown in {s['ms']} ms")
PY
