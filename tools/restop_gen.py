#!/usr/bin/env python3
"""restop_gen: a Smithy 2.0 JSON AST becomes restop descriptions (C++20 headers).

    python3 tools/restop_gen.py MODEL.json --service SHAPE_ID --namespace NS --out DIR [--include-prefix P]
                                [--omit-event-streams] [--check]

Writes DIR/<operation>.hpp (one per operation: its input struct, description and output struct),
DIR/types/<name>.hpp (the structures, unions, enums and errors operations share: one header per
strongly connected group of shapes, so that mutually recursive structures live together and
every other shape has a header of its own), DIR/service.hpp and the umbrella DIR.hpp.

Deterministic: the same model and arguments give the same bytes (sorted iteration, no
timestamps). A shape or trait the generator cannot express stops the run with
`restop_gen: SHAPE_ID: cannot express trait TRAIT (why)`; nothing is silently dropped. Python 3
standard library only. The module is also imported by restop_gen_protocol_tests.py, which needs
the same names and types.
"""

import argparse
import copy
import html
import html.parser
import json
import math
import os
import re
import sys
import textwrap

GENERATOR = "tools/restop_gen.py"


class GenError(Exception):
    """A model the generator refuses; the message names the shape and the trait."""


def refuse(shape_id, trait, why):
    raise GenError(f"{shape_id}: cannot express trait {trait} ({why})")


# ---------------------------------------------------------------------------------------------
# Names

CPP_KEYWORDS = frozenset("""
alignas alignof and and_eq asm auto bitand bitor bool break case catch char char8_t char16_t char32_t class compl
concept const consteval constexpr constinit const_cast continue co_await co_return co_yield decltype default delete
do double dynamic_cast else enum explicit export extern false final float for friend goto if import inline int long
module mutable namespace new noexcept not not_eq nullptr operator or or_eq override private protected public register
reinterpret_cast requires return short signed sizeof static static_assert static_cast struct switch template this
thread_local throw true try typedef typeid typename union unsigned using virtual void volatile wchar_t while xor
xor_eq
""".split())


def snake_case(name):
    """`DeleteAccessToken` -> `delete_access_token`, `nextToken` -> `next_token`,
    `HTTPPayload` -> `http_payload`, `S3Key` -> `s3_key`; C++ keywords get a trailing `_`."""
    s = re.sub(r"[^A-Za-z0-9]+", "_", name)
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", s)
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s)
    s = re.sub(r"_+", "_", s.lower()).strip("_")
    if not s:
        s = "_"
    if s[0].isdigit():
        s = "_" + s
    if s in CPP_KEYWORDS:
        s += "_"
    return s


def unique_names(wanted, reserved=()):
    """Maps each key to a distinct identifier: keys keep their wanted name in the given order,
    later collisions (with each other or `reserved`) get `_2`, `_3`, ... deterministically."""
    taken = set(reserved)
    out = {}
    for key, name in wanted:
        candidate = name
        if candidate in taken:
            if name + "_" not in taken and name in reserved:
                candidate = name + "_"
            n = 2
            while candidate in taken:
                candidate = f"{name}_{n}"
                n += 1
        taken.add(candidate)
        out[key] = candidate
    return out


def shape_name(shape_id):
    return shape_id.split("#", 1)[1]


# ---------------------------------------------------------------------------------------------
# Documentation: HTML to plain text

class _HtmlText(html.parser.HTMLParser):
    BLOCK = {"p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "table", "tr",
             "note", "important", "pre"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        self.parts.append(data)


def doc_paragraphs(text):
    """Plain-text paragraphs of a @documentation value (HTML or CommonMark): tags stripped,
    entities decoded, links and bare URLs removed, whitespace collapsed."""
    parser = _HtmlText()
    parser.feed(text)
    parser.close()
    plain = "".join(parser.parts)
    plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", plain)  # markdown links keep their text
    plain = re.sub(r"<?https?://[^\s)>]+>?", "", plain)     # bare URLs go
    paragraphs = []
    for block in re.split(r"\n\s*\n", plain):
        words = " ".join(block.split())
        words = re.sub(r"\(\s*\)", "", words).strip()
        if words:
            paragraphs.append(words)
    return paragraphs


def doc_comment(text, indent="", max_paragraphs=3, width=110):
    """`///` lines: the first sentence, a blank line, then up to a few paragraphs of summary."""
    if not text:
        return []
    paragraphs = doc_paragraphs(text)
    if not paragraphs:
        return []
    first = paragraphs[0]
    match = re.search(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])", first)
    head, rest = (first[:match.start()], first[match.end():]) if match else (first, "")
    blocks = [head]
    summary = ([rest] if rest else []) + paragraphs[1:]
    blocks += summary[:max_paragraphs]
    lines = []
    avail = max(40, width - len(indent) - 4)
    for i, block in enumerate(blocks):
        if i:
            lines.append(indent + "///")
        for line in textwrap.wrap(block, avail, break_long_words=False, break_on_hyphens=False):
            line = line.rstrip("\\ ")  # a trailing backslash would splice the next line into the comment
            lines.append(indent + "/// " + line)
    return lines


def first_sentence(text):
    """The first sentence of a @documentation value, as plain text ("" when there is none)."""
    paragraphs = doc_paragraphs(text or "")
    if not paragraphs:
        return ""
    match = re.search(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])", paragraphs[0])
    return paragraphs[0][:match.start()] if match else paragraphs[0]


def kebab_case(name):
    """`CreateSourceRepository` -> `create-source-repository`, `spaceName` -> `space-name`
    (snake_case without the keyword suffix), the spelling of CLI commands and flags."""
    return snake_case(name).strip("_").replace("_", "-")


# ---------------------------------------------------------------------------------------------
# Model loading: prelude, apply, mixins

SIMPLE_TYPES = {"blob", "boolean", "string", "byte", "short", "integer", "long", "float", "double", "bigInteger",
                "bigDecimal", "timestamp", "document"}

PRELUDE = {
    "smithy.api#String": {"type": "string"},
    "smithy.api#Blob": {"type": "blob"},
    "smithy.api#BigInteger": {"type": "bigInteger"},
    "smithy.api#BigDecimal": {"type": "bigDecimal"},
    "smithy.api#Timestamp": {"type": "timestamp"},
    "smithy.api#Document": {"type": "document"},
    "smithy.api#Boolean": {"type": "boolean"},
    "smithy.api#Byte": {"type": "byte"},
    "smithy.api#Short": {"type": "short"},
    "smithy.api#Integer": {"type": "integer"},
    "smithy.api#Long": {"type": "long"},
    "smithy.api#Float": {"type": "float"},
    "smithy.api#Double": {"type": "double"},
    "smithy.api#PrimitiveBoolean": {"type": "boolean", "traits": {"smithy.api#default": False}},
    "smithy.api#PrimitiveByte": {"type": "byte", "traits": {"smithy.api#default": 0}},
    "smithy.api#PrimitiveShort": {"type": "short", "traits": {"smithy.api#default": 0}},
    "smithy.api#PrimitiveInteger": {"type": "integer", "traits": {"smithy.api#default": 0}},
    "smithy.api#PrimitiveLong": {"type": "long", "traits": {"smithy.api#default": 0}},
    "smithy.api#PrimitiveFloat": {"type": "float", "traits": {"smithy.api#default": 0}},
    "smithy.api#PrimitiveDouble": {"type": "double", "traits": {"smithy.api#default": 0}},
    "smithy.api#Unit": {"type": "structure", "members": {}, "traits": {"smithy.api#unitType": {}}},
}


