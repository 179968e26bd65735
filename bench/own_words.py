"""Writes COUNT case files, each the seed case with its role and powers and how I considered
paragraphs replaced by PER surveyed paragraphs written out as own words (drawn with SEED from
tests/fixtures/survey/survey.yaml, those the library writes), for bench/own-words.sh."""
import random
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent


def main(out, count, per, seed):
    rows = yaml.safe_load(
        (REPO / "tests/fixtures/survey/survey.yaml").read_text(encoding="utf-8")
    )["paragraphs"]
    written = [r for r in rows if not r.get("cut") and ("key" in r or "sentences" in r)]
    seed_case = yaml.safe_load((REPO / "cases/21-016-384.yaml").read_text(encoding="utf-8"))
    pick = random.Random(seed)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.yaml"):
        old.unlink()
    for n in range(count):
        case = dict(seed_case)
        case["reference"] = f"21 {n // 1000:03} {n % 1000:03}"
        drawn = pick.sample(written, per)
        for section in ("powers", "considered"):
            own = [r["text"] for r in drawn if r["section"] == section]
            # A section is never left empty: the seed's paragraphs stand where none was drawn.
            case[section] = own or seed_case[section]
        name = case["reference"].replace(" ", "-")
        (out / f"{name}.yaml").write_text(
            yaml.safe_dump(case, allow_unicode=True, sort_keys=False, width=100),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
