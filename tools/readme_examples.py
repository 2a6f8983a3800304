#!/usr/bin/env python3
"""Keeps the README's code examples and the compiled sources in examples/ identical.

Each README block opened by `<!-- example: examples/NAME.cpp -->` followed by a ```cpp fence
must equal that file. --check fails on a difference; without it the README is rewritten from
the files. Standard library only.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(r"(<!-- example: (?P<path>[^ ]+) -->\n```cpp\n)(?P<code>.*?)(```)", re.S)


def main() -> int:
    text = README.read_text(encoding="utf-8")
    found = list(BLOCK.finditer(text))
    if not found:
        print("README.md has no example blocks", file=sys.stderr)
        return 1
    stale = []

    def replace(match):
        source = (ROOT / match.group("path")).read_text(encoding="utf-8")
        if source != match.group("code"):
            stale.append(match.group("path"))
        return match.group(1) + source + match.group(4)

    updated = BLOCK.sub(replace, text)
    if "--check" in sys.argv[1:]:
        for path in stale:
            print(f"README.md's example differs from {path}; run python3 tools/readme_examples.py", file=sys.stderr)
        print(f"{len(found)} README examples checked")
        return 1 if stale else 0
    README.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