def load_model(model):
    """The model's shapes with the prelude added, `apply` blocks merged and mixins flattened
    (their members and traits copied into each shape using them; the mixins removed)."""
    if not str(model.get("smithy", "")).startswith("2"):
        raise GenError(f"model: cannot express trait smithy (version {model.get('smithy')!r}: Smithy 2.0 JSON AST expected)")
    shapes = copy.deepcopy(PRELUDE)
    for sid, shape in sorted(model.get("shapes", {}).items()):
        if shape.get("type") == "apply":
            continue
        shapes[sid] = copy.deepcopy(shape)
    for sid, shape in sorted(model.get("shapes", {}).items()):
        if shape.get("type") != "apply":
            continue
        base, _, member = sid.partition("$")
        target = shapes.get(base)
        if target is None:
            raise GenError(f"{sid}: cannot express trait apply (no shape {base})")
        if member:
            if member not in target.get("members", {}):
                # the member may come from a mixin: keep it for the mixin pass
                target.setdefault("_apply_members", {}).setdefault(member, {}).update(shape.get("traits", {}))
                continue
            target = target["members"][member]
        target.setdefault("traits", {}).update(shape.get("traits", {}))

    done = set()

    def flatten(sid, stack=()):
        if sid in done:
            return
        if sid in stack:
            raise GenError(f"{sid}: cannot express trait smithy.api#mixin (mixin cycle)")
        shape = shapes[sid]
        mixins = [m["target"] for m in shape.get("mixins", [])]
        members = {}
        traits = {}
        for mixin_id in mixins:
            if mixin_id not in shapes:
                raise GenError(f"{sid}: cannot express trait smithy.api#mixin (unknown mixin {mixin_id})")
            flatten(mixin_id, stack + (sid,))
            mixin = shapes[mixin_id]
            local_only = set(mixin.get("traits", {}).get("smithy.api#mixin", {}).get("localTraits", []))
            local_only.add("smithy.api#mixin")
            for name, t in mixin.get("traits", {}).items():
                if name not in local_only:
                    traits[name] = copy.deepcopy(t)
            for name, m in mixin.get("members", {}).items():
                members[name] = copy.deepcopy(m)
        for name, m in shape.get("members", {}).items():
            if name in members:
                merged = members[name]
                merged.setdefault("traits", {}).update(m.get("traits", {}))
                if "target" in m:
                    merged["target"] = m["target"]
            else:
                members[name] = m
        for name, extra in shape.pop("_apply_members", {}).items():
            if name not in members:
                raise GenError(f"{sid}${name}: cannot express trait apply (no such member)")
            members[name].setdefault("traits", {}).update(extra)
        traits.update(shape.get("traits", {}))
        if mixins or "members" in shape:
            if shape.get("type") not in ("operation", "service", "resource"):
                shape["members"] = members
        shape["traits"] = traits
        shape.pop("mixins", None)
        done.add(sid)

    for sid in sorted(shapes):
        flatten(sid)
    for sid in [s for s, shape in shapes.items() if "smithy.api#mixin" in shape.get("traits", {})]:
        del shapes[sid]
    return shapes


# ---------------------------------------------------------------------------------------------
# Traits

# Traits that change nothing a client puts on or reads from the wire: documentation for humans,
# server-side or tooling metadata. Anything not here and not handled below stops the run.
IGNORED_TRAITS = {
    "smithy.api#examples": "examples for documentation",
    "smithy.api#tags": "grouping for tools",
    "smithy.api#title": "a display name",
    "smithy.api#externalDocumentation": "links for humans",
    "smithy.api#suppress": "validator suppressions",
    "smithy.api#since": "versioning metadata",
    "smithy.api#unstable": "a stability note",
    "smithy.api#internal": "model visibility",
    "smithy.api#private": "model visibility",
    "smithy.api#recommended": "a modelling hint",
    "smithy.api#readonly": "an operation property, no wire effect",
    "smithy.api#idempotent": "an operation property, no wire effect",
    "smithy.api#input": "marks the input structure",
    "smithy.api#output": "marks the output structure",
    "smithy.api#unitType": "the prelude's Unit",
    "smithy.api#enumValue": "read with the enum",
    "smithy.api#uniqueItems": "a server-side constraint; clients do not enforce it",
    "smithy.api#requiresLength": "the whole payload is in memory, so its length is known",
    "smithy.api#addedDefault": "the default is used as modelled",
    "smithy.api#box": "members are optional unless @required or @default",
    "smithy.api#references": "resource references",
    "smithy.api#resourceIdentifier": "resource metadata",
    "smithy.api#nestedProperties": "resource metadata",
    "smithy.api#property": "resource metadata",
    "smithy.api#notProperty": "resource metadata",
    "smithy.api#noReplace": "resource metadata",
    "smithy.api#cors": "server-side CORS",
    "smithy.api#protocols": "protocol definition metadata",
    "smithy.api#trait": "trait definitions",
    "smithy.api#xmlName": "XML protocols only",
    "smithy.api#xmlNamespace": "XML protocols only",
    "smithy.api#xmlAttribute": "XML protocols only",
    "smithy.api#xmlFlattened": "XML protocols only",
    "smithy.api#eventHeader": "event streams only",
    "smithy.api#eventPayload": "event streams only",
    "smithy.rules#endpointRuleSet": "endpoint resolution is the caller's (default_endpoint)",
    "smithy.rules#endpointTests": "endpoint resolution tests",
    "smithy.rules#clientContextParams": "endpoint resolution is the caller's",
    "smithy.rules#contextParam": "endpoint resolution is the caller's",
    "smithy.rules#staticContextParams": "endpoint resolution is the caller's",
    "smithy.rules#operationContextParams": "endpoint resolution is the caller's",
    "smithy.waiters#waitable": "client-side polling helpers, not wire behaviour",
    "smithy.test#httpRequestTests": "protocol tests (restop_gen_protocol_tests.py)",
    "smithy.test#httpResponseTests": "protocol tests (restop_gen_protocol_tests.py)",
    "smithy.test#httpMalformedRequestTests": "server-side protocol tests",
    "smithy.test#eventStreamTests": "event stream protocol tests",
    "smithy.test#smokeTests": "live smoke tests",
    "aws.api#arn": "resource metadata",
    "aws.api#arnReference": "resource metadata",
    "aws.api#data": "data classification",
    "aws.api#controlPlane": "metadata",
    "aws.api#dataPlane": "metadata",
    "aws.api#taggable": "metadata",
    "aws.api#tagEnabled": "metadata",
    "aws.api#service": "read for sdk_id",
    "aws.protocols#restJson1": "the protocol restop speaks",
    "aws.auth#unsignedPayload": "sigv4 detail",
    "aws.auth#cognitoUserPools": "an authorizer hint",
}
IGNORED_PREFIXES = ("aws.iam#", "aws.cloudformation#", "aws.apigateway#")

HANDLED_TRAITS = {
    "smithy.api#documentation", "smithy.api#deprecated", "smithy.api#required", "smithy.api#default",
    "smithy.api#clientOptional", "smithy.api#length", "smithy.api#range", "smithy.api#pattern",
    "smithy.api#sensitive", "smithy.api#jsonName", "smithy.api#timestampFormat", "smithy.api#idempotencyToken",
    "smithy.api#http", "smithy.api#httpLabel", "smithy.api#httpQuery", "smithy.api#httpQueryParams",
    "smithy.api#httpHeader", "smithy.api#httpPrefixHeaders", "smithy.api#httpPayload", "smithy.api#httpResponseCode",
    "smithy.api#hostLabel", "smithy.api#endpoint", "smithy.api#error", "smithy.api#httpError", "smithy.api#retryable",
    "smithy.api#paginated", "smithy.api#requestCompression", "smithy.api#httpChecksumRequired",
    "smithy.api#mediaType", "smithy.api#streaming", "smithy.api#sparse", "smithy.api#enum", "smithy.api#auth",
    "smithy.api#httpBearerAuth", "aws.auth#sigv4", "smithy.api#noAuth",
}


def check_traits(sid, traits):
    for name in sorted(traits):
        if name in HANDLED_TRAITS or name in IGNORED_TRAITS or name.startswith(IGNORED_PREFIXES):
            continue
        refuse(sid, name, "not supported by restop yet")


TIMESTAMP_FORMATS = {"date-time": "date_time", "epoch-seconds": "epoch_seconds", "http-date": "http_date"}
INT_TYPES = {"byte": "std::int8_t", "short": "std::int16_t", "integer": "std::int32_t", "long": "std::int64_t"}
INT_LIMITS = {"byte": (-2**7, 2**7 - 1), "short": (-2**15, 2**15 - 1), "integer": (-2**31, 2**31 - 1),
              "long": (-2**63, 2**63 - 1)}
SCALAR_TYPES = {"boolean": "bool", "float": "float", "double": "double", "bigInteger": "restop::big_integer",
                "bigDecimal": "restop::big_decimal", "blob": "restop::blob", "document": "restop::document",
                "timestamp": "restop::timestamp", **INT_TYPES}
HTTP_METHODS = {"GET": "get", "PUT": "put", "POST": "post", "DELETE": "delete_", "PATCH": "patch", "HEAD": "head"}


def cpp_string(text):
    """A C++ string literal for `text` (UTF-8), escaping what a literal cannot hold as is."""
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif code < 0x20 or code == 0x7F:
            out.append(f'\\x{code:02x}""')
        elif ch == "?":
            out.append("?")  # no trigraphs in C++17 and later
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def cpp_double(value):
    if isinstance(value, bool):
        raise ValueError("bool")
    if isinstance(value, int):
        return f"{value}.0"
    text = repr(float(value))
    if "e" in text or "E" in text or "." in text:
        return text
    return text + ".0"


