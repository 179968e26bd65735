#!/usr/bin/env bash
# Runs one fuzz target for a while, politely: `fuzz/run.sh TARGET [SECONDS]`.
# Seeds are the example cases and both corpora in tests/ (for `load_office`, the shipped office
# folders and the bad ones in tests/bad-input/offices); new inputs go to fuzz/corpus/TARGET,
# crashes to fuzz/artifacts/TARGET. Needs `cargo install cargo-fuzz`; stable Rust is enough,
# with RUSTC_BOOTSTRAP=1 letting it accept the flags cargo-fuzz passes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
target=${1:?usage: fuzz/run.sh TARGET [SECONDS]}
seconds=${2:-600}
mkdir -p "corpus/$target" "artifacts/$target"
if [ "$target" = load_office ]; then
    # An input is a folder's office.yaml, a NUL, and its wording.yaml.
    for folder in ../templates ../offices/*/ ../tests/bad-input/offices/*/; do
        name=$(basename "$folder")
        { cat "$folder/office.yaml" 2>/dev/null || true; printf '\0'
          cat "$folder/wording.yaml" 2>/dev/null || true; } >"corpus/$target/seed-$name"
    done
    seeds=(regressions/office)
    dict=office.dict
else
    seeds=(../cases ../tests/odd-but-valid ../tests/bad-input regressions)
    dict=case.dict
fi
export RUSTC_BOOTSTRAP=1
exec nice -n 10 cargo fuzz run -O "$target" "corpus/$target" "${seeds[@]}" -- \
    -dict="$dict" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=32768 -print_final_stats=1 -artifact_prefix="artifacts/$target/"
