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

# Benchmark case -> (label, group, allocation limit or None). The group names the targets of
# issue 12: restop with every check on, and with checks::wire_only, against the hand-written
# code that checks nothing ("bare").
CASES = [
    ("encode/ascii_id", "encode DeleteAccessToken, 36-char ASCII id", "encode", 0),
    ("encode/smithy_escaping", "encode DeleteAccessToken, Smithy escaping vector as id", "encode", 0),
    ("encode/create_access_token", "encode CreateAccessToken (generated; JSON body)", "encode", 0),
    ("encode/get_project", "encode GetProject (generated; two `@pattern` labels)", "encode", 0),
    ("decode/200", "decode 200 `{}`", "decode", 1),
    ("decode/404_errortype_header", "decode 404, `X-Amzn-Errortype`", "decode", 1),
    ("decode/429_type_in_body", "decode 429, `__type` in the body", "decode", 1),
    ("decode/402_status_table", "decode 402, no name (status table)", "decode", 1),
    ("decode/500_html", "decode 500, HTML body", "decode", 1),
    ("decode/create_access_token_201", "decode CreateAccessToken 201 (generated; JSON output)", "decode", None),
    ("decode/list_access_tokens_page", "decode a ListAccessTokens page of 10 (generated; paginated)", "decode", None),
    ("call/200", "whole call DeleteAccessToken, 200", "call", None),
    ("call/404", "whole call DeleteAccessToken, 404", "call", None),
]
# Targets per group: (restop ÷ bare, wire_only ÷ bare).
TARGETS = {"encode": (1.5, 1.2), "decode": (1.3, None), "call": (1.3, None)}
PATTERN_CASES = [
    ("check/pattern_uuid", "check of a member with a UUID `@pattern`"),
    ("check/pattern_uuid_recompiled", "the same, the pattern compiled on every check (before issue 14)"),
]
SIDES = ("restop", "wire_only", "hand", "bare", "floor")


def load_samples(path):
    """{(case, side): [(CPU ns, allocations) per repetition]} and the run's context."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    samples = {}
    for run in data["benchmarks"]:
        if run.get("run_type") != "iteration" or run.get("error_occurred"):
            continue
        case, _, side = run["run_name"].rpartition("/")
        unit = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}[run.get("time_unit", "ns")]
        samples.setdefault((case, side), []).append((run["cpu_time"] * unit, run.get("allocs", 0.0)))
    return samples, data.get("context", {})


def spread(path):
    """The largest relative spread of the repetitions' times (median absolute deviation ÷ median)
    among the sides the ratios are made of, and the case and side it belongs to. The tables report
    medians, so a few outlying repetitions do not move them and do not count here; a run whose
    typical repetition strays is what makes its ratios meaningless. On a shared machine that
    happens (seen: 2026-12-07, one case's ratio, round by round of its repetitions, from 0.5× to 2.6×)."""
    samples, _ = load_samples(path)
    worst = (0.0, "none")
    for (case, side), runs in samples.items():
        if side not in ("restop", "wire_only", "bare") or len(runs) < 2:
            continue
        times = [t for t, _ in runs]
        middle = statistics.median(times)
        deviation = statistics.median(abs(t - middle) for t in times)
        worst = max(worst, (deviation / middle, f"{case}/{side}"))
    return worst


def load_run(path):
    """{(case, side): (median CPU ns, median allocations)} from one benchmark JSON file."""
    samples, context = load_samples(path)
    out = {}
    for key, runs in samples.items():
        out[key] = (statistics.median(t for t, _ in runs), statistics.median(a for _, a in runs))
    repetitions = max((len(runs) for runs in samples.values()), default=0)
    return out, context, repetitions


def ns(value):
    return f"{value:.0f} ns" if value >= 100 else f"{value:.1f} ns"


def count(value):
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def read_table(path):
    """The lines of a markdown table another script wrote."""
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if line.strip()]


def mark(ratio, target):
    return "" if target is None else (" ✓" if ratio <= target else " ✗")


