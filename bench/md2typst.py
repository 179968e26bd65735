"""Converts the canonical Markdown of decisions into Typst markup and compiles every one to PDF
in this one process, timing the compile alone. Used by compare.sh for the Typst comparison.

    python3 md2typst.py TEMPLATE.typ OUT_DIR DECISION.md...

Prints one line: documents, seconds, bytes written.
"""

import re
import sys
import time
from pathlib import Path

import typst

SPECIAL = re.compile(r"([\\#$*_@<>\[\]`~/=+\-])")
INLINE = re.compile(
    r"\*\*(?P<b>.+?)\*\*|\*(?P<i>.+?)\*|\[(?P<t>[^\]]+)\]\((?P<u>[^)]+)\)|<(?P<a>https?://[^>]+)>"
)


def esc(text):
    return SPECIAL.sub(r"\\\1", text)


def inline(text):
    out, pos = [], 0
    for m in INLINE.finditer(text):
        out.append(esc(text[pos : m.start()]))
        if m["b"] is not None:
            out.append("*" + inline(m["b"]) + "*")
        elif m["i"] is not None:
            out.append("_" + inline(m["i"]) + "_")
        elif m["t"] is not None:
            url = m["u"]
            if url.startswith("#"):
                out.append(f"#link(<{url[1:]}>)[{inline(m['t'])}]")
            else:
                out.append(f'#link("{url}")[{inline(m["t"])}]')
        else:
            out.append(f'#link("{m["a"]}")')
        pos = m.end()
    out.append(esc(text[pos:]))
    return "".join(out)


LIST = re.compile(r"^(\s*)(\d+\.|-) (.*)$")


def convert(md):
    if md.startswith("---\n"):
        md = md[4:].split("\n---\n", 1)[1]
    lines, out = md.splitlines(), []
    top, width, letter = "", 0, 0
    for line in lines:
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            out.append("=" * level + " " + inline(line[level:].strip()))
            continue
        m = LIST.match(line)
        if m:
            indent, marker, text = m.groups()
            label = ""
            if marker != "-" and not indent:
                top, width, letter = marker[:-1], len(marker) + 1, 0
                label = f" <para-{top}>"
            elif marker != "-" and len(indent) == width:
                label = f" <para-{top}{chr(ord('a') + letter)}>"
                letter += 1
            out.append(f"{indent}{marker} {inline(text)}{label}")
        else:
            out.append(inline(line) if line.strip() else "")
    return "\n".join(out) + "\n"


def main():
    template, out_dir, files = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:]
    out_dir.mkdir(parents=True, exist_ok=True)
    head = template.read_text()
    sources = []
    for f in files:
        p = Path(f)
        md = p.read_text()
        ref = re.search(r'^reference: "?([^"\n]+)"?$', md, re.M)
        ref = ref.group(1) if ref else p.parent.name
        src = out_dir / (p.parent.name + ".typ")
        src.write_text(head.replace("REFERENCE", ref) + convert(md))
        sources.append(src)
    start = time.perf_counter()
    size = 0
    for src in sources:
        pdf = typst.compile(str(src))
        size += len(pdf)
        src.with_suffix(".pdf").write_bytes(pdf)
    print(f"{len(sources)} {time.perf_counter() - start:.3f} {size}")


if __name__ == "__main__":
    main()
