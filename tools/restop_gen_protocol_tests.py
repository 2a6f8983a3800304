#!/usr/bin/env python3
"""restop_gen_protocol_tests: the Smithy protocol compliance suite as doctest cases.

    python3 tools/restop_gen_protocol_tests.py [--shared DIR] [--check]

Regenerates tests/protocol/ from ../shared/reference/restjson1-protocol-tests.smithy.json: the
descriptions of aws.protocoltests.restjson#RestJson (tests/protocol/rest_json/, by
restop_gen.py) and one doctest case per client-side smithy.test#httpRequestTests and
smithy.test#httpResponseTests case (appliesTo absent or "client", those on error shapes
included) in tests/protocol/requests_N.cpp and responses_N.cpp. Cases listed in
tests/protocol/skipped.txt (`id — reason`) are generated as skipped cases that print why.
With --check nothing is written: any difference from the committed files fails (the drift
test). Python 3 standard library only; deterministic.
"""

import argparse
import base64
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import restop_gen as rg  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL_LABEL = "../shared/reference/restjson1-protocol-tests.smithy.json"
SERVICE = "aws.protocoltests.restjson#RestJson"
NAMESPACE = "restop_protocol::rest_json"
OUT = "tests/protocol"
CASES_PER_FILE = 36
IDEMPOTENCY_TOKEN = "00000000-0000-4000-8000-000000000000"
COMMAND = "tools/restop_gen_protocol_tests.py"


def applies_to_client(case):
    return case.get("appliesTo") in (None, "client")


def collect_cases(gen):
    """(requests, responses): lists of (case, operation id, shape id the trait is on)."""
    requests, responses = [], []
    error_users = {}
    for oid in gen.operation_ids:
        for ref in gen.shape(oid).get("errors", []):
            error_users.setdefault(ref["target"], oid)
    for eid in gen.service_error_ids:
        if gen.operation_ids:
            error_users.setdefault(eid, gen.operation_ids[0])
    for sid in sorted(gen.shapes):
        traits = gen.shapes[sid].get("traits", {})
        for case in traits.get("smithy.test#httpRequestTests", []):
            if applies_to_client(case) and sid in gen.op_names:
                requests.append((case, sid, sid))
        for case in traits.get("smithy.test#httpResponseTests", []):
            if not applies_to_client(case):
                continue
            if sid in gen.op_names:
                responses.append((case, sid, sid))
            elif sid in error_users:
                responses.append((case, error_users[sid], sid))
    requests.sort(key=lambda c: c[0]["id"])
    responses.sort(key=lambda c: c[0]["id"])
    return requests, responses


