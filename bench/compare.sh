#!/usr/bin/env bash
# Side-by-side timing of `decisions` against pandoc (Markdown -> HTML) and Typst (-> PDF) on the
# same generated cases, then the performance targets of bench/RESULTS.md. See bench/README.md.
#
#   bench/compare.sh                 # 1,000 cases for the comparison, 10,000 for the targets
#   COUNT=200 BIG=0 bench/compare.sh # quicker: no 10,000-case targets
#
# Settings (environment): COUNT (cases compared, 1000), BIG (cases for the targets, 10000;
# 0 skips them), RUNS (hyperfine runs, 3), SEED (1), WORK (scratch folder, target/compare),
# NO_INSTALL=1 (use the tools already installed).
set -euo pipefail

COUNT=${COUNT:-1000}
BIG=${BIG:-10000}
RUNS=${RUNS:-3}
SEED=${SEED:-1}
TYPST_VERSION=0.15.0
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-$ROOT/target/compare}
CORES=$(nproc)
BIN=$ROOT/target/release/decisions

say() { printf '\n== %s\n' "$*"; }

install_tools() {
  local need=()
  command -v hyperfine >/dev/null || need+=(hyperfine)
  command -v pandoc >/dev/null || need+=(pandoc)
  [ -x /usr/bin/time ] || need+=(time)
  command -v pdfinfo >/dev/null || need+=(poppler-utils)
  if [ ${#need[@]} -gt 0 ]; then
    say "installing ${need[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
  fi
  if ! python3 -c "import typst, sys; sys.exit(typst.__version__ != '$TYPST_VERSION')" 2>/dev/null; then
    say "installing typst $TYPST_VERSION (PyPI)"
    python3 -m pip install -q "typst==$TYPST_VERSION"
  fi
}

# Mean seconds of a hyperfine JSON export.
mean() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['mean'])" "$1"; }
# Field of `/usr/bin/time -v` output: max RSS in kB, or wall seconds.
rss_kb() { awk -F': ' '/Maximum resident set size/ {print $2}' "$1"; }
wall_s() {
  awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$1"
}
calc() { python3 -c "print(format($1, '$2'))"; }
bytes() { du -sb --apparent-size "$@" 2>/dev/null | awk '{s+=$1} END {print s+0}'; }

[ "${NO_INSTALL:-0}" = 1 ] || install_tools
say "building the release binary"
(cd "$ROOT" && cargo build --release --quiet)
rm -rf "$WORK" && mkdir -p "$WORK"
cd "$WORK"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "load:    $(uptime | sed 's/.*load average/load average/')"
echo "tools:   $(hyperfine --version), $(pandoc --version | head -1), typst $TYPST_VERSION (Python)"

say "generating $COUNT cases (seed $SEED)"
"$BIN" generate --count "$COUNT" --seed "$SEED" --out cases
"$BIN" build --quiet --format md --out md cases/*.yaml
MDS=(md/*/decision.md)
N=${#MDS[@]}
FINALS=$(grep -L '^status: draft' cases/*.yaml | wc -l)

say "decisions publish: $FINALS final cases of $COUNT, cold, all formats + index, feed, manifest"
hyperfine --runs "$RUNS" --warmup 1 --export-json publish.json \
  --prepare "rm -rf site .site.sites" "$BIN publish --quiet --out site cases"
rm -rf site .site.sites
/usr/bin/time -v "$BIN" publish --quiet --out site cases 2>publish.time
PUBLISH=$(mean publish.json)

say "decisions build --format html and --format pdf: $N cases"
hyperfine --runs "$RUNS" --warmup 1 --export-json html.json "$BIN build --quiet --format html --out ours cases/*.yaml"
hyperfine --runs "$RUNS" --warmup 1 --export-json pdf.json "$BIN build --quiet --format pdf --out ours cases/*.yaml"
OURS_HTML=$(mean html.json)
OURS_PDF=$(mean pdf.json)

say "decisions build of the seed, all three formats, as a fresh process"
hyperfine --runs 30 --warmup 3 -N --export-json seed.json \
  "$BIN build --quiet --format md,html,pdf --out seed $ROOT/cases/21-016-384.yaml"
SEED_MS=$(calc "$(mean seed.json)*1000" .1f)

say "pandoc: Markdown -> standalone HTML, one process per case, $CORES at a time"
mkdir -p pandoc
printf '%s\n' "${MDS[@]}" >mds.txt
hyperfine --runs "$RUNS" --warmup 1 --export-json pandoc.json \
  "xargs -P $CORES -I{} sh -c 'pandoc -s -f markdown -t html5 {} -o pandoc/\$(basename \$(dirname {})).html' <mds.txt"
PANDOC=$(mean pandoc.json)
/usr/bin/time -v pandoc -s -f markdown -t html5 "${MDS[0]}" -o /dev/null 2>pandoc.time

say "Typst: the same Markdown as Typst markup, compiled to PDF in one Python process"
/usr/bin/time -v python3 "$ROOT/bench/md2typst.py" "$ROOT/bench/decision.typ" typst "${MDS[@]}" \
  >typst.out 2>typst.time
read -r TN TYPST TYPST_BYTES <typst.out

say "results ($N cases; per-core figures are wall time x cores / documents)"
per() { calc "$1*1000/$2" .2f; }
OURS_HTML_BYTES=$(find ours -name decision.html -print0 | du -cb --apparent-size --files0-from=- | tail -1 | cut -f1)
OURS_PDF_BYTES=$(find ours -name decision.pdf -print0 | du -cb --apparent-size --files0-from=- | tail -1 | cut -f1)
PANDOC_BYTES=$(bytes pandoc)
cat <<EOF
| what | wall | ms/doc | ms/doc/core | max RSS | output/doc |
| --- | ---: | ---: | ---: | ---: | ---: |
| decisions publish ($FINALS finals, 3 formats + site) | $(calc "$PUBLISH" .2f) s | $(per "$PUBLISH" "$FINALS") | $(per "$PUBLISH*$CORES" "$FINALS") | $(($(rss_kb publish.time) / 1024)) MB | $(($(bytes site/) / FINALS / 1024)) KB |
| decisions build --format html | $(calc "$OURS_HTML" .2f) s | $(per "$OURS_HTML" "$N") | $(per "$OURS_HTML*$CORES" "$N") | | $((OURS_HTML_BYTES / N / 1024)) KB |
| pandoc -s md -> html ($CORES at a time) | $(calc "$PANDOC" .2f) s | $(per "$PANDOC" "$N") | $(per "$PANDOC*$CORES" "$N") | $(($(rss_kb pandoc.time) / 1024)) MB | $((PANDOC_BYTES / N / 1024)) KB |
| decisions build --format pdf | $(calc "$OURS_PDF" .2f) s | $(per "$OURS_PDF" "$N") | $(per "$OURS_PDF*$CORES" "$N") | | $((OURS_PDF_BYTES / N / 1024)) KB |
| typst (Python, one process, serial) | $(calc "$TYPST" .2f) s | $(per "$TYPST" "$TN") | $(per "$TYPST" "$TN") | $(($(rss_kb typst.time) / 1024)) MB | $((TYPST_BYTES / TN / 1024)) KB |
| decisions build of the seed, 3 formats, fresh process | $SEED_MS ms | | | | |
EOF
echo
echo "ratios, per document per core (below 1: decisions is faster):"
echo "  decisions html / pandoc html:        $(calc "($OURS_HTML*$CORES/$N)/($PANDOC*$CORES/$N)" .3f)"
echo "  decisions pdf / typst pdf:           $(calc "($OURS_PDF*$CORES/$N)/($TYPST/$TN)" .3f)"
echo "  decisions publish (all) / pandoc:    $(calc "($PUBLISH*$CORES/$FINALS)/($PANDOC*$CORES/$N)" .3f)"
echo "  decisions publish (all) / typst:     $(calc "($PUBLISH*$CORES/$FINALS)/($TYPST/$TN)" .3f)"

[ "$BIG" -gt 0 ] || exit 0

say "targets: publish of $BIG cases (cold), republish after one change, memory as the corpus grows"
"$BIN" generate --count "$BIG" --seed "$SEED" --out big
BIG_FINALS=$(grep -L '^status: draft' big/*.yaml | wc -l)
sync
/usr/bin/time -v "$BIN" publish --quiet --out bigsite big 2>big.time
BIG_S=$(wall_s big.time)
# One case changes: a sentence of its summary.
ONE=$(grep -L '^status: draft' big/*.yaml | head -1 || true)
sed -i 's/^summary: >-$/summary: >-\n  One sentence more./' "$ONE"
/usr/bin/time -v "$BIN" publish --quiet --out bigsite big 2>again.time
SMALL=$((BIG / 10))
"$BIN" generate --count "$SMALL" --seed "$SEED" --out small
/usr/bin/time -v "$BIN" publish --quiet --out smallsite small 2>small.time
# A decision of three pages: the shortest generated PDF of 3 pages.
THREE=$(python3 - bigsite <<'PY'
import pathlib, re, subprocess, sys
best = None
for p in pathlib.Path(sys.argv[1]).rglob("decision.pdf"):
    info = subprocess.run(["pdfinfo", str(p)], capture_output=True, text=True).stdout
    m = re.search(r"Pages:\s+(\d+)", info)
    size = p.stat().st_size
    if m and int(m.group(1)) == 3 and (best is None or size > best[0]):
        best = (size, p)
print(f"{best[0]} {best[1]}" if best else "0 none")
PY
)
cat <<EOF
| target | limit | measured |
| --- | --- | --- |
| publish $BIG_FINALS finals of $BIG cases, cold | 1 ms/decision/core ($(calc "$BIG_FINALS*$CORES/1000/$CORES" .1f) s here) | $(calc "$BIG_S" .2f) s = $(calc "$BIG_S*$CORES*1000/$BIG_FINALS" .2f) ms/decision/core |
| build of the seed, 3 formats, fresh process | 20 ms | $SEED_MS ms |
| republish after one case changes | 1 s | $(calc "$(wall_s again.time)" .2f) s |
| max RSS, publish of $BIG | 200 MB | $(($(rss_kb big.time) / 1024)) MB |
| max RSS, $SMALL vs $BIG cases | within 1.5x | $(($(rss_kb small.time) / 1024)) MB vs $(($(rss_kb big.time) / 1024)) MB = $(calc "$(rss_kb big.time)/$(rss_kb small.time)" .2f)x |
| PDF of a 3-page decision (largest) | 50 KB | $(echo "$THREE" | awk '{printf "%.1f KB (%s)", $1/1024, $2}') |
EOF
echo "load after: $(uptime | sed 's/.*load average/load average/')"
