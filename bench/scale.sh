#!/usr/bin/env bash
# The published library at an office's scale: a cold publish of COUNT generated cases, then a
# republish after one case's text changes, each timed with `/usr/bin/time -v` (wall, CPU, peak
# RSS); then the sizes of the listing pages and feeds. Release build. Usage:
#   bench/scale.sh                 # 10,000 cases
#   COUNT=100000 bench/scale.sh    # 100,000 (about 6 GB of site; tens of minutes on 2 cores)
# Settings: COUNT (10000), SEED (1), WORK (target/scale), KEEP=1 keeps the site afterwards,
# SKIP_COLD=1 republishes a site kept by KEEP=1 instead of publishing it cold, NO_BUILD=1
# uses the release binary as it is, FORMATS (all) the formats to publish, e.g. `md,html` to
# measure the site's pages, listings and search index without the PDFs.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${COUNT:-10000}"
SEED="${SEED:-1}"
WORK="${WORK:-target/scale}"
BIN=target/release/decisions
FORMATS="${FORMATS:-md,html,pdf,akn}"
TIME=/usr/bin/time
[[ -x $TIME ]] || { echo "scale.sh: needs GNU time (apt-get install time)" >&2; exit 2; }

[[ -n ${NO_BUILD:-} && -x $BIN ]] || cargo build --release --locked --quiet
cases="$WORK/cases-$COUNT"
out="$WORK/site-$COUNT"
if [[ -n ${SKIP_COLD:-} && -d $out ]]; then
  echo "(the site of the last run is kept: no cold publish)"
else
  rm -rf "$out" "$WORK/.site-$COUNT.sites" "$WORK/.site-$COUNT.lock"
fi
if [[ ! -d $cases ]]; then
  "$BIN" generate --count "$COUNT" --seed "$SEED" --out "$cases" >/dev/null
fi

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

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); formats: $FORMATS"
if [[ ! -e $out ]]; then
  measure "cold publish of $COUNT cases" "$BIN" publish "$cases" --out "$out" --format "$FORMATS" --quiet
fi
# The first publish after a cold one links every decision from the live site (there is no
# earlier version yet to update in place); it is the next ones that a library sees.
"$BIN" publish "$cases" --out "$out" --format "$FORMATS" --quiet 2>/dev/null
# One case's text changes: a word of its summary.
for one in "$cases"/*.yaml; do break; done
sed -i '/^summary: >-$/{n;s/^  /  Changed again. /}' "$one"
grep -q 'Changed again' "$one" || { echo "scale.sh: could not change $one" >&2; exit 1; }
measure "republish after one case changes" "$BIN" publish "$cases" --out "$out" --format "$FORMATS" --quiet
"$BIN" publish "$cases" --out "$out" --format "$FORMATS" 2>&1 | tail -1

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