class CaseWriter:
    def __init__(self, gen):
        self.gen = gen

    # -- values --------------------------------------------------------------------------

    def struct_for(self, sid):
        return self.gen.structs.get(sid) or self.gen.build_struct(sid, self.gen.type_names[sid],
                                                                  "structure")

    def value(self, sid, value, sensitive=False):
        """A C++ expression of the value type of shape `sid` holding the test's `value`."""
        gen = self.gen
        kind = gen.kind(sid)
        if kind == "string":
            if sensitive or "smithy.api#sensitive" in gen.traits(sid):
                return f"restop::sensitive_string{{std::string{{{rg.cpp_string(value)}}}}}"
            return f"std::string{{{rg.cpp_string(value)}}}"
        if kind == "enum":
            return f"{gen.type_names[sid]}{{{rg.cpp_string(value)}}}"
        if kind == "intEnum":
            return f"{gen.type_names[sid]}{{{int(value)}}}"
        if kind == "boolean":
            return "true" if value else "false"
        if kind in rg.INT_TYPES:
            return f"{rg.INT_TYPES[kind]}{{{int(value)}}}"
        if kind in ("float", "double"):
            ctype = "float" if kind == "float" else "double"
            if value == "NaN":
                return f"std::numeric_limits<{ctype}>::quiet_NaN()"
            if value == "Infinity":
                return f"std::numeric_limits<{ctype}>::infinity()"
            if value == "-Infinity":
                return f"-std::numeric_limits<{ctype}>::infinity()"
            return f"{ctype}{{{rg.cpp_double(value)}{'f' if kind == 'float' else ''}}}"
        if kind in ("bigInteger", "bigDecimal"):
            return f"{rg.SCALAR_TYPES[kind]}{{std::string{{{rg.cpp_string(json.dumps(value))}}}}}"
        if kind == "blob":
            return f"restop::blob{{{self.bytes_expr(value)}}}"
        if kind == "timestamp":
            return f"restop::timestamp{{std::chrono::milliseconds{{{self.millis(value)}}}}}"
        if kind == "document":
            return f"boost::json::parse({rg.cpp_string(json.dumps(value, separators=(',', ':')))})"
        if kind == "list":
            shape = gen.shape(sid)
            member = shape["member"]
            sparse = "smithy.api#sparse" in shape.get("traits", {})
            sens = "smithy.api#sensitive" in member.get("traits", {})
            items = []
            for v in value:
                if v is None:
                    items.append("std::nullopt")
                else:
                    items.append(self.value(member["target"], v, sens))
            return f"{gen.value_type(sid, None)}{{{', '.join(items)}}}"
        if kind == "map":
            shape = gen.shape(sid)
            vm = shape["value"]
            sens = "smithy.api#sensitive" in vm.get("traits", {})
            items = []
            for k, v in value.items():
                inner = "std::nullopt" if v is None else self.value(vm["target"], v, sens)
                items.append(f"{{{rg.cpp_string(k)}, {inner}}}")
            return f"{gen.value_type(sid, None)}{{{', '.join(items)}}}"
        if sid == "smithy.api#Unit":
            return "restop::unit{}"
        if kind in ("structure", "union"):
            struct = self.struct_for(sid)
            return f"{gen.type_names[sid]}{{{self.designated(struct, value)}}}"
        raise rg.GenError(f"{sid}: cannot express trait smithy.test (no test value for a {kind})")

    def designated(self, struct, params):
        parts = []
        by_name = {m.name: m for m in struct.members}
        for name in params:
            if name not in by_name:
                raise rg.GenError(f"{struct.shape_id}${name}: cannot express trait smithy.test (no such member)")
        for m in struct.members:
            if m.name not in params or params[m.name] is None:
                continue
            parts.append(f".{m.cpp_name} = {self.member_value(m, params[m.name])}")
        return ", ".join(parts)

    def member_value(self, m, value):
        if m.param == "string":
            return rg.cpp_string(value)
        if m.param == "integer":
            return str(int(value))
        sensitive = "smithy.api#sensitive" in m.all_traits
        return self.value(m.target, value, sensitive)

    @staticmethod
    def bytes_expr(text):
        raw = text.encode("utf-8")
        return f"std::string{{{rg.cpp_string(text)}, {len(raw)}}}"

    @staticmethod
    def millis(value):
        if isinstance(value, str):
            return rg.parse_date_time_millis("test", value)
        return round(float(value) * 1000)

    # -- checks of a decoded value ----------------------------------------------------------

    def checks(self, sid, expr, value, out, sensitive=False):
        gen = self.gen
        kind = gen.kind(sid)
        if kind == "string":
            if sensitive or "smithy.api#sensitive" in gen.traits(sid):
                out.append(f"CHECK({expr}.reveal() == std::string_view{{{rg.cpp_string(value)}}});")
            else:
                out.append(f"CHECK({expr} == std::string_view{{{rg.cpp_string(value)}}});")
        elif kind == "enum":
            out.append(f"CHECK({expr}.value() == std::string_view{{{rg.cpp_string(value)}}});")
        elif kind == "intEnum":
            out.append(f"CHECK({expr}.value() == {int(value)});")
        elif kind == "boolean":
            out.append(f"CHECK({expr} == {'true' if value else 'false'});")
        elif kind in rg.INT_TYPES:
            out.append(f"CHECK({expr} == {int(value)});")
        elif kind in ("float", "double"):
            if value == "NaN":
                out.append(f"CHECK(std::isnan({expr}));")
            else:
                out.append(f"CHECK({expr} == {self.value(sid, value)});")
        elif kind in ("bigInteger", "bigDecimal"):
            out.append(f"CHECK({expr}.text() == {rg.cpp_string(json.dumps(value))});")
        elif kind == "blob":
            out.append(f"CHECK({expr}.bytes() == std::string_view{{{rg.cpp_string(value)}, "
                       f"{len(value.encode('utf-8'))}}});")
        elif kind == "timestamp":
            out.append(f"CHECK({expr} == {self.value(sid, value)});")
        elif kind == "document":
            out.append(f"CHECK(restop_protocol::json_equal({expr}, {self.value(sid, value)}));")
        elif kind == "list":
            shape = gen.shape(sid)
            member = shape["member"]
            sens = "smithy.api#sensitive" in member.get("traits", {})
            out.append(f"REQUIRE({expr}.size() == {len(value)});")
            for i, v in enumerate(value):
                item = f"{expr}[{i}]"
                if "smithy.api#sparse" in shape.get("traits", {}):
                    if v is None:
                        out.append(f"CHECK_FALSE({item}.has_value());")
                        continue
                    out.append(f"REQUIRE({item}.has_value());")
                    item = f"(*{item})"
                self.checks(member["target"], item, v, out, sens)
        elif kind == "map":
            shape = gen.shape(sid)
            vm = shape["value"]
            sens = "smithy.api#sensitive" in vm.get("traits", {})
            out.append(f"REQUIRE({expr}.size() == {len(value)});")
            for k, v in value.items():
                item = f"{expr}.at({rg.cpp_string(k)})"
                if "smithy.api#sparse" in shape.get("traits", {}):
                    if v is None:
                        out.append(f"CHECK_FALSE({item}.has_value());")
                        continue
                    out.append(f"REQUIRE({item}.has_value());")
                    item = f"(*{item})"
                self.checks(vm["target"], item, v, out, sens)
        elif sid == "smithy.api#Unit":
            pass
        elif kind in ("structure", "union"):
            self.struct_checks(self.struct_for(sid), expr, value, out)
        else:
            raise rg.GenError(f"{sid}: cannot express trait smithy.test (no check for a {kind})")

    def struct_checks(self, struct, expr, params, out, error=False):
        by_name = {m.name: m for m in struct.members}
        for name in params:
            if name not in by_name and not (error and name.lower() == "message"):
                raise rg.GenError(f"{struct.shape_id}${name}: cannot express trait smithy.test (no such member)")
        if error:
            for name, v in params.items():
                if name.lower() == "message":
                    out.append(f"CHECK({expr}.message == std::string_view{{{rg.cpp_string(v)}}});")
        for m in struct.members:
            member = f"{expr}.{m.cpp_name}"
            present = m.name in params and params[m.name] is not None
            if m.wrapper in ("optional", "boxed"):
                if not present:
                    out.append(f"CHECK_FALSE({member}.has_value());")
                    continue
                out.append(f"REQUIRE({member}.has_value());")
                member = f"(*{member})"
            elif not present:
                continue
            self.checks(m.target, member, params[m.name], out, "smithy.api#sensitive" in m.all_traits)
        if struct.role == "union" and not params:
            out.append(f"CHECK({expr}.unknown.name.empty());")

    # -- cases --------------------------------------------------------------------------------

    def request_case(self, case, oid, skipped):
        gen = self.gen
        name = gen.op_names[oid]
        inp = gen.build_struct(gen.shape(oid).get("input", {}).get("target", "smithy.api#Unit"), name, "input", oid)
        lines = [f"TEST_CASE({rg.cpp_string('request: ' + case['id'])}) {{"]
        if case["id"] in skipped:
            lines.append(f"    restop_protocol::skip({rg.cpp_string(case['id'])}, {rg.cpp_string(skipped[case['id']])});")
            lines.append("}")
            return lines
        for doc in rg.doc_comment(case.get("documentation"), "    ", max_paragraphs=1):
            lines.append(doc.replace("///", "//", 1))
        init = self.designated(inp, case.get("params", {}))
        lines.append(f"    const {name} input{{{init}}};")
        lines.append("    const auto encoded = restop_protocol::encode(input);")
        lines.append("    REQUIRE_MESSAGE(encoded.has_value(), restop_protocol::describe(encoded));")
        lines.append("    restop_protocol::expected_request expected;")
        lines.append(f"    expected.method = {rg.cpp_string(case['method'])};")
        lines.append(f"    expected.uri = {rg.cpp_string(case['uri'])};")
        for key, field in (("queryParams", "query_params"), ("forbidQueryParams", "forbid_query_params"),
                           ("requireQueryParams", "require_query_params"), ("forbidHeaders", "forbid_headers"),
                           ("requireHeaders", "require_headers")):
            if case.get(key):
                items = ", ".join(rg.cpp_string(v) for v in case[key])
                lines.append(f"    expected.{field} = {{{items}}};")
        if case.get("headers"):
            items = ", ".join(f"{{{rg.cpp_string(k)}, {rg.cpp_string(v)}}}" for k, v in case["headers"].items())
            lines.append(f"    expected.headers = {{{items}}};")
        if "body" in case:
            lines.append(f"    expected.body = {self.body_literal(case['body'])};")
        if case.get("bodyMediaType"):
            lines.append(f"    expected.body_media_type = {rg.cpp_string(case['bodyMediaType'])};")
        if case.get("host"):
            lines.append(f"    expected.host = {rg.cpp_string(case['host'])};")
        if case.get("resolvedHost"):
            lines.append(f"    expected.resolved_host = {rg.cpp_string(case['resolvedHost'])};")
        lines.append("    restop_protocol::check_request(*encoded, expected);")
        lines.append("}")
        return lines

    @staticmethod
    def body_literal(text):
        return f"std::string_view{{{rg.cpp_string(text)}, {len(text.encode('utf-8'))}}}"

    def response_case(self, case, oid, sid, skipped):
        gen = self.gen
        name = gen.op_names[oid]
        lines = [f"TEST_CASE({rg.cpp_string('response: ' + case['id'])}) {{"]
        if case["id"] in skipped:
            lines.append(f"    restop_protocol::skip({rg.cpp_string(case['id'])}, {rg.cpp_string(skipped[case['id']])});")
            lines.append("}")
            return lines
        for doc in rg.doc_comment(case.get("documentation"), "    ", max_paragraphs=1):
            lines.append(doc.replace("///", "//", 1))
        headers = ", ".join(f"{{{rg.cpp_string(k)}, {rg.cpp_string(v)}}}" for k, v in case.get("headers", {}).items())
        body = case.get("body", "")
        lines.append("    restop::response received;")
        lines.append(f"    received.status = {case['code']};")
        if headers:
            lines.append(f"    received.headers = {{{headers}}};")
        if body:
            lines.append(f"    received.body = std::string{{{rg.cpp_string(body)}, {len(body.encode('utf-8'))}}};")
        lines.append(f"    const auto outcome = restop::decode<{name}>(received);")
        checks = []
        params = case.get("params", {})
        if sid == oid:
            lines.append("    REQUIRE_MESSAGE(outcome.has_value(), restop_protocol::describe(outcome));")
            out_id = gen.shape(oid).get("output", {}).get("target", "smithy.api#Unit")
            out = gen.build_struct(out_id, gen.output_names[oid], "output", oid)
            if out.members:
                lines.append("    const auto& output = outcome->output;")
                self.struct_checks(out, "output", params, checks)
            elif params:
                raise rg.GenError(f"{case['id']}: cannot express trait smithy.test (params for an empty output)")
        else:
            lines.append("    REQUIRE_FALSE(outcome.has_value());")
            ename = gen.type_names[sid]
            lines.append(f"    const auto* error = outcome.error().template get_if<{ename}>();")
            lines.append(f"    REQUIRE_MESSAGE(error != nullptr, restop_protocol::describe(outcome));")
            self.struct_checks(gen.structs[sid], "(*error)", params, checks, error=True)
        lines += ["    " + c for c in checks]
        lines.append("}")
        return lines


