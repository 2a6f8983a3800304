#!/usr/bin/env python3
"""<restop/codecatalyst.hpp> brings the whole service; one operation's header brings only what it needs.

    check_includes.py CXX INCLUDE_DIR

Checks that the umbrella includes every operation, that no operation's header reaches (through
its #include lines, transitively) another operation's header or a type it does not use, and that
each operation's header compiles on its own (-fsyntax-only). Standard library only.
"""
import os
import re
import subprocess
import sys

CXX, INCLUDE = sys.argv[1], sys.argv[2]
SERVICE = os.path.join(INCLUDE, "restop", "codecatalyst")
INCLUDE_LINE = re.compile(r'^#include "(restop/codecatalyst/[^"]+)"', re.M)


def read(rel):
    with open(os.path.join(INCLUDE, rel), encoding="utf-8") as f:
        return f.read()


def closure(rel):
    seen, stack = set(), [rel]
    while stack:
        for inc in INCLUDE_LINE.findall(read(stack.pop())):
            if inc not in seen:
                seen.add(inc)
                stack.append(inc)
    return seen


problems = []
operations = sorted(f"restop/codecatalyst/{n}" for n in os.listdir(SERVICE) if n.endswith(".hpp") and n != "service.hpp")
if len(operations) != 38:
    problems.append(f"{len(operations)} operation headers, expected 38")
umbrella = set(INCLUDE_LINE.findall(read("restop/codecatalyst.hpp")))
for op in operations:
    if op not in umbrella:
        problems.append(f"restop/codecatalyst.hpp does not include {op}")
for op in operations:
    text = read(op)
    reached = closure(op)
    for other in reached & set(operations):
        problems.append(f"{op} includes another operation, {other}")
    for inc in reached:
        if inc.startswith("restop/codecatalyst/types/"):
            name = os.path.basename(inc)[:-4]
            users = [op] + [r for r in reached if r != inc]
            if not any(re.search(rf"\b{name}\b", read(u)) for u in users if u != inc):
                problems.append(f"{op} reaches {inc}, which nothing it includes uses")
    done = subprocess.run([CXX, "-std=c++20", "-fsyntax-only", "-Wall", "-Wextra", "-Werror", "-I", INCLUDE, "-x", "c++",
                           "-"], input=f'#include "{op}"\n', capture_output=True, text=True)
    if done.returncode != 0:
        problems.append(f"{op} does not compile on its own:\n{done.stderr[:2000]}")
for p in problems:
    print("check_includes:", p, file=sys.stderr)
print(f"check_includes: {len(operations)} operation headers, {len(problems)} problems")
sys.exit(1 if problems else 0)
