#!/usr/bin/env python3
"""Turns restop_benchmarks' JSON output (one file per compiler) and tools/compile_cost.sh's table
into the README's `## Performance` section, printed as markdown. tools/bench.sh calls it.

    python3 tools/bench_report.py --run g++=gcc.json --run clang++=clang.json --compile compile.md \\
        --compiler-version "g++=g++ 12.2.0" --compiler-version "clang++=clang++ 14.0.6"

Standard library only.
"""
import argparse
import datetime
import json
import statistics
import sys

# Benchmark case -> (label, target ratio to hand-written or None, allocation limit or None).
CASES = [
    ("encode/ascii_id", "encode, 36-char ASCII id", 1.2, 0),
    ("encode/smithy_escaping", "encode, Smithy escaping vector as id", 1.2, 0),
    ("decode/200", "decode 200 `{}`", None, None),
    ("decode/404_errortype_header", "decode 404, `X-Amzn-Errortype`", 1.3, 1),
    ("decode/429_type_in_body", "decode 429, `__type` in the body", 1.3, 1),
    ("decode/402_status_table", "decode 402, no name (status table)", 1.3, 1),
    ("decode/500_html", "decode 500, HTML body", 1.3, 1),
    ("call/200", "whole call, 200", 1.3, None),
    ("call/404", "whole call, 404", 1.3, None),
    ("check/pattern_uuid", "check of a member with a UUID `pattern`", None, 0),
    ("check/pattern_uuid_recompiled", "the same, the pattern compiled on every check (before issue 14)", None, 0),
]
SIDES = ("restop", "hand", "floor")


def load_run(path):
    """{(case, side): (median CPU ns, median allocations)} from one benchmark JSON file."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    samples = {}
    for run in data["benchmarks"]:
        if run.get("run_type") != "iteration" or run.get("error_occurred"):
            continue
        case, _, side = run["run_name"].rpartition("/")
        unit = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}[run.get("time_unit", "ns")]
        samples.setdefault((case, side), []).append((run["cpu_time"] * unit, run.get("allocs", 0.0)))
    out = {}
    for key, runs in samples.items():
        out[key] = (statistics.median(t for t, _ in runs), statistics.median(a for _, a in runs))
    repetitions = max((len(runs) for runs in samples.values()), default=0)
    return out, data.get("context", {}), repetitions


def ns(value):
    return f"{value:.0f} ns" if value >= 100 else f"{value:.1f} ns"


def count(value):
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def run_table(results):
    lines = [
        "| case | restop | hand-written | floor | restop ÷ hand-written | target | restop ÷ floor | allocations: restop / hand-written |",
        "|---|---:|---:|---:|---:|---|---:|---|",
    ]
    for case, label, target, alloc_limit in CASES:
        if not all((case, side) in results for side in SIDES):
            lines.append(f"| {label} | not measured | | | | | | |")
            continue
        (r_ns, r_alloc), (h_ns, h_alloc), (f_ns, f_alloc) = (results[(case, side)] for side in SIDES)
        ratio = r_ns / h_ns
        verdicts = []
        if target is not None:
            verdicts.append(ratio <= target)
        if alloc_limit is not None:
            verdicts.append(round(r_alloc, 1) <= alloc_limit)
        mark = "" if not verdicts else (" ✓" if all(verdicts) else " ✗")
        goal = []
        if target is not None:
            goal.append(f"≤ {target}×")
        if alloc_limit is not None:
            goal.append(f"≤ {alloc_limit} alloc" if alloc_limit else "0 allocs")
        allocs = f"{count(r_alloc)} / {count(h_alloc)}"
        if case.startswith("call/"):
            allocs += f" ({count(f_alloc)} of them the transport's copy)"
        lines.append(
            f"| {label} | {ns(r_ns)} | {ns(h_ns)} | {ns(f_ns)} | {ratio:.2f}×{mark} | {', '.join(goal) or '—'} | "
            f"{r_ns / f_ns:.0f}× | {allocs} |"
        )
    return lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--run", action="append", default=[], help="COMPILER=benchmark.json")
    parser.add_argument("--compiler-version", action="append", default=[], help="COMPILER=version text")
    parser.add_argument("--compile", help="tools/compile_cost.sh's markdown table")
    parser.add_argument("--command", default="bash tools/bench.sh")
    parser.add_argument("--benchmark-version", default="")
    parser.add_argument("--compile-runs", default="5")
    parser.add_argument("--load", help="tools/load_bench.sh's markdown table")
    args = parser.parse_args()
    versions = dict(item.split("=", 1) for item in args.compiler_version)

    out = ["## Performance", ""]
    out.append(
        "What describing an operation in types costs, measured beside two references in the same run: "
        "**hand-written**, the code a careful engineer writes for `DeleteAccessToken` alone (reserve and "
        "append, a 256-entry escape table, Boost.JSON's parser over a stack buffer, direct field lookups; "
        "`tests/benchmarks/hand_written.hpp`), and **floor**, a `memcpy` of the same output bytes (encode) "
        "or one pass over the body (decode). Encoding reuses one `restop::request`; a whole call goes "
        "through an in-memory transport whose copy of a canned response every side pays. Times are CPU "
        "time per operation; allocations are counted by a replacement `operator new`."
    )
    context = {}
    repetitions = 0
    for item in args.run:
        compiler, path = item.split("=", 1)
        results, context, repetitions = load_run(path)
        out += ["", f"Run time, {versions.get(compiler, compiler)}, Release (`-O2`):", ""]
        out += run_table(results)
    if args.compile:
        with open(args.compile, encoding="utf-8") as f:
            table = [line.rstrip("\n") for line in f if line.strip()]
        out += [
            "",
            f"Compile time (CPU seconds of `-c`, median of {args.compile_runs}; the translation units are in "
            "`tests/benchmarks/compile_cost/`, the further operations made up like the tests' catalog service):",
            "",
        ] + table
    if args.load:
        with open(args.load, encoding="utf-8") as f:
            table = [line.rstrip("\n") for line in f if line.strip()]
        out += [
            "",
            "Load (`tools/load_bench.sh`, g++ -O2): DeleteAccessToken of an id that does not exist, so every "
            "call is a 404 ResourceNotFoundException decoded, against the emulator on 127.0.0.1 (its log "
            "off), with 1, 64 and 1024 calls in flight; no retries; latency per call from send to decoded "
            "result. The emulator serves each connection on a thread of its own and shares these two cores "
            "with the client, so at 64 and more in flight both sides compete for them:",
            "",
        ] + table
    cores = context.get("num_cpus")
    mhz = context.get("mhz_per_cpu")
    machine = (f"{cores} cores" + (f" at {mhz} MHz" if mhz else "")) if cores else "this machine"
    load = context.get("load_avg")
    if load:
        machine += f" (load average {load[0]:.1f} at the start)"
    date = str(context.get("date", ""))[:10] or datetime.date.today().isoformat()
    compilers = ", ".join(versions.get(c, c) for c in (item.split("=", 1)[0] for item in args.run)) or "no compiler"
    out += [
        "",
        f"Measured {date} on {machine}, Debian 12, with {compilers}; Google Benchmark "
        f"{args.benchmark_version}, median of {repetitions} repetitions run in random order. "
        f"Regenerate with `{args.command}`, which prints this section.",
    ]
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
