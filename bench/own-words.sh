#!/usr/bin/env bash
# `check` of cases whose role and powers and how I considered paragraphs are surveyed
# paragraphs written out as the case's own words: how long `check` takes to find the library's
# key and parameters for each, and how many it finds.
#
#   bench/own-words.sh                       # 200 cases, 4 paragraphs each, 3 runs
#   TEMPLATES=dir bench/own-words.sh         # with a library of its own (--templates)
#
# Settings: COUNT (cases, 200), PER (paragraphs drawn per case, 4), SEED (1), RUNS (3),
# WORK (scratch folder, target/own-words), NO_BUILD=1 (use the release binary as it is),
# BIN (the binary to time, target/release/decisions: another build to compare with).
set -euo pipefail
cd "$(dirname "$0")/.."

COUNT=${COUNT:-200}
PER=${PER:-4}
SEED=${SEED:-1}
RUNS=${RUNS:-3}
WORK=${WORK:-target/own-words}
BIN=${BIN:-target/release/decisions}

[ -n "${NO_BUILD:-}" ] || cargo build --release --locked --quiet
python3 bench/own_words.py "$WORK/cases" "$COUNT" "$PER" "$SEED"
args=(check "$WORK/cases")
[ -z "${TEMPLATES:-}" ] || args+=(--templates "$TEMPLATES")

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq "$RUNS"); do
    # check exits 1 when a case has an error; the report is what is counted.
    /usr/bin/time -f "run $run: user %U s, wall %e s, peak RSS %M KB" \
        "$BIN" "${args[@]}" > "$WORK/report.txt" 2> "$WORK/time.txt" || true
    tail -1 "$WORK/time.txt"
done
report="$WORK/report.txt"
echo "paragraphs written out: $((COUNT * PER))"
echo "hints with key and parameters: $(grep -c 'these are the words of the standard' "$report" || true)"
echo "hints built from sentences: $(grep -c 'each sentence is a standard sentence' "$report" || true)"
echo "\"nearly\" warnings: $(grep -c 'nearly the words' "$report" || true)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