def cpp_int(value):
    if value == -2**63:
        return "restop::unbounded_min"
    if value == 2**63 - 1:
        return "restop::unbounded_max"
    return str(value)


# ---------------------------------------------------------------------------------------------
# The generator

class Member:
    """One member of a generated struct, with everything the emitters and the protocol-test
    generator need."""

    def __init__(self, **kw):
        self.__dict__.update(kw)


class Struct:
    def __init__(self, **kw):
        self.__dict__.update(kw)


class Generator:
    def __init__(self, model, service_id, namespace, include_prefix, command, omit_event_streams=False):
        self.shapes = load_model(model)
        self.service_id = service_id
        self.namespace = namespace
        self.include_prefix = include_prefix.rstrip("/")
        self.command = command
        self.omit_event_streams = omit_event_streams
        if service_id not in self.shapes or self.shapes[service_id].get("type") != "service":
            raise GenError(f"{service_id}: cannot express trait service (no service shape of that id in the model)")
        self.service = self.shapes[service_id]
        self.renames = self.service.get("rename", {})
        self.omitted = []  # (operation id, reason)
        self._collect()
        self._name_everything()

    # -- the closure -----------------------------------------------------------------------

    def shape(self, sid):
        if sid not in self.shapes:
            raise GenError(f"{sid}: cannot express trait target (the shape is not in the model)")
        return self.shapes[sid]

    def traits(self, sid):
        return self.shape(sid).get("traits", {})

    def _collect(self):
        service = self.service
        if "aws.protocols#restJson1" not in service.get("traits", {}):
            protocols = sorted(t for t in service.get("traits", {}) if t.startswith("aws.protocols#"))
            refuse(self.service_id, protocols[0] if protocols else "aws.protocols#restJson1",
                   "restop speaks restJson1 only")
        check_traits(self.service_id, service.get("traits", {}))
        operations = set()

        def visit_resource(rid, seen):
            if rid in seen:
                return
            seen.add(rid)
            resource = self.shape(rid)
            check_traits(rid, resource.get("traits", {}))
            for key in ("create", "put", "read", "update", "delete", "list"):
                if key in resource:
                    operations.add(resource[key]["target"])
            for key in ("operations", "collectionOperations"):
                for ref in resource.get(key, []):
                    operations.add(ref["target"])
            for ref in resource.get("resources", []):
                visit_resource(ref["target"], seen)

        for ref in service.get("operations", []):
            operations.add(ref["target"])
        seen = set()
        for ref in service.get("resources", []):
            visit_resource(ref["target"], seen)

        self.operation_ids = []
        for oid in sorted(operations):
            reason = self._event_stream_reason(oid)
            if reason:
                if self.omit_event_streams:
                    self.omitted.append((oid, reason))
                    continue
                refuse(reason[0], "smithy.api#streaming", reason[1])
            self.operation_ids.append(oid)
        self.service_error_ids = [ref["target"] for ref in service.get("errors", [])]

        # every named shape a generated header declares (structures, unions, enums, errors)
        self.named = set()
        self.nested_structs = set()
        pending = list(self.service_error_ids)
        for oid in self.operation_ids:
            op = self.shape(oid)
            if op.get("type") != "operation":
                raise GenError(f"{oid}: cannot express trait operation (not an operation shape)")
            check_traits(oid, op.get("traits", {}))
            pending += [ref["target"] for ref in op.get("errors", [])]
            for io in ("input", "output"):
                target = op.get(io, {}).get("target", "smithy.api#Unit")
                shape = self.shape(target)
                check_traits(target, shape.get("traits", {}))
                for mname, m in shape.get("members", {}).items():
                    check_traits(f"{target}${mname}", m.get("traits", {}))
                    pending.append(m["target"])
        seen_shapes = set()
        while pending:
            sid = pending.pop()
            if sid in seen_shapes:
                continue
            seen_shapes.add(sid)
            shape = self.shape(sid)
            check_traits(sid, shape.get("traits", {}))
            kind = shape["type"]
            if kind in ("structure", "union", "enum", "intEnum") or (kind == "string" and self._is_legacy_enum(sid)):
                if sid != "smithy.api#Unit":
                    self.named.add(sid)
            for mname, m in shape.get("members", {}).items():
                check_traits(f"{sid}${mname}", m.get("traits", {}))
                if kind not in ("enum", "intEnum"):
                    pending.append(m["target"])
            for key in ("member", "key", "value"):
                if key in shape:
                    check_traits(f"{sid}${key}", shape[key].get("traits", {}))
                    pending.append(shape[key]["target"])
            if kind in ("service", "operation", "resource"):
                raise GenError(f"{sid}: cannot express trait target (a member targets a {kind})")
        self.error_ids = sorted(s for s in self.named if "smithy.api#error" in self.traits(s))

    def _event_stream_reason(self, oid):
        op = self.shape(oid)
        for io in ("input", "output"):
            target = op.get(io, {}).get("target", "smithy.api#Unit")
            for mname, m in self.shape(target).get("members", {}).items():
                t = self.shape(m["target"])
                if t["type"] == "union" and "smithy.api#streaming" in t.get("traits", {}):
                    return (f"{target}${mname}", f"event streams are not supported; {shape_name(oid)} needs one")
        return None

    def _is_legacy_enum(self, sid):
        return "smithy.api#enum" in self.traits(sid)

    # -- names -----------------------------------------------------------------------------

    def base_name(self, sid):
        return self.renames.get(sid, shape_name(sid))

    def _name_everything(self):
        reserved = {"service", "service_errors", "service_errors_plus", "default_endpoint", "fips_endpoint"}
        wanted = []
        self.op_names = {}
        op_wanted = [(oid, snake_case(self.base_name(oid))) for oid in self.operation_ids]
        self.op_names = unique_names(op_wanted, reserved)
        taken = set(reserved) | set(self.op_names.values())
        self.output_names = unique_names([(oid, self.op_names[oid] + "_output") for oid in self.operation_ids], taken)
        taken |= set(self.output_names.values())
        wanted = [(sid, snake_case(self.base_name(sid))) for sid in sorted(self.named)]
        self.type_names = unique_names(wanted, taken)

    # -- types -----------------------------------------------------------------------------

    def member_traits(self, member):
        """The member's traits over its target's (the member wins), for the traits that may sit on either."""
        target_traits = self.traits(member["target"])
        merged = {}
        for key in ("smithy.api#timestampFormat", "smithy.api#sensitive", "smithy.api#length", "smithy.api#range",
                    "smithy.api#pattern", "smithy.api#mediaType", "smithy.api#default", "smithy.api#deprecated"):
            if key in target_traits:
                merged[key] = target_traits[key]
        merged.update(member.get("traits", {}))
        return merged

    def kind(self, sid):
        shape = self.shape(sid)
        kind = shape["type"]
        if kind == "string" and self._is_legacy_enum(sid):
            return "enum"
        if kind == "set":
            return "list"
        return kind

    def value_type(self, sid, context, sensitive=False):
        """The C++ type of a value of shape `sid` (no optional wrapper). `context` is the
        struct being declared, to box recursion."""
        kind = self.kind(sid)
        if kind == "string":
            return "restop::sensitive_string" if sensitive or "smithy.api#sensitive" in self.traits(sid) else "std::string"
        if kind in SCALAR_TYPES:
            return SCALAR_TYPES[kind]
        if kind in ("enum", "intEnum", "structure", "union"):
            if sid == "smithy.api#Unit":
                return "restop::unit"
            return self.type_ref(sid, context)
        if kind == "list":
            shape = self.shape(sid)
            member = shape["member"]
            inner = self.value_type(member["target"], context, "smithy.api#sensitive" in member.get("traits", {}))
            if "smithy.api#sparse" in shape.get("traits", {}):
                inner = f"std::optional<{inner}>"
            return f"std::vector<{inner}>"
        if kind == "map":
            shape = self.shape(sid)
            key_kind = self.kind(shape["key"]["target"])
            if key_kind not in ("string", "enum"):
                refuse(sid, "map", f"map keys must be strings, not {key_kind}")
            value = shape["value"]
            inner = self.value_type(value["target"], context, "smithy.api#sensitive" in value.get("traits", {}))
            if "smithy.api#sparse" in shape.get("traits", {}):
                inner = f"std::optional<{inner}>"
            return f"std::map<std::string, {inner}>"
        refuse(sid, kind, f"no C++ type for a {kind} shape")

    def type_ref(self, sid, context):
        name = self.type_names[sid]
        if context is not None and name in context.member_names:
            return f"::{self.namespace}::{name}"
        return name

    def named_deps(self, sid, out):
        """The named shapes (structures, unions, enums) a value of `sid` needs declared."""
        kind = self.kind(sid)
        if kind in ("enum", "intEnum", "structure", "union"):
            if sid in self.named:
                out.add(sid)
        elif kind == "list":
            self.named_deps(self.shape(sid)["member"]["target"], out)
        elif kind == "map":
            self.named_deps(self.shape(sid)["value"]["target"], out)
        return out

    # -- constraints and options -----------------------------------------------------------

    def constraints(self, where, member, traits, kind):
        out = []
        if "smithy.api#length" in traits:
            if kind not in ("string", "blob", "list", "map", "enum"):
                refuse(where, "smithy.api#length", f"length on a {kind}")
            length = traits["smithy.api#length"]
            lo = length.get("min", 0)
            hi = length.get("max")
            out.append(f"restop::length<{lo}, {'restop::unbounded' if hi is None else hi}>")
        if "smithy.api#range" in traits:
            rng = traits["smithy.api#range"]
            lo, hi = rng.get("min"), rng.get("max")
            for bound in (lo, hi):
                if bound is not None and (isinstance(bound, float) and not float(bound).is_integer()):
                    refuse(where, "smithy.api#range", f"a range bound with a fraction ({bound})")
            if kind not in INT_TYPES and kind not in ("float", "double", "bigInteger", "bigDecimal"):
                refuse(where, "smithy.api#range", f"range on a {kind}")
            lo_text = "restop::unbounded_min" if lo is None else cpp_int(int(lo))
            hi_text = "restop::unbounded_max" if hi is None else cpp_int(int(hi))
            out.append(f"restop::range<{lo_text}, {hi_text}>")
        if "smithy.api#pattern" in traits:
            if kind not in ("string", "enum"):
                refuse(where, "smithy.api#pattern", f"pattern on a {kind}")
            out.append(f"restop::pattern<{cpp_string(traits['smithy.api#pattern'])}>")
        return out

    def timestamp_format(self, member):
        """@timestampFormat of a timestamp member, or of the elements of a list/map of timestamps."""
        traits = self.member_traits(member)
        if "smithy.api#timestampFormat" in traits:
            return traits["smithy.api#timestampFormat"]
        target = self.shape(member["target"])
        if target["type"] in ("list", "set"):
            return self.timestamp_format(target["member"])
        if target["type"] == "map":
            return self.timestamp_format(target["value"])
        return None

    def default_parts(self, where, kind, sid, value):
        """(initializer text, default_value option) for a @default value."""
        if value is None:
            if kind == "document":
                return "", 'restop::default_value<"null">'
            refuse(where, "smithy.api#default", "a null default")
        if kind == "string":
            return " = " + cpp_string(value), f"restop::default_value<{cpp_string(value)}>"
        if kind == "enum":
            consts = self.enum_constants(sid)
            name = next((c for c, v in consts if v == value), None)
            init = f" = {self.type_names[sid]}::{name}" if name else f" = {self.type_names[sid]}{{{cpp_string(value)}}}"
            return init, f"restop::default_value<{cpp_string(value)}>"
        if kind == "intEnum":
            consts = self.enum_constants(sid)
            name = next((c for c, v in consts if v == value), None)
            init = f" = {self.type_names[sid]}::{name}" if name else f" = {value}"
            return init, f'restop::default_value<"{value}">'
        if kind == "boolean":
            text = "true" if value else "false"
            return f" = {text}", f'restop::default_value<"{text}">'
        if kind in INT_TYPES:
            return f" = {int(value)}", f'restop::default_value<"{int(value)}">'
        if kind in ("float", "double"):
            # as text: clang 14 has no floating-point template arguments
            text = cpp_double(value)
            return f" = {text}{'f' if kind == 'float' else ''}", f"restop::default_value<{cpp_string(text)}>"
        if kind in ("bigInteger", "bigDecimal"):
            text = json.dumps(value)
            return f" = {cpp_string(text)}", f"restop::default_value<{cpp_string(text)}>"
        if kind == "blob":
            import base64
            raw = base64.b64decode(value).decode("latin-1")
            return (f" = {cpp_string(raw)}" if raw else ""), f"restop::default_value<{cpp_string(value)}>"
        if kind == "timestamp":
            if isinstance(value, (int, float)):
                millis = round(float(value) * 1000)
                text = format_date_time(millis)
            else:
                text = value
                millis = parse_date_time_millis(where, value)
            init = f"{{std::chrono::milliseconds{{{millis}}}}}" if millis else ""
            return init, f"restop::default_value<{cpp_string(text)}>"
        if kind in ("list", "map"):
            if value not in ([], {}):
                refuse(where, "smithy.api#default", "a non-empty list or map default")
            return "", "restop::default_value<>"
        if kind == "document":
            text = json.dumps(value, sort_keys=True, separators=(",", ":"))
            if isinstance(value, bool):
                init = " = " + ("true" if value else "false")
            elif isinstance(value, str):
                init = " = " + cpp_string(value)
            elif isinstance(value, (int, float)):
                init = " = " + (str(value) if isinstance(value, int) else cpp_double(value))
            elif value == {}:
                init = " = boost::json::object{}"
            elif value == []:
                init = " = boost::json::array{}"
            else:
                init = f" = boost::json::parse({cpp_string(text)})"
            return init, f"restop::default_value<{cpp_string(text)}>"
        refuse(where, "smithy.api#default", f"a default on a {kind}")

    def enum_constants(self, sid):
        shape = self.shape(sid)
        kind = shape["type"]
        items = []
        if kind == "string":  # Smithy 1.0 @enum trait
            for entry in self.traits(sid)["smithy.api#enum"]:
                items.append((entry.get("name", entry["value"]), entry["value"]))
        else:
            for mname, m in shape.get("members", {}).items():
                value = m.get("traits", {}).get("smithy.api#enumValue", mname)
                items.append((mname, value))
        names = unique_names([(i, snake_case(n)) for i, (n, _) in enumerate(items)],
                             {"value", "is_known", "known_values", "string_enum", "int_enum"})
        return [(names[i], v) for i, (_, v) in enumerate(items)]

    # -- struct model ----------------------------------------------------------------------

    def build_struct(self, sid, name, role, op_id=None):
        """role: "input" (an operation), "output", "structure", "union", "error"."""
        shape = self.shape(sid)
        members_in = list(shape.get("members", {}).items())
        reserved = {"fields"}
        if role == "input":
            reserved = {"description", "service", "pagination"}
        elif role == "union":
            reserved = {"alternatives", "unknown"}
        elif role == "error":
            reserved = {"fields", "message", "wire_name", "wire_text", "http_status", "fault_kind", "is_retryable"}
        if role == "error":
            members_in = [(n, m) for n, m in members_in if n.lower() != "message"]
        cpp_names = unique_names([(n, snake_case(n)) for n, _ in members_in], reserved)
        struct = Struct(shape_id=sid, name=name, role=role, op_id=op_id, members=[],
                        member_names=set(cpp_names.values()),
                        traits=shape.get("traits", {}))
        scc = self.scc_of.get(sid, {sid})
        for mname, m in members_in:
            where = f"{sid}${mname}"
            mt = m.get("traits", {})
            traits = self.member_traits(m)
            target = m["target"]
            kind = self.kind(target)
            if kind in ("operation", "service", "resource"):
                refuse(where, "target", f"a member targets a {kind}")
            sensitive = "smithy.api#sensitive" in traits
            required = "smithy.api#required" in mt
            has_default = "smithy.api#default" in traits and traits["smithy.api#default"] is not None \
                and "smithy.api#clientOptional" not in mt
            if "smithy.api#default" in traits and traits["smithy.api#default"] is None:
                has_default = False
            if "smithy.api#clientOptional" in mt:
                required = False
            top_input = role == "input"
            value = self.value_type(target, struct, sensitive)
            recursive = kind in ("structure", "union") and target in scc and role in ("structure", "union", "error")
            wrapper = "optional"
            init = ""
            options = []
            param = None
            constraint_opts = self.constraints(where, m, traits, kind)
            if top_input and kind == "string" and not sensitive:
                param = "string"
                args = (["restop::required"] if required else []) + constraint_opts
                value = f"restop::string_param<{', '.join(args)}>" if args else "restop::string_param<>"
                wrapper = "param"
            elif top_input and kind in INT_TYPES:
                param = "integer"
                args = [INT_TYPES[kind]] + (["restop::required"] if required else []) + constraint_opts
                value = f"restop::integer_param<{', '.join(args)}>"
                wrapper = "param"
            else:
                plain = required or (has_default and not top_input)
                if role == "union":
                    plain = False
                if recursive:
                    wrapper = "boxed"
                elif plain:
                    wrapper = "plain"
                if has_default and not top_input and wrapper == "plain":
                    init, opt = self.default_parts(where, kind, target, traits["smithy.api#default"])
                    options.append(opt)
                if kind in INT_TYPES and wrapper == "plain" and not init:
                    init = " = 0"
                if kind in ("float", "double") and wrapper == "plain" and not init:
                    init = " = 0"
                if kind == "boolean" and wrapper == "plain" and not init:
                    init = " = false"
                if required and role != "union":
                    constraint_opts = ["restop::required"] + constraint_opts
            fmt = self.timestamp_format(m)
            if fmt is not None:
                if fmt not in TIMESTAMP_FORMATS:
                    refuse(where, "smithy.api#timestampFormat", f"unknown format {fmt}")
                options.insert(0, f"restop::format<restop::timestamp_format::{TIMESTAMP_FORMATS[fmt]}>")
            if "smithy.api#idempotencyToken" in mt:
                options.append("restop::idempotency_token")
            if sensitive:
                options.append("restop::sensitive")
            if wrapper != "param":
                options += constraint_opts
            if "smithy.api#mediaType" in traits:
                options.append(f"restop::media_type<{cpp_string(traits['smithy.api#mediaType'])}>")
            if wrapper == "optional":
                cpp_type = f"std::optional<{value}>"
            elif wrapper == "boxed":
                cpp_type = f"restop::boxed<{value}>"
            else:
                cpp_type = value
            struct.members.append(Member(
                name=mname, cpp_name=cpp_names[mname], target=target, kind=kind, cpp_type=cpp_type,
                value_type=value, wrapper=wrapper, param=param, init=init, options=options, traits=mt,
                all_traits=traits, binding=self.binding(where, role, mname, m, mt, kind, target),
                doc=mt.get("smithy.api#documentation"),
                deprecated=mt.get("smithy.api#deprecated")))
        self.check_bindings(sid, struct)
        return struct

    def binding(self, where, role, mname, m, mt, kind, target):
        """(binding template, wire name or None); body members are json_field."""
        http_roles = ("input", "output", "error")
        if role in http_roles:
            if "smithy.api#httpLabel" in mt and role == "input":
                return ("http_label", mname)
            if "smithy.api#httpQuery" in mt and role == "input":
                return ("http_query", mt["smithy.api#httpQuery"])
            if "smithy.api#httpQueryParams" in mt and role == "input":
                return ("http_query_params", None)
            if "smithy.api#httpHeader" in mt:
                return ("http_header", mt["smithy.api#httpHeader"])
            if "smithy.api#httpPrefixHeaders" in mt:
                return ("http_prefix_headers", mt["smithy.api#httpPrefixHeaders"])
            if "smithy.api#httpPayload" in mt:
                return ("http_payload", None)
            if "smithy.api#httpResponseCode" in mt and role == "output":
                return ("http_response_code", None)
        if "smithy.api#streaming" in self.traits(target) and kind == "blob" and "smithy.api#httpPayload" not in mt:
            refuse(where, "smithy.api#streaming", "a streaming blob must be the @httpPayload")
        return ("json_field", mt.get("smithy.api#jsonName", mname))

    def check_bindings(self, sid, struct):
        payloads = [m for m in struct.members if m.binding[0] == "http_payload"]
        if len(payloads) > 1:
            refuse(sid, "smithy.api#httpPayload", "more than one payload member")
        if payloads:
            unbound = [m.name for m in struct.members
                       if m.binding[0] == "json_field" and "smithy.api#hostLabel" not in m.traits]
            if unbound:
                refuse(sid, "smithy.api#httpPayload",
                       f"members without an HTTP binding beside the payload: {', '.join(unbound)}")
        for m in struct.members:
            if m.binding[0] == "http_payload" and m.kind not in ("blob", "string", "structure", "union", "document",
                                                                   "enum"):
                refuse(f"{sid}${m.name}", "smithy.api#httpPayload", f"a {m.kind} payload")
            if m.binding[0] == "http_response_code" and m.kind != "integer":
                refuse(f"{sid}${m.name}", "smithy.api#httpResponseCode", "the member must be an integer")
            if "smithy.api#hostLabel" in m.traits and struct.role == "input" and m.kind != "string":
                refuse(f"{sid}${m.name}", "smithy.api#hostLabel", "the member must be a string")

    # -- graph of named shapes ---------------------------------------------------------------

    def compute_sccs(self):
        graph = {}
        for sid in sorted(self.named):
            deps = set()
            for m in self.shape(sid).get("members", {}).values():
                if self.kind(sid) in ("enum", "intEnum"):
                    break
                self.named_deps(m["target"], deps)
            graph[sid] = sorted(deps)
        index = {}
        low = {}
        stack = []
        on_stack = set()
        sccs = []
        counter = [0]

        def strong(v):  # Tarjan, iterative enough for model sizes (recursion depth = chain length)
            index[v] = low[v] = counter[0]
            counter[0] += 1
            stack.append(v)
            on_stack.add(v)
            for w in graph[v]:
                if w not in index:
                    strong(w)
                    low[v] = min(low[v], low[w])
                elif w in on_stack:
                    low[v] = min(low[v], index[w])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                sccs.append(sorted(comp, key=lambda s: self.type_names[s]))

        sys.setrecursionlimit(max(10000, sys.getrecursionlimit()))
        for v in sorted(graph):
            if v not in index:
                strong(v)
        self.graph = graph
        self.scc_of = {}
        self.scc_list = sccs  # dependencies first
        for comp in sccs:
            for sid in comp:
                self.scc_of[sid] = set(comp)
        self.recursive = {sid for comp in sccs for sid in comp if len(comp) > 1 or sid in graph[sid]}
        self.file_of = {}
        for comp in sccs:
            fname = "types/" + self.type_names[comp[0]] + ".hpp"
            for sid in comp:
                self.file_of[sid] = fname

    # -- emitting ----------------------------------------------------------------------------

    def header(self, body_lines, includes):
        text = "\n".join(body_lines)
        std = []
        checks = [("std::int", "<cstdint>"), ("std::optional", "<optional>"), ("std::string", "<string>"),
                  ("std::vector", "<vector>"), ("std::map", "<map>"), ("std::array", "<array>"),
                  ("std::string_view", "<string_view>"), ("std::chrono", "<chrono>")]
        for needle, inc in checks:
            if needle in text and inc not in std:
                std.append(inc)
        if "std::string_view" in text and "<string_view>" not in std:
            std.append("<string_view>")
        lines = [f"// Generated by {GENERATOR} from {self.command}: do not edit.", "#pragma once", ""]
        lines += [f"#include {inc}" for inc in sorted(set(std))]
        if std:
            lines.append("")
        lines.append("#include <restop/description.hpp>")
        if "restop::document" in text or "boost::json::" in text:
            lines.append("#include <restop/document.hpp>")  # Boost.JSON, only where a document is used
        for inc in sorted(set(includes)):
            lines.append(f'#include "{self.include_prefix}/{inc}"')
        lines += ["", f"namespace {self.namespace} {{", ""]
        lines += body_lines
        lines += ["", f"}}  // namespace {self.namespace}", ""]
        return "\n".join(lines)

    def emit_fields(self, struct, keyword="fields", indent="    "):
        bindings = []
        for m in struct.members:
            bindings += self.binding_texts(struct, m)
        if not bindings:
            return [f"{indent}using {keyword} = restop::fields<>;"]
        head = f"{indent}using {keyword} = restop::fields<"
        return self.wrap_list(head, bindings, ">;", indent + "    ")

    def binding_texts(self, struct, m):
        kind, wire = m.binding
        ptr = f"&{struct.name}::{m.cpp_name}"
        opts = "".join(", " + o for o in m.options)
        out = []
        if kind in ("http_query_params", "http_response_code"):
            out.append(f"restop::{kind}<{ptr}>")
        elif kind == "http_payload":
            out.append(f"restop::http_payload<{ptr}{opts}>")
        elif kind == "http_prefix_headers":
            out.append(f"restop::http_prefix_headers<{cpp_string(wire)}, {ptr}>")
        else:
            if "smithy.api#hostLabel" in m.traits and struct.role == "input":
                out.append(f"restop::host_label<{cpp_string(m.name)}, {ptr}>")
                # A host label is no HTTP binding, so it also travels in the body; with a payload
                # there is no body for it.
                if kind == "json_field" and any(o.binding[0] == "http_payload" for o in struct.members):
                    return out
            out.append(f"restop::{kind}<{cpp_string(wire)}, {ptr}{opts}>")
        return out

    @staticmethod
    def wrap_list(head, items, tail, cont_indent, width=120):
        one = head + ", ".join(items) + tail
        if len(one) <= width:
            return [one]
        lines = []
        for i, item in enumerate(items):
            prefix = head if i == 0 else cont_indent
            suffix = tail if i == len(items) - 1 else ","
            lines.append(prefix + item + suffix)
        return lines

    def emit_members(self, struct, indent="    "):
        lines = []
        for m in struct.members:
            lines += doc_comment(m.doc, indent)
            dep = ""
            if m.deprecated is not None:
                msg = m.deprecated.get("message", "deprecated") if isinstance(m.deprecated, dict) else "deprecated"
                if isinstance(m.deprecated, dict) and m.deprecated.get("since"):
                    msg += f" (since {m.deprecated['since']})"
                dep = f"[[deprecated({cpp_string(msg)})]] "
            # Every member has an initializer, so that designated initialisation may leave any out
            # without -Wmissing-field-initializers.
            lines.append(f"{indent}{dep}{m.cpp_type} {m.cpp_name}{m.init or '{}'};")
        return lines

    def struct_doc(self, sid, indent=""):
        lines = doc_comment(self.traits(sid).get("smithy.api#documentation"), indent)
        return lines

    def deprecated_attr(self, traits):
        dep = traits.get("smithy.api#deprecated")
        if dep is None:
            return ""
        msg = dep.get("message", "deprecated") if isinstance(dep, dict) else "deprecated"
        if isinstance(dep, dict) and dep.get("since"):
            msg += f" (since {dep['since']})"
        return f"[[deprecated({cpp_string(msg)})]] "

    def emit_named(self, sid):
        kind = self.kind(sid)
        name = self.type_names[sid]
        lines = self.struct_doc(sid)
        dep = self.deprecated_attr(self.traits(sid))
        if kind == "enum":
            consts = self.enum_constants(sid)
            lines.append(f"struct {dep}{name} : restop::string_enum<{name}> {{")
            lines.append(f"    using restop::string_enum<{name}>::string_enum;")
            for cname, value in consts:
                lines.append(f"    static constexpr std::string_view {cname} = {cpp_string(value)};")
            lines += self.wrap_list(f"    static constexpr std::array<std::string_view, {len(consts)}> known_values = {{",
                                    [c for c, _ in consts], "};", "        ")
            lines.append("};")
            return lines
        if kind == "intEnum":
            consts = self.enum_constants(sid)
            lines.append(f"struct {dep}{name} : restop::int_enum<{name}> {{")
            lines.append(f"    using restop::int_enum<{name}>::int_enum;")
            for cname, value in consts:
                lines.append(f"    static constexpr std::int32_t {cname} = {value};")
            lines += self.wrap_list(f"    static constexpr std::array<std::int32_t, {len(consts)}> known_values = {{",
                                    [c for c, _ in consts], "};", "        ")
            lines.append("};")
            return lines
        traits = self.traits(sid)
        if "smithy.api#error" in traits:
            struct = self.structs[sid]
            fault = traits["smithy.api#error"]
            status = traits.get("smithy.api#httpError", 400 if fault == "client" else 500)
            args = [cpp_string(shape_name(sid)), str(status), f"restop::fault::{fault}"]
            if "smithy.api#retryable" in traits:
                args.append("restop::retryable::yes")
            lines.append(f"struct {dep}{name} : restop::error_shape<{', '.join(args)}> {{")
            lines += self.emit_members(struct)
            lines += self.emit_fields(struct)
            lines.append("};")
            return lines
        struct = self.structs[sid]
        lines.append(f"struct {dep}{name} {{")
        lines += self.emit_members(struct)
        if kind == "union":
            lines.append("    restop::unknown_alternative unknown{};")
            lines += self.emit_fields(struct, "alternatives")
        else:
            lines += self.emit_fields(struct)
        lines.append("};")
        return lines

    def includes_for(self, sids, own_file=None):
        out = set()
        for sid in sids:
            f = self.file_of[sid]
            if f != own_file:
                out.add(f)
        return out

    def struct_deps(self, sid):
        deps = set()
        for m in self.shape(sid).get("members", {}).values():
            self.named_deps(m["target"], deps)
        return deps

    def operation_parts(self, oid):
        op = self.shape(oid)
        traits = op.get("traits", {})
        name = self.op_names[oid]
        http = traits.get("smithy.api#http")
        if http is None:
            refuse(oid, "smithy.api#http", "restJson1 needs an HTTP binding on every operation")
        method = http["method"].upper()
        if method not in HTTP_METHODS:
            refuse(oid, "smithy.api#http", f"method {method}")
        if "smithy.api#auth" in traits:
            service_auth = self.service.get("traits", {}).get("smithy.api#auth")
            if traits["smithy.api#auth"] != service_auth:
                refuse(oid, "smithy.api#auth", "an operation-level auth scheme list")
        input_id = op.get("input", {}).get("target", "smithy.api#Unit")
        output_id = op.get("output", {}).get("target", "smithy.api#Unit")
        inp = self.build_struct(input_id, name, "input", oid)
        out = self.build_struct(output_id, self.output_names[oid], "output", oid)
        return op, traits, http, method, input_id, output_id, inp, out

    def emit_operation(self, oid):
        op, traits, http, method, input_id, output_id, inp, out = self.operation_parts(oid)
        name = self.op_names[oid]
        lines = []
        deps = self.struct_deps(input_id) | self.struct_deps(output_id)
        errors = [ref["target"] for ref in op.get("errors", [])]
        deps |= set(errors)
        has_output = bool(out.members)
        if has_output:
            lines.append(f"/// The output of {name}.")
            lines.append(f"struct {out.name} {{")
            lines += self.emit_members(out)
            lines += self.emit_fields(out)
            lines.append("};")
            lines.append("")
        lines += self.struct_doc(oid)
        dep = self.deprecated_attr(traits)
        lines.append(f"struct {dep}{name} {{")
        lines += self.emit_members(inp)
        if lines and inp.members:
            lines.append("")
        bindings = []
        for m in inp.members:
            bindings += self.binding_texts(inp, m)
        code = http.get("code", 200)
        args = [f"restop::http_method::{HTTP_METHODS[method]}", cpp_string(http["uri"]), str(code)]
        if bindings:
            member_lines = self.wrap_list("restop::members<", bindings, ">", "            ", 112)
        else:
            member_lines = ["restop::members<>"]
        if errors:
            err_text = f"{self.namespace}::service_errors_plus<{', '.join(self.type_names[e] for e in errors)}>"
        else:
            err_text = f"{self.namespace}::service_errors"
        rest = [err_text, out.name if has_output else "restop::empty_output"]
        endpoint = traits.get("smithy.api#endpoint")
        if endpoint is not None:
            rest.append(f"restop::host_prefix<{cpp_string(endpoint['hostPrefix'])}>")
            labels = re.findall(r"\{([^}]+)\}", endpoint["hostPrefix"])
            for label in labels:
                if not any(m.name == label and "smithy.api#hostLabel" in m.traits for m in inp.members):
                    refuse(oid, "smithy.api#endpoint", f"host prefix label {label} has no @hostLabel member")
        compression = traits.get("smithy.api#requestCompression")
        if compression is not None:
            encodings = [e for e in compression.get("encodings", []) if e.lower() == "gzip"]
            if not encodings:
                refuse(oid, "smithy.api#requestCompression", f"encodings {compression.get('encodings')}: restop implements gzip")
            rest.append("restop::request_compression<restop::compression::gzip>")
        if "smithy.api#httpChecksumRequired" in traits:
            rest.append("restop::checksum_required")
        lines.append(f"    using description = restop::operation<{', '.join(args)},")
        lines.append("        " + member_lines[0])
        for ml in member_lines[1:]:
            lines.append(ml)
        lines[-1] += ","
        for i, r in enumerate(rest):
            lines.append("        " + r + ("," if i < len(rest) - 1 else ">;"))
        lines.append(f"    using service = {self.namespace}::service;")
        pagination = self.pagination(oid, inp, out)
        if pagination:
            lines += self.wrap_list("    using pagination = restop::paginated<", pagination, ">;", "        ")
        lines.append("};")
        includes = self.includes_for(deps) | {"service.hpp"}
        return self.header(lines, includes)

    def pagination(self, oid, inp, out):
        traits = self.traits(oid)
        if "smithy.api#paginated" not in traits:
            return None
        merged = dict(self.service.get("traits", {}).get("smithy.api#paginated", {}))
        merged.update(traits["smithy.api#paginated"])
        for key in ("inputToken", "outputToken"):
            if key not in merged:
                refuse(oid, "smithy.api#paginated", f"no {key}")

        def find(struct, path, key):
            if "." in path:
                refuse(oid, "smithy.api#paginated", f"{key} {path} is a nested path")
            for m in struct.members:
                if m.name == path:
                    return f"&{struct.name}::{m.cpp_name}"
            refuse(oid, "smithy.api#paginated", f"{key} {path} is not a member")

        parts = [find(inp, merged["inputToken"], "inputToken"), find(out, merged["outputToken"], "outputToken")]
        if "items" in merged:
            parts.append(find(out, merged["items"], "items"))
        if "pageSize" in merged:
            if "items" not in merged:
                refuse(oid, "smithy.api#paginated", "pageSize without items")
            parts.append(find(inp, merged["pageSize"], "pageSize"))
        return parts

    def emit_service(self):
        traits = self.service.get("traits", {})
        lines = []
        for oid, (where, why) in self.omitted:
            lines.append(f"// Not generated (--omit-event-streams): {shape_name(oid)}: {where} ({why}).")
        if lines:
            lines.append("")
        lines += doc_comment(traits.get("smithy.api#documentation")) or [f"/// The service {self.service_id}."]
        lines.append("struct service {")
        lines.append(f"    static constexpr std::string_view shape_id = {cpp_string(self.service_id)};")
        sdk_id = traits.get("aws.api#service", {}).get("sdkId")
        if sdk_id is not None:
            lines.append(f"    static constexpr std::string_view sdk_id = {cpp_string(sdk_id)};")
        if self.service.get("version"):
            lines.append(f"    static constexpr std::string_view version = {cpp_string(self.service['version'])};")
        endpoint = self.default_endpoint()
        fips = self.tested_endpoint({"UseFIPS": True}) if endpoint else ""
        lines.append(f"    static constexpr std::string_view default_endpoint = {cpp_string(endpoint)};")
        if fips:
            lines.append(f"    static constexpr std::string_view fips_endpoint = {cpp_string(fips)};")
        lines.append(f"    using auth = {self.auth()};")
        errs = [self.type_names[e] for e in self.service_error_ids]
        lines += self.wrap_list("    using errors = restop::errors<", errs, ">;", "        ")
        lines.append("};")
        lines.append("")
        lines.append("template <class... OperationErrors>")
        lines.append("using service_errors_plus = restop::errors_join<service::errors, restop::errors<OperationErrors...>>;")
        lines.append("using service_errors = service::errors;")
        if endpoint:
            lines.append("")
            lines.append("/// The service's endpoint (and its FIPS endpoint), as the model's endpoint rules give them.")
            lines.append("inline constexpr std::string_view default_endpoint = service::default_endpoint;")
            if fips:
                lines.append("inline constexpr std::string_view fips_endpoint = service::fips_endpoint;")
        return self.header(lines, self.includes_for(self.service_error_ids))

    def default_endpoint(self):
        """The endpoint when the rule set names exactly one constant URL, else "" (the caller's)."""
        rules = self.service.get("traits", {}).get("smithy.rules#endpointRuleSet")
        if not rules:
            return ""
        urls = set()

        def walk(node):
            if isinstance(node, dict):
                ep = node.get("endpoint")
                if isinstance(ep, dict) and isinstance(ep.get("url"), str):
                    urls.add(ep["url"])
                for v in node.values():
                    walk(v)
            elif isinstance(node, list):
                for v in node:
                    walk(v)

        walk(rules)
        constant = sorted(u for u in urls if "{" not in u)
        if len(urls) == 1 and constant:
            return constant[0]
        return self.tested_endpoint({})

    def tested_endpoint(self, params):
        """The URL the rule set's own tests (smithy.rules#endpointTests) expect for exactly
        `params` (the empty set: every parameter at its default), else "". A rule set that
        computes its URL from a partition still names it in its tests."""
        tests = self.service.get("traits", {}).get("smithy.rules#endpointTests", {})
        for case in tests.get("testCases", []):
            url = case.get("expect", {}).get("endpoint", {}).get("url")
            if case.get("params", {}) == params and isinstance(url, str) and "{" not in url:
                return url
        return ""

    def auth(self):
        traits = self.service.get("traits", {})
        schemes = traits.get("smithy.api#auth")
        known = {"smithy.api#httpBearerAuth", "aws.auth#sigv4", "smithy.api#httpBasicAuth",
                 "smithy.api#httpDigestAuth", "smithy.api#httpApiKeyAuth", "smithy.api#noAuth"}
        if schemes is None:
            schemes = sorted(t for t in traits if t in known)
        if not schemes:
            return "restop::anonymous_auth"
        for scheme in schemes:
            if scheme == "smithy.api#httpBearerAuth":
                return "restop::http_bearer_auth"
            if scheme == "aws.auth#sigv4":
                return f"restop::sigv4_auth<{cpp_string(traits['aws.auth#sigv4']['name'])}>"
            if scheme == "smithy.api#noAuth":
                return "restop::anonymous_auth"
        refuse(self.service_id, schemes[0], "restop implements httpBearerAuth and sigv4 only")

    def generate(self):
        """{relative path: text}; the umbrella's key is "../<basename>.hpp" relative to DIR."""
        self.scc_of = {}
        self.compute_sccs()
        self.structs = {}
        for sid in sorted(self.named):
            kind = self.kind(sid)
            if kind in ("structure", "union"):
                role = "union" if kind == "union" else ("error" if "smithy.api#error" in self.traits(sid) else "structure")
                self.structs[sid] = self.build_struct(sid, self.type_names[sid], role)
        files = {}
        for comp in self.scc_list:
            fname = self.file_of[comp[0]]
            lines = []
            if len(comp) > 1 or comp[0] in self.recursive:
                for sid in comp:
                    if self.kind(sid) in ("structure", "union"):
                        lines.append(f"struct {self.type_names[sid]};")
                lines.append("")
            deps = set()
            for i, sid in enumerate(comp):
                if i:
                    lines.append("")
                lines += self.emit_named(sid)
                deps |= set(self.graph[sid])
            files[fname] = self.header(lines, self.includes_for(deps, fname))
        self.operation_structs = {}
        for oid in self.operation_ids:
            files[self.op_names[oid] + ".hpp"] = self.emit_operation(oid)
        files["service.hpp"] = self.emit_service()
        return files

    # -- the CLI table (--cli-table) ----------------------------------------------------------

    def cli_type_text(self, sid):
        """How the CLI's help names a member's type."""
        kind = self.kind(sid)
        if kind == "list":
            return "list of " + self.cli_type_text(self.shape(sid)["member"]["target"])
        if kind == "map":
            return "map of string to " + self.cli_type_text(self.shape(sid)["value"]["target"])
        if kind in ("structure", "union"):
            return f"{kind} {self.base_name(sid)} (JSON)"
        if kind in ("enum", "intEnum"):
            return f"enum {self.base_name(sid)}"
        return {"byte": "integer", "short": "integer", "integer": "integer", "long": "integer", "float": "number",
                "double": "number", "bigInteger": "integer (any size)", "bigDecimal": "number (exact)",
                "timestamp": "timestamp (RFC 3339)", "blob": "blob (base64)", "document": "JSON",
                "boolean": "boolean", "string": "string"}[kind]

    def cli_constraints_text(self, m):
        """The constraints of a member in the words of the CLI's help."""
        t = m.all_traits
        out = []
        if "smithy.api#required" in m.traits and "smithy.api#clientOptional" not in m.traits:
            out.append("required")
        if "smithy.api#length" in t:
            lo, hi = t["smithy.api#length"].get("min"), t["smithy.api#length"].get("max")
            out.append(f"length {'' if lo is None else lo}..{'' if hi is None else hi}")
        if "smithy.api#range" in t:
            lo, hi = t["smithy.api#range"].get("min"), t["smithy.api#range"].get("max")
            fmt = lambda v: "" if v is None else (str(int(v)) if float(v).is_integer() else str(v))
            out.append(f"range {fmt(lo)}..{fmt(hi)}")
        if "smithy.api#pattern" in t:
            pattern = t["smithy.api#pattern"]
            for raw, shown in (("\n", "\\n"), ("\t", "\\t"), ("\r", "\\r")):
                pattern = pattern.replace(raw, shown)  # one line of help per member
            out.append(f"pattern {pattern}")
        if m.kind in ("enum", "intEnum"):
            out.append("one of " + ", ".join(str(v) for _, v in self.enum_constants(m.target)))
        if t.get("smithy.api#default") is not None and t.get("smithy.api#default") not in ([], {}):
            out.append(f"default {json.dumps(t['smithy.api#default'])}")
        if "smithy.api#idempotencyToken" in m.traits:
            out.append("idempotency token (made when absent)")
        if "smithy.api#sensitive" in t:
            out.append("sensitive")
        return ", ".join(out)

    def cli_location_text(self, m):
        kind, wire = m.binding
        if kind == "json_field":
            return "body" if wire == m.name else f"body {wire}"
        return {"http_label": "label", "http_query": "query", "http_header": "header",
                "http_prefix_headers": "headers", "http_payload": "payload", "http_query_params": "query",
                "http_response_code": "status"}[kind] + (f" {wire}" if wire and kind != "http_label" else "")

    def cli_table(self, path, command):
        """A header for a command-line tool over the service: per operation its command name
        (kebab-case), first sentence, and the model's name, type, location, constraints and first
        sentence of each input member, in the order of the description's members<...>, and the
        model's names of the output members in the order of their fields<...>."""
        ns = self.namespace + "::cli"
        lines = [f"// Generated by {GENERATOR} from {command}: do not edit.", "#pragma once", "",
                 "#include <array>", "#include <string_view>", "",
                 f'#include "{self.include_prefix}.hpp"', "", f"namespace {ns} {{", "",
                 "/// One input member of an operation as a command line shows it.",
                 "struct member_info {",
                 "    std::string_view name;         ///< the model's member name: the key in --cli-input-json",
                 "    std::string_view flag;         ///< --kebab-case-member",
                 "    std::string_view type;         ///< e.g. \"string\", \"list of string\", \"structure Filter (JSON)\"",
                 "    std::string_view location;     ///< where it travels: label, query NAME, header NAME, body",
                 "    std::string_view constraints;  ///< e.g. \"required, length 1..63\"",
                 "    std::string_view summary;      ///< the model's first sentence",
                 "};", "",
                 "/// What a command line needs of operation `Op` besides its description:",
                 "/// `name`, `summary`, `input` (one entry per binding of `Op::description`'s members, in order),",
                 "/// `output` (the model's name of each field of the output, in order).",
                 "template <class Op>",
                 "struct table;", ""]
        order = sorted(self.operation_ids, key=lambda oid: kebab_case(self.base_name(oid)))
        for oid in order:
            op, traits, http, method, input_id, output_id, inp, out = self.operation_parts(oid)
            name = self.op_names[oid]
            lines.append("template <>")
            lines.append(f"struct table<{self.namespace}::{name}> {{")
            lines.append(f"    static constexpr std::string_view name = {cpp_string(kebab_case(self.base_name(oid)))};")
            lines.append(f"    static constexpr std::string_view summary = "
                         f"{cpp_string(first_sentence(traits.get('smithy.api#documentation')))};")
            entries = []
            for m in inp.members:
                fields = [m.name, "--" + kebab_case(m.name), self.cli_type_text(m.target), self.cli_location_text(m),
                          self.cli_constraints_text(m), first_sentence(m.doc)]
                entries.append("{" + ", ".join(cpp_string(f) for f in fields) + "}")
            if entries:
                lines.append(f"    static constexpr std::array<member_info, {len(entries)}> input{{{{")
                for i, e in enumerate(entries):
                    lines.append("        " + e + ("," if i < len(entries) - 1 else ""))
                lines.append("    }};")
            else:
                lines.append("    static constexpr std::array<member_info, 0> input{};")
            names = [cpp_string(m.name) for m in out.members]
            lines += self.wrap_list(f"    static constexpr std::array<std::string_view, {len(names)}> output{{",
                                    names, "};", "        ")
            lines.append("};")
            lines.append("")
        lines.append("/// Every operation, in the order of their command names.")
        lines.append("template <class... Ops>")
        lines.append("struct operation_list {};")
        lines += self.wrap_list("using operations = operation_list<",
                                [f"{self.namespace}::{self.op_names[oid]}" for oid in order], ">;", "    ")
        lines += ["", f"}}  // namespace {ns}", ""]
        return "\n".join(lines)

    def umbrella(self, files, out_base):
        lines = [f"// Generated by {GENERATOR} from {self.command}: do not edit.", "#pragma once", ""]
        lines.append(f"// Every description of {self.service_id}.")
        for path in sorted(files):
            lines.append(f'#include "{self.include_prefix}/{path}"')
        lines.append("")
        return "\n".join(lines)