def load_skips(path):
    skipped = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                case_id, sep, reason = line.partition(" — ")
                if not sep:
                    raise SystemExit(f"{path}: '{line}' is not 'id — reason'")
                skipped[case_id.strip()] = reason.strip()
    return skipped


def case_file(kind, index, cases_lines):
    lines = [f"// Generated by {COMMAND} from {MODEL_LABEL}: do not edit.",
             f"// Client-side smithy.test#http{kind.capitalize()}Tests of {SERVICE}, part {index}.",
             "#include <chrono>", "#include <cmath>", "#include <limits>", "#include <map>", "#include <optional>",
             "#include <string>", "#include <string_view>", "#include <vector>", "",
             "#include <boost/json.hpp>", "#include <doctest/doctest.h>", "",
             '#include "protocol_harness.hpp"', '#include "rest_json.hpp"', "",
             f"namespace {NAMESPACE} {{", f'TEST_SUITE("restJson1 {kind}s") {{', ""]
    for case in cases_lines:
        lines += case
        lines.append("")
    lines += [f"}}  // TEST_SUITE", f"}}  // namespace {NAMESPACE}", ""]
    return "\n".join(lines)


def generate(shared):
    model_path = os.path.join(shared, "reference", "restjson1-protocol-tests.smithy.json")
    args = argparse.Namespace(model=model_path, model_label=MODEL_LABEL, service=SERVICE, namespace=NAMESPACE,
                              out=os.path.join(OUT, "rest_json"), include_prefix=None, omit_event_streams=True)
    gen, files = rg.generate_files(args)
    skipped = load_skips(os.path.join(ROOT, OUT, "skipped.txt"))
    writer = CaseWriter(gen)
    requests, responses = collect_cases(gen)
    known = {c["id"] for c, _, _ in requests} | {c["id"] for c, _, _ in responses}
    for case_id in sorted(skipped):
        if case_id not in known:
            raise SystemExit(f"skipped.txt: {case_id} is not a client case of {SERVICE}")
    for kind, cases in (("request", requests), ("response", responses)):
        rendered = []
        for case, oid, sid in cases:
            if kind == "request":
                rendered.append(writer.request_case(case, oid, skipped))
            else:
                rendered.append(writer.response_case(case, oid, sid, skipped))
        chunks = [rendered[i:i + CASES_PER_FILE] for i in range(0, len(rendered), CASES_PER_FILE)]
        for i, chunk in enumerate(chunks, 1):
            files[os.path.join(OUT, f"{kind}s_{i}.cpp")] = case_file(kind, i, chunk)
    counts = {"requests": len(requests), "responses": len(responses), "skipped": len(skipped)}
    return files, counts


