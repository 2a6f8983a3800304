#!/usr/bin/env python3
"""Regenerates restop's CodeCatalyst service from the Smithy model, or checks that it is current.

    python3 tools/restop_gen_codecatalyst.py [--shared DIR] [--check]

Runs tools/restop_gen.py on DIR/reference/codecatalyst-2022-09-28.smithy.json (DIR defaults to
../shared beside the checkout, as in CI) and writes include/restop/codecatalyst/,
include/restop/codecatalyst.hpp and examples/codecatalyst_cli_table.hpp (the command table of the
`codecatalyst` CLI). With --check it regenerates into a temporary directory instead and compares
every file byte for byte with the committed ones (a missing, different or extra file fails).
Standard library only.
"""
import argparse
import filecmp
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL_LABEL = "../shared/reference/codecatalyst-2022-09-28.smithy.json"
OUTPUTS = ["include/restop/codecatalyst", "include/restop/codecatalyst.hpp", "examples/codecatalyst_cli_table.hpp"]


def generate(shared, cwd):
    """Runs the generator with `cwd` as the root of the tree it writes (relative paths, so that
    the files' first lines are the same wherever it runs)."""
    model = os.path.join(os.path.abspath(shared), "reference", "codecatalyst-2022-09-28.smithy.json")
    command = [sys.executable, os.path.join(ROOT, "tools", "restop_gen.py"), model, "--model-label", MODEL_LABEL,
               "--service", "com.amazonaws.codecatalyst#CodeCatalyst", "--namespace", "restop::codecatalyst",
               "--out", "include/restop/codecatalyst", "--include-prefix", "restop/codecatalyst",
               "--cli-table", "examples/codecatalyst_cli_table.hpp"]
    return subprocess.call(command, cwd=cwd)


def files_under(root, rel):
    path = os.path.join(root, rel)
    if os.path.isfile(path):
        return {rel}
    found = set()
    for base, _, names in os.walk(path):
        for name in names:
            found.add(os.path.relpath(os.path.join(base, name), root))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default=os.path.join(os.path.dirname(ROOT), "shared"))
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if not args.check:
        return generate(args.shared, ROOT)
    with tempfile.TemporaryDirectory(prefix="restop-gen-codecatalyst-") as tmp:
        os.makedirs(os.path.join(tmp, "examples"))
        if generate(args.shared, tmp) != 0:
            return 2
        problems = []
        for rel in OUTPUTS:
            fresh, committed = files_under(tmp, rel), files_under(ROOT, rel)
            for f in sorted(fresh - committed):
                problems.append(f"{f}: missing from the checkout")
            for f in sorted(committed - fresh):
                problems.append(f"{f}: not produced by the generator")
            for f in sorted(fresh & committed):
                if not filecmp.cmp(os.path.join(tmp, f), os.path.join(ROOT, f), shallow=False):
                    problems.append(f"{f}: differs from the generator's output")
        for p in problems:
            print(f"restop_gen_codecatalyst: {p}", file=sys.stderr)
        if problems:
            print("restop_gen_codecatalyst: rerun python3 tools/restop_gen_codecatalyst.py", file=sys.stderr)
            return 1
        count = sum(len(files_under(ROOT, rel)) for rel in OUTPUTS)
        print(f"restop_gen_codecatalyst: {count} files match the generator's output")
        return 0


if __name__ == "__main__":
    sys.exit(main())