def format_date_time(millis):
    import datetime
    when = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(milliseconds=millis)
    text = when.strftime("%Y-%m-%dT%H:%M:%S")
    if millis % 1000:
        text += f".{millis % 1000:03d}"
    return text + "Z"


def parse_date_time_millis(where, text):
    import datetime
    match = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?Z", text)
    if not match:
        refuse(where, "smithy.api#default", f"timestamp default {text!r} is not a UTC date-time")
    y, mo, d, h, mi, s = (int(g) for g in match.groups()[:6])
    frac = match.group(7) or ""
    when = datetime.datetime(y, mo, d, h, mi, s, tzinfo=datetime.timezone.utc)
    epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
    millis = int((when - epoch).total_seconds()) * 1000
    if frac:
        millis += int((frac[1:] + "000")[:3])
    return millis


# ---------------------------------------------------------------------------------------------
# Command line

def build_command(args):
    parts = [args.model_label or args.model, "--service", args.service, "--namespace", args.namespace]
    if args.include_prefix is not None:
        parts += ["--include-prefix", args.include_prefix]
    if args.omit_event_streams:
        parts.append("--omit-event-streams")
    return " ".join(parts)


def generate_files(args):
    """{path (as given by --out, joined): text} for every file the run writes."""
    with open(args.model, encoding="utf-8") as f:
        model = json.load(f)
    out_dir = os.path.normpath(args.out)
    prefix = args.include_prefix if args.include_prefix is not None else os.path.basename(out_dir)
    gen = Generator(model, args.service, args.namespace, prefix, build_command(args), args.omit_event_streams)
    files = gen.generate()
    result = {os.path.join(out_dir, path): text for path, text in files.items()}
    result[out_dir + ".hpp"] = gen.umbrella(files, os.path.basename(out_dir))
    if getattr(args, "cli_table", None):
        command = build_command(args) + " --cli-table " + args.cli_table
        result[os.path.normpath(args.cli_table)] = gen.cli_table(args.cli_table, command)
    return gen, result