def run_table(results):
    lines = [
        "| case | restop | restop `wire_only` | hand, checking | hand, no checks | floor | restop ÷ no checks | "
        "`wire_only` ÷ no checks | restop ÷ checking | allocations: restop / no checks |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for case, label, group, alloc_limit in CASES:
        if not all((case, side) in results for side in ("restop", "hand", "bare", "floor")):
            lines.append(f"| {label} | not measured | | | | | | | | |")
            continue
        (r_ns, r_alloc), (h_ns, _), (b_ns, b_alloc), (f_ns, f_alloc) = (
            results[(case, side)] for side in ("restop", "hand", "bare", "floor")
        )
        target, wire_target = TARGETS[group]
        ratio = r_ns / b_ns
        allocs_ok = alloc_limit is None or round(r_alloc, 1) <= alloc_limit
        ratio_cell = f"{ratio:.2f}×{mark(ratio, target)} (≤ {target}×)"
        wire = results.get((case, "wire_only"))
        wire_cell = wire_ratio_cell = "—"
        if wire:
            wire_cell = ns(wire[0])
            wire_ratio_cell = f"{wire[0] / b_ns:.2f}×{mark(wire[0] / b_ns, wire_target)}"
            if wire_target is not None:
                wire_ratio_cell += f" (≤ {wire_target}×)"
        allocs = f"{count(r_alloc)} / {count(b_alloc)}"
        if alloc_limit is not None:
            limit = f"≤ {alloc_limit}" if alloc_limit else "0"
            allocs += f"{' ✓' if allocs_ok else ' ✗'} ({limit})"
        if case.startswith("call/"):
            allocs += f"; {count(f_alloc)} of them the transport's copy"
        lines.append(
            f"| {label} | {ns(r_ns)} | {wire_cell} | {ns(h_ns)} | {ns(b_ns)} | {ns(f_ns)} | {ratio_cell} | "
            f"{wire_ratio_cell} | {r_ns / h_ns:.2f}× | {allocs} |"
        )
    return lines


def pattern_table(results):
    lines = ["| check | restop | hand-written loop | floor (one pass) | restop ÷ hand-written |", "|---|---:|---:|---:|---:|"]
    for case, label in PATTERN_CASES:
        if not all((case, side) in results for side in ("restop", "hand", "floor")):
            lines.append(f"| {label} | not measured | | | |")
            continue
        (r_ns, _), (h_ns, _), (f_ns, _) = (results[(case, side)] for side in ("restop", "hand", "floor"))
        lines.append(f"| {label} | {ns(r_ns)} | {ns(h_ns)} | {ns(f_ns)} | {r_ns / h_ns:.1f}× |")
    return lines


def js_table(path, runs, versions, js_version):
    """The JS SDK's in-memory whole calls beside restop's, per compiler."""
    with open(path, encoding="utf-8") as f:
        js = {row["case"]: row for row in (json.loads(line) for line in f if line.strip())}
    compilers = [compiler for compiler, _ in runs]
    header = "| whole call, in memory | " + js_version + " | " + " | ".join(f"restop ({versions.get(c, c).split(' (')[0]})" for c in compilers)
    header += " | " + " | ".join(f"JS ÷ restop ({versions.get(c, c).split(' (')[0]})" for c in compilers) + " | target |"
    lines = [header, "|---|" + "---:|" * (1 + 2 * len(compilers)) + "---|"]
    for case, label in (("call/200", "DeleteAccessToken, 200"), ("call/404", "DeleteAccessToken, 404")):
        row = js.get(case)
        if not row:
            lines.append(f"| {label} | not measured |" + " |" * (2 * len(compilers) + 1))
            continue
        js_ns = row["cpu_ns_per_call"]
        cells = [f"{js_ns / 1000:.1f} µs"]
        ratios = []
        for _, results in runs:
            r = results.get((case, "restop"))
            cells.append(ns(r[0]) if r else "not measured")
            ratios.append(f"{js_ns / r[0]:,.0f}×{' ✓' if js_ns / r[0] >= 1000 else ' ✗'}" if r else "")
        lines.append(f"| {label} | " + " | ".join(cells + ratios) + " | ≥ 1000× |")
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
    parser.add_argument("--js", help="call_js.mjs's JSON lines")
    parser.add_argument("--js-version", default="JS SDK")
    parser.add_argument("--binary-size", help="tools/binary_size.sh's markdown table")
    parser.add_argument("--spread", metavar="JSON", help="print one benchmark file's largest spread and exit")
    args = parser.parse_args()
    if args.spread:
        cv, where = spread(args.spread)
        print(f"{cv * 100:.1f} {where}")
        return 0
    versions = dict(item.split("=", 1) for item in args.compiler_version)

    out = ["## Performance", ""]
    out.append(
        "What describing an operation in types costs, measured beside references in the same run: "
        "**hand, checking**, the code a careful engineer writes for each operation alone, checking what "
        "the model requires (reserve and append, a 256-entry escape table, Boost.JSON's parser over a "
        "stack buffer, direct field lookups; `tests/benchmarks/hand_written.hpp` and "
        "`hand_written_generated.hpp`); **hand, no checks**, the same code with every check taken out "
        "and decoding into a reused outcome, the reference the targets are set against; and **floor**, a "
        "`memcpy` of the same output bytes (encode) or one pass over the body (decode). restop runs with "
        "every check on, and for encodes also with `restop::checks::wire_only` (only what the wire "
        "needs). Encoding reuses one `restop::request`; a whole call goes through an in-memory transport "
        "whose copy of a canned response every side pays. Times are CPU time per operation; allocations "
        "are counted by a replacement `operator new`. Before the numbers are taken, the program checks "
        "that every side produces the same bytes and the same decoded values."
    )
    context = {}
    repetitions = 0
    runs = []
    for item in args.run:
        compiler, path = item.split("=", 1)
        results, context, repetitions = load_run(path)
        runs.append((compiler, results))
        cv, where = spread(path)
        out += ["", f"Run time, {versions.get(compiler, compiler)}, Release (`-O2`); the repetitions' largest "
                f"spread (median absolute deviation ÷ median) {cv * 100:.1f}%, `{where}`:", ""]
        out += run_table(results)
    for compiler, results in runs:
        out += ["", f"A `@pattern` check on its own, {versions.get(compiler, compiler)}:", ""]
        out += pattern_table(results)
    if args.js:
        out += [
            "",
            "The official JS SDK making the same whole calls, measured in the same run "
            "(`tests/benchmarks/call_js.mjs`: an in-memory request handler returning the same canned "
            "responses, one call after another, CPU time per call, median of the repetitions):",
            "",
        ] + js_table(args.js, runs, versions, args.js_version)
    if args.compile:
        out += [
            "",
            f"Compile time (CPU seconds of `-c`, median of {args.compile_runs}; the translation units are in "
            "`tests/benchmarks/compile_cost/`, the further operations made up like the tests' catalog service):",
            "",
        ] + read_table(args.compile)
    if args.binary_size:
        out += [
            "",
            "Binary size (`tools/binary_size.sh`; `tests/benchmarks/binary_size/`): a program that makes one "
            "DeleteAccessToken call with the curl transport, against the same program written by hand, "
            "both checked against the emulator to print the same result:",
            "",
        ] + read_table(args.binary_size)
    if args.load:
        out += [
            "",
            "Load (`tools/load_bench.sh`, g++ -O2): DeleteAccessToken of an id that does not exist, so every "
            "call is a 404 ResourceNotFoundException decoded, against the emulator on 127.0.0.1 (its log "
            "off), with 1, 64 and 1024 calls in flight; no retries; latency per call from send to decoded "
            "result. The emulator serves each connection on a thread of its own and shares these two cores "
            "with the client, so at 64 and more in flight both sides compete for them:",
            "",
        ] + read_table(args.load)
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
