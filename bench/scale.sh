#!/usr/bin/env bash
# The published library at an office's scale: a cold publish of COUNT generated cases, then a
# republish after one case's text changes, each timed with `/usr/bin/time -v` (wall, CPU, peak
# RSS); then the sizes of the listing pages and feeds. Release build. Usage:
#   bench/scale.sh                 # 10,000 cases
#   COUNT=100000 bench/scale.sh    # 100,000 (about 6 GB of site; tens of minutes on 2 cores)
# Settings: COUNT (10000), SEED (1), WORK (target/scale), KEEP=1 keeps the site afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${COUNT:-10000}"
SEED="${SEED:-1}"
WORK="${WORK:-target/scale}"
BIN=target/release/decisions
TIME=/usr/bin/time
[[ -x $TIME ]] || { echo "scale.sh: needs GNU time (apt-get install time)" >&2; exit 2; }

cargo build --release --locked --quiet
cases="$WORK/cases-$COUNT"
out="$WORK/site-$COUNT"
if [[ ! -d $cases ]]; then
  "$BIN" generate --count "$COUNT" --seed "$SEED" --out "$cases" >/dev/null
fi
rm -rf "$out" "$WORK/.site-$COUNT.sites" "$WORK/.site-$COUNT.lock"

# Prints one line: what, wall seconds, CPU seconds (user + system), peak RSS in MB.
measure() {
  local what=$1; shift
  local log="$WORK/time.log"
  "$TIME" -v "$@" 2>"$log" >/dev/null || { cat "$log" >&2; exit 1; }
  awk -v what="$what" -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); wall = (n == 3) ? t[1]*3600 + t[2]*60 + t[3] : t[1]*60 + t[2] }
    /User time/ { user = $2 } /System time/ { sys = $2 } /Maximum resident/ { rss = $2 }
    END { printf "%-44s wall %8.2f s   CPU %8.2f s   peak RSS %7.1f MB\n", what, wall, user + sys, rss / 1024 }
  ' "$log"
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
measure "cold publish of $COUNT cases" "$BIN" publish "$cases" --out "$out" --quiet
# One case's text changes: a word of its summary.
one=$(ls "$cases" | head -1)
sed -i '/^summary: >-$/{n;s/^  /  Changed again. /}' "$cases/$one"
grep -q 'Changed again' "$cases/$one" || { echo "scale.sh: could not change $one" >&2; exit 1; }
measure "republish after one case changes" "$BIN" publish "$cases" --out "$out" --quiet
"$BIN" publish "$cases" --out "$out" 2>&1 | tail -1

echo
finals=$(ls "$out/decisions" | wc -l)
echo "decisions published: $finals"
listing() { find -L "$out" -maxdepth 2 \( -path "$out/browse/*.html" -o -path "$out/index.html" \) -printf '%s %P\n'; }
echo "listing pages: $(listing | wc -l); largest:"
listing | sort -n | tail -3 | awk '{ printf "  %7.1f KB  %s\n", $1 / 1024, $2 }'
echo "index.html: $(stat -L -c %s "$out/index.html" | awk '{ printf "%.1f KB", $1 / 1024 }')"
feeds() { find -L "$out" -maxdepth 2 \( -path "$out/feeds/*.xml" -o -path "$out/feed.xml" \) -printf '%s %P\n'; }
echo "feeds: $(feeds | wc -l); largest:"
feeds | sort -n | tail -2 | awk '{ printf "  %7.1f KB  %s\n", $1 / 1024, $2 }'
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -z ${KEEP:-} ]]; then
  rm -rf "$out" "$WORK/.site-$COUNT.sites" "$WORK/.site-$COUNT.lock"
fi