def main(argv=None):
    parser = argparse.ArgumentParser(prog="restop_gen_protocol_tests")
    parser.add_argument("--shared", default=os.path.join(os.path.dirname(ROOT), "shared"),
                        help="the shared/ directory (default: beside the checkout)")
    parser.add_argument("--check", action="store_true", help="compare with the committed files; write nothing")
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    try:
        files, counts = generate(args.shared)
    except rg.GenError as e:
        print(f"restop_gen: {e}", file=sys.stderr)
        return 2
    problems = rg.write_or_check({p: t for p, t in files.items() if p.endswith(".hpp")},
                                 os.path.join(OUT, "rest_json"), args.check)
    cpp = {p: t for p, t in files.items() if p.endswith(".cpp")}
    existing = {os.path.join(OUT, n) for n in os.listdir(OUT)
                if (n.startswith("requests_") or n.startswith("responses_")) and n.endswith(".cpp")} \
        if os.path.isdir(OUT) else set()
    for path in sorted(cpp):
        old = open(path, encoding="utf-8", newline="").read() if os.path.exists(path) else None
        if old != cpp[path]:
            if args.check:
                problems.append(f"{path}: {'missing' if old is None else 'differs from the generator output'}")
            else:
                with open(path, "w", encoding="utf-8", newline="") as f:
                    f.write(cpp[path])
    for path in sorted(existing - set(cpp)):
        if args.check:
            problems.append(f"{path}: not produced by the generator")
        else:
            os.remove(path)
    if problems:
        for p in problems:
            print(f"restop_gen_protocol_tests: {p}", file=sys.stderr)
        print("restop_gen_protocol_tests: tests/protocol drifted from the generator; run "
              "python3 tools/restop_gen_protocol_tests.py", file=sys.stderr)
        return 1
    print(f"restop_gen_protocol_tests: {counts['requests']} request cases, {counts['responses']} response cases, "
          f"{counts['skipped']} skipped{' (checked)' if args.check else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