def write_or_check(result, out_dir, check):
    """Writes the files (removing stale generated headers in out_dir), or with check compares
    them and returns the list of differences."""
    existing = set()
    if os.path.isdir(out_dir):
        for root, _, names in os.walk(out_dir):
            for n in names:
                if n.endswith(".hpp"):
                    existing.add(os.path.join(root, n))
    problems = []
    for path in sorted(result):
        text = result[path]
        old = None
        if os.path.exists(path):
            with open(path, encoding="utf-8", newline="") as f:
                old = f.read()
        if old != text:
            if check:
                problems.append(f"{path}: {'missing' if old is None else 'differs from the generator output'}")
            else:
                os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
                with open(path, "w", encoding="utf-8", newline="") as f:
                    f.write(text)
    for path in sorted(existing - set(result)):
        if check:
            problems.append(f"{path}: not produced by the generator")
        else:
            os.remove(path)
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(prog="restop_gen", description="Smithy JSON AST -> restop descriptions")
    parser.add_argument("model")
    parser.add_argument("--service", required=True)
    parser.add_argument("--namespace", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--include-prefix", default=None,
                        help="the prefix of the generated #include lines (default: the basename of --out)")
    parser.add_argument("--model-label", default=None,
                        help="the model path the generated files' first line names (default: MODEL as given), "
                             "so that a checkout with the model elsewhere regenerates the same bytes")
    parser.add_argument("--omit-event-streams", action="store_true",
                        help="leave out operations with event streams, listing them in service.hpp")
    parser.add_argument("--cli-table", default=None, metavar="FILE",
                        help="also write FILE: per operation its command name, summary and members, for a CLI")
    parser.add_argument("--check", action="store_true", help="compare with the files on disk; write nothing")
    args = parser.parse_args(argv)
    try:
        _, result = generate_files(args)
    except GenError as e:
        print(f"restop_gen: {e}", file=sys.stderr)
        return 2
    problems = write_or_check(result, os.path.normpath(args.out), args.check)
    if problems:
        for p in problems:
            print(f"restop_gen: {p}", file=sys.stderr)
        print("restop_gen: the generated files drifted; rerun without --check", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
