"""Unit tests of tools/restop_gen.py on small Smithy models built here (standard library only).

    cd tests/gen && python3 -m unittest -v test_restop_gen
"""

import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TOOLS = os.path.join(os.path.dirname(os.path.dirname(HERE)), "tools")
sys.path.insert(0, TOOLS)
import restop_gen as rg  # noqa: E402

NS = "example.widgets#"


def model(shapes, service_traits=None, service_extra=None):
    """A restJson1 service `example.widgets#Widgets` holding `shapes`; every operation shape is
    attached to the service unless service_extra says otherwise."""
    service = {"type": "service", "version": "2024-01-01",
               "traits": {"aws.protocols#restJson1": {}, **(service_traits or {})}}
    ops = sorted(k for k, v in shapes.items() if v["type"] == "operation")
    service["operations"] = [{"target": NS + k} for k in ops]
    service.update(service_extra or {})
    all_shapes = {NS + k: v for k, v in shapes.items()}
    all_shapes[NS + "Widgets"] = service
    return {"smithy": "2.0", "shapes": all_shapes}


def op(name, uri, method="POST", input=None, output=None, errors=(), traits=None, code=None):
    http = {"method": method, "uri": uri}
    if code is not None:
        http["code"] = code
    shape = {"type": "operation", "traits": {"smithy.api#http": http, **(traits or {})}}
    shape["input"] = {"target": NS + input if input else "smithy.api#Unit"}
    shape["output"] = {"target": NS + output if output else "smithy.api#Unit"}
    if errors:
        shape["errors"] = [{"target": NS + e} for e in errors]
    return shape


def struct(members, traits=None, **extra):
    shape = {"type": "structure", "members": {}, **extra}
    for name, spec in members.items():
        if isinstance(spec, str):
            spec = {"target": spec}
        shape["members"][name] = spec
    if traits:
        shape["traits"] = traits
    return shape


def generate(m, **kw):
    gen = rg.Generator(m, NS + "Widgets", kw.get("namespace", "acme::widgets"), "widgets", "model.json --service x",
                       kw.get("omit_event_streams", False))
    return gen.generate()


def refusal(m):
    with self_assert_raises() as ctx:
        generate(m)
    return str(ctx.exception)


@contextlib.contextmanager
def self_assert_raises():
    class Holder:
        exception = None
    holder = Holder()
    try:
        yield holder
    except rg.GenError as e:
        holder.exception = e
    else:
        raise AssertionError("restop_gen accepted the model")


class Names(unittest.TestCase):
    def test_snake_case(self):
        cases = {"DeleteAccessToken": "delete_access_token", "nextToken": "next_token", "HTTPPayload": "http_payload",
                 "S3Key": "s3_key", "FOO_BAR": "foo_bar", "X-Amz-Id": "x_amz_id", "class": "class_",
                 "Default": "default_", "ABC123Def": "abc123_def", "1st": "_1st", "fooBARBaz": "foo_bar_baz"}
        for name, expected in cases.items():
            self.assertEqual(rg.snake_case(name), expected, name)

    def test_collisions_are_resolved_in_model_order(self):
        m = model({"Op": op("Op", "/", input="OpInput"),
                   "OpInput": struct({"fooBar": "smithy.api#String", "FooBar": "smithy.api#String",
                                      "description": "smithy.api#String"})})
        text = generate(m)["op.hpp"]
        self.assertIn("restop::string_param<> foo_bar{};", text)
        self.assertIn("restop::string_param<> foo_bar_2{};", text)
        self.assertIn("restop::string_param<> description_{};", text)  # `description` is the operation's alias
        self.assertIn('restop::json_field<"FooBar", &op::foo_bar_2>', text)

    def test_type_names_collide_deterministically_and_renames_apply(self):
        m = model({"Op": op("Op", "/", input="OpInput"),
                   "OpInput": struct({"a": NS + "Thing", "b": "other#Thing"})})
        m["shapes"]["other#Thing"] = struct({"x": "smithy.api#String"})
        m["shapes"][NS + "Thing"] = struct({"y": "smithy.api#String"})
        files = generate(m)
        self.assertIn("types/thing.hpp", files)
        self.assertIn("types/thing_2.hpp", files)
        self.assertIn("struct thing {\n    std::optional<std::string> y{};", files["types/thing.hpp"])  # sorted by shape id
        m["shapes"][NS + "Widgets"]["rename"] = {"other#Thing": "OtherThing"}
        files = generate(m)
        self.assertIn("types/other_thing.hpp", files)

    def test_member_named_like_its_type_is_qualified(self):
        m = model({"Op": op("Op", "/", output="Out"),
                   "Out": struct({"widget": NS + "Widget", "other": NS + "Widget"}),
                   "Widget": struct({"id": "smithy.api#String"})})
        text = generate(m)["op.hpp"]
        self.assertIn("std::optional<::acme::widgets::widget> widget{};", text)
        self.assertIn("std::optional<::acme::widgets::widget> other{};", text)


class Mixins(unittest.TestCase):
    def test_members_and_traits_are_copied_and_the_mixin_is_gone(self):
        m = model({
            "Op": op("Op", "/", output="Out"),
            "Out": struct({"own": "smithy.api#String"}, mixins=[{"target": NS + "Base"}]),
            "Base": struct({"id": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}},
                            "secret": "smithy.api#String"},
                           traits={"smithy.api#mixin": {}, "smithy.api#documentation": "From the mixin."}),
            "Err": struct({"message": "smithy.api#String"}, mixins=[{"target": NS + "ErrBase"}],
                          traits={"smithy.api#error": "client"}),
            "ErrBase": struct({"reason": "smithy.api#String"},
                              traits={"smithy.api#mixin": {"localTraits": ["smithy.api#documentation"]},
                                      "smithy.api#documentation": "Not inherited."}),
        })
        m["shapes"][NS + "Op"]["errors"] = [{"target": NS + "Err"}]
        files = generate(m)
        out = files["op.hpp"]
        self.assertIn("    std::string id{};\n    std::optional<std::string> secret{};\n    std::optional<std::string> own{};", out)
        self.assertIn('restop::json_field<"id", &op_output::id, restop::required>', out)
        self.assertNotIn("base", "".join(files))
        err = files["types/err.hpp"]
        self.assertIn("std::optional<std::string> reason{};", err)
        self.assertNotIn("Not inherited", err)
        self.assertNotIn("message", err.split("struct err")[1].split("using fields")[0])  # the base class holds it

    def test_apply_adds_traits_to_shapes_and_members(self):
        m = model({"Op": op("Op", "/", input="In"), "In": struct({"a": "smithy.api#String"})})
        m["shapes"][NS + "In$a"] = {"type": "apply", "traits": {"smithy.api#jsonName": "A", "smithy.api#required": {}}}
        m["shapes"][NS + "Op"]["traits"]["smithy.api#documentation"] = "Base."
        m["shapes"][NS + "Op2"] = {"type": "apply", "traits": {}}
        m["shapes"][NS + "Op$x"] = {"type": "apply", "traits": {}}
        del m["shapes"][NS + "Op2"], m["shapes"][NS + "Op$x"]
        text = generate(m)["op.hpp"]
        self.assertIn("restop::string_param<restop::required> a{};", text)
        self.assertIn('restop::json_field<"A", &op::a>', text)


class Resources(unittest.TestCase):
    @staticmethod
    def resource_model():
        shapes = {name: op(name, "/" + name) for name in
                  ("CreateW", "GetW", "ListW", "Touch", "Count", "GetPart", "PutW", "UpdateW", "DeleteW")}
        shapes["W"] = {"type": "resource", "create": {"target": NS + "CreateW"}, "read": {"target": NS + "GetW"},
                       "list": {"target": NS + "ListW"}, "put": {"target": NS + "PutW"},
                       "update": {"target": NS + "UpdateW"}, "delete": {"target": NS + "DeleteW"},
                       "operations": [{"target": NS + "Touch"}], "collectionOperations": [{"target": NS + "Count"}],
                       "resources": [{"target": NS + "Part"}]}
        shapes["Part"] = {"type": "resource", "read": {"target": NS + "GetPart"}}
        return model(shapes, service_extra={"operations": [], "resources": [{"target": NS + "W"}]})

    def test_operations_are_reached_through_resources(self):
        m = self.resource_model()
        files = generate(m)
        for name in ("create_w", "get_w", "list_w", "touch", "count", "get_part", "put_w", "update_w", "delete_w"):
            self.assertIn(name + ".hpp", files)


class Types(unittest.TestCase):
    def setUp(self):
        prim = {k: "smithy.api#" + v for k, v in {
            "s": "String", "b": "Boolean", "i8": "Byte", "i16": "Short", "i32": "Integer", "i64": "Long",
            "f": "Float", "d": "Double", "bi": "BigInteger", "bd": "BigDecimal", "bl": "Blob", "doc": "Document",
            "ts": "Timestamp"}.items()}
        self.shapes = {
            "Op": op("Op", "/w", output="Out"),
            "Out": struct({**prim, "e": NS + "Color", "ie": NS + "Level", "l": NS + "Names", "sl": NS + "SparseNames",
                           "m": NS + "Tags", "sm": NS + "SparseTags", "u": NS + "Choice", "st": NS + "Inner",
                           "tree": NS + "Tree", "secret": {"target": NS + "Secret"},
                           "legacy": NS + "LegacyEnum"}),
            "Color": {"type": "enum", "members": {
                "RED": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "red"}},
                "DarkBlue": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "dark-blue"}},
                "value": {"target": "smithy.api#Unit"}}},
            "Level": {"type": "intEnum", "members": {
                "LOW": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 1}}}},
            "LegacyEnum": {"type": "string", "traits": {"smithy.api#enum": [{"value": "a-b", "name": "A_B"}]}},
            "Names": {"type": "list", "member": {"target": "smithy.api#String"}},
            "SparseNames": {"type": "list", "member": {"target": "smithy.api#String"}, "traits": {"smithy.api#sparse": {}}},
            "Tags": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": NS + "Names"}},
            "SparseTags": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#Integer"},
                           "traits": {"smithy.api#sparse": {}}},
            "Choice": {"type": "union", "members": {"text": {"target": "smithy.api#String"},
                                                    "inner": {"target": NS + "Inner"},
                                                    "nothing": {"target": "smithy.api#Unit"}}},
            "Inner": struct({"n": {"target": "smithy.api#Integer", "traits": {"smithy.api#required": {}}}}),
            "Tree": struct({"left": NS + "Tree", "kids": NS + "Trees", "label": "smithy.api#String"}),
            "Trees": {"type": "list", "member": {"target": NS + "Tree"}},
            "Secret": {"type": "string", "traits": {"smithy.api#sensitive": {}}},
        }

    def test_every_type(self):
        files = generate(model(self.shapes))
        out = files["op.hpp"]
        for decl in ("std::optional<std::string> s{};", "std::optional<bool> b{};", "std::optional<std::int8_t> i8{};",
                     "std::optional<std::int16_t> i16{};", "std::optional<std::int32_t> i32{};",
                     "std::optional<std::int64_t> i64{};", "std::optional<float> f{};", "std::optional<double> d{};",
                     "std::optional<restop::big_integer> bi{};", "std::optional<restop::big_decimal> bd{};",
                     "std::optional<restop::blob> bl{};", "std::optional<restop::document> doc{};",
                     "std::optional<restop::timestamp> ts{};", "std::optional<color> e{};", "std::optional<level> ie{};",
                     "std::optional<std::vector<std::string>> l{};",
                     "std::optional<std::vector<std::optional<std::string>>> sl{};",
                     "std::optional<std::map<std::string, std::vector<std::string>>> m{};",
                     "std::optional<std::map<std::string, std::optional<std::int32_t>>> sm{};",
                     "std::optional<choice> u{};", "std::optional<inner> st{};", "std::optional<::acme::widgets::tree> tree{};",
                     "std::optional<restop::sensitive_string> secret{};", "std::optional<legacy_enum> legacy{};"):
            self.assertIn("    " + decl + "\n", out)
        self.assertIn('restop::json_field<"secret", &op_output::secret, restop::sensitive>', out)
        color = files["types/color.hpp"]
        self.assertIn("struct color : restop::string_enum<color> {\n    using restop::string_enum<color>::string_enum;\n"
                      '    static constexpr std::string_view red = "red";\n'
                      '    static constexpr std::string_view dark_blue = "dark-blue";\n'
                      '    static constexpr std::string_view value_ = "value";\n'
                      "    static constexpr std::array<std::string_view, 3> known_values = {red, dark_blue, value_};\n};",
                      color)
        self.assertIn("#include <array>", color)
        self.assertIn("    static constexpr std::int32_t low = 1;", files["types/level.hpp"])
        self.assertIn('static constexpr std::string_view a_b = "a-b";', files["types/legacy_enum.hpp"])
        choice = files["types/choice.hpp"]
        self.assertIn("    std::optional<std::string> text{};\n    std::optional<::acme::widgets::inner> inner{};\n"
                      "    std::optional<restop::unit> nothing{};\n    restop::unknown_alternative unknown{};\n"
                      "    using alternatives = restop::fields<", choice)
        self.assertIn('#include "widgets/types/inner.hpp"', choice)
        tree = files["types/tree.hpp"]
        self.assertIn("struct tree;\n\nstruct tree {\n    restop::boxed<tree> left{};\n"
                      "    std::optional<std::vector<tree>> kids{};", tree)
        self.assertIn("    std::int32_t n = 0;", files["types/inner.hpp"])

    def test_defaults_and_required(self):
        shapes = {
            "Op": op("Op", "/w", input="In", output="Out"),
            "In": struct({"top": {"target": "smithy.api#Integer", "traits": {"smithy.api#default": 5}},
                          "flag": {"target": "smithy.api#Boolean", "traits": {"smithy.api#default": True}}}),
            "Out": struct({
                "s": {"target": "smithy.api#String", "traits": {"smithy.api#default": "hi"}},
                "n": {"target": "smithy.api#Long", "traits": {"smithy.api#default": 7}},
                "d": {"target": "smithy.api#Double", "traits": {"smithy.api#default": 1.5}},
                "t": {"target": "smithy.api#Timestamp", "traits": {"smithy.api#default": 1.25}},
                "bl": {"target": "smithy.api#Blob", "traits": {"smithy.api#default": "YWJj"}},
                "l": {"target": NS + "Names", "traits": {"smithy.api#default": []}},
                "doc": {"target": "smithy.api#Document", "traits": {"smithy.api#default": {}}},
                "opt": {"target": "smithy.api#String",
                        "traits": {"smithy.api#default": "x", "smithy.api#clientOptional": {}}},
                "prim": {"target": "smithy.api#PrimitiveInteger"},
                "req": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}}}),
            "Names": {"type": "list", "member": {"target": "smithy.api#String"}},
        }
        text = generate(model(shapes))["op.hpp"]
        for decl in ('std::string s = "hi";', "std::int64_t n = 7;", "double d = 1.5;",
                     "restop::timestamp t{std::chrono::milliseconds{1250}};", 'restop::blob bl = "abc";',
                     "std::vector<std::string> l{};", "restop::document doc = boost::json::object{};",
                     "std::optional<std::string> opt{};", "std::int32_t prim = 0;", "std::string req{};",
                     "restop::integer_param<std::int32_t> top{};", "std::optional<bool> flag{};"):
            self.assertIn("    " + decl + "\n", text)
        for binding in ('restop::json_field<"s", &op_output::s, restop::default_value<"hi">>',
                        'restop::json_field<"d", &op_output::d, restop::default_value<"1.5">>',
                        'restop::json_field<"t", &op_output::t, restop::default_value<"1970-01-01T00:00:01.250Z">>',
                        'restop::json_field<"bl", &op_output::bl, restop::default_value<"YWJj">>',
                        'restop::json_field<"l", &op_output::l, restop::default_value<>>',
                        'restop::json_field<"doc", &op_output::doc, restop::default_value<"{}">>',
                        'restop::json_field<"opt", &op_output::opt>',
                        'restop::json_field<"req", &op_output::req, restop::required>',
                        'restop::json_field<"top", &op::top>', 'restop::json_field<"flag", &op::flag>'):
            self.assertIn(binding, text)


class Bindings(unittest.TestCase):
    @staticmethod
    def every_binding_shapes():
        return {
            "Op": op("Op", "/w/{id}/{rest+}?fixed=1", "PUT", "In", "Out", code=201, traits={
                "smithy.api#endpoint": {"hostPrefix": "{acct}.data."},
                "smithy.api#requestCompression": {"encodings": ["gzip"]},
                "smithy.api#httpChecksumRequired": {}}),
            "In": struct({
                "id": {"target": "smithy.api#String", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {},
                                                                   "smithy.api#length": {"min": 1, "max": 36},
                                                                   "smithy.api#pattern": "^[a-z]+$"}},
                "rest": {"target": "smithy.api#String", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}},
                "max": {"target": "smithy.api#Integer", "traits": {"smithy.api#httpQuery": "max",
                                                                    "smithy.api#range": {"min": 1, "max": 100}}},
                "all": {"target": NS + "Params", "traits": {"smithy.api#httpQueryParams": {}}},
                "since": {"target": "smithy.api#Timestamp", "traits": {"smithy.api#httpHeader": "X-Since",
                                                                        "smithy.api#timestampFormat": "http-date"}},
                "meta": {"target": NS + "Params", "traits": {"smithy.api#httpPrefixHeaders": "X-Meta-"}},
                "acct": {"target": "smithy.api#String", "traits": {"smithy.api#hostLabel": {}, "smithy.api#required": {}}},
                "token": {"target": "smithy.api#String", "traits": {"smithy.api#idempotencyToken": {},
                                                                    "smithy.api#httpHeader": "X-Token"}},
                "data": {"target": NS + "Text", "traits": {"smithy.api#httpPayload": {}}}}),
            "Out": struct({
                "status": {"target": "smithy.api#Integer", "traits": {"smithy.api#httpResponseCode": {}}},
                "etag": {"target": "smithy.api#String", "traits": {"smithy.api#httpHeader": "ETag"}},
                "when": {"target": NS + "Epoch", "traits": {"smithy.api#jsonName": "When"}}}),
            "Params": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#String"}},
            "Text": {"type": "blob", "traits": {"smithy.api#mediaType": "text/plain", "smithy.api#streaming": {}}},
            "Epoch": {"type": "timestamp", "traits": {"smithy.api#timestampFormat": "epoch-seconds"}},
        }

    def test_every_binding_and_operation_option(self):
        shapes = self.every_binding_shapes()
        text = generate(model(shapes))["op.hpp"]
        expected = [
            'restop::string_param<restop::required, restop::length<1, 36>, restop::pattern<"^[a-z]+$">> id{};',
            "restop::integer_param<std::int32_t, restop::range<1, 100>> max{};",
            'restop::http_label<"id", &op::id>', 'restop::http_label<"rest", &op::rest>',
            'restop::http_query<"max", &op::max>', "restop::http_query_params<&op::all>",
            'restop::http_header<"X-Since", &op::since, restop::format<restop::timestamp_format::http_date>>',
            'restop::http_prefix_headers<"X-Meta-", &op::meta>',
            'restop::host_label<"acct", &op::acct>',
            'restop::http_header<"X-Token", &op::token, restop::idempotency_token>',
            'restop::http_payload<&op::data, restop::media_type<"text/plain">>',
            "restop::http_response_code<&op_output::status>",
            'restop::http_header<"ETag", &op_output::etag>',
            'restop::json_field<"When", &op_output::when, restop::format<restop::timestamp_format::epoch_seconds>>',
            'using description = restop::operation<restop::http_method::put, "/w/{id}/{rest+}?fixed=1", 201,',
            "        acme::widgets::service_errors,\n        op_output,\n        restop::host_prefix<\"{acct}.data.\">,\n"
            "        restop::request_compression<restop::compression::gzip>,\n        restop::checksum_required>;",
            "    using service = acme::widgets::service;",
        ]
        for e in expected:
            self.assertIn(e, text)

    def test_methods(self):
        files = generate(model({"Del": op("Del", "/d", "DELETE"), "Get": op("Get", "/g", "GET")}))
        self.assertIn("restop::operation<restop::http_method::delete_, \"/d\", 200,", files["del.hpp"])
        self.assertIn("restop::operation<restop::http_method::get, \"/g\", 200,", files["get.hpp"])
        with self.assertRaises(rg.GenError) as ctx:
            generate(model({"Opt": op("Opt", "/o", "OPTIONS")}))
        self.assertEqual(str(ctx.exception), "example.widgets#Opt: cannot express trait smithy.api#http (method OPTIONS)")

    def test_errors_service_first_and_status(self):
        shapes = {
            "Op": op("Op", "/", errors=["Missing"]),
            "Plain": op("Plain", "/p"),
            "Missing": struct({"Message": "smithy.api#String", "id": "smithy.api#String"},
                              traits={"smithy.api#error": "client", "smithy.api#httpError": 404}),
            "Slow": struct({}, traits={"smithy.api#error": "server", "smithy.api#retryable": {"throttling": True}}),
        }
        files = generate(model(shapes, service_extra={"errors": [{"target": NS + "Slow"}]}))
        self.assertIn("acme::widgets::service_errors_plus<missing>,", files["op.hpp"])
        self.assertIn("acme::widgets::service_errors,", files["plain.hpp"])
        self.assertIn('struct missing : restop::error_shape<"Missing", 404, restop::fault::client> {\n'
                      "    std::optional<std::string> id{};\n"
                      '    using fields = restop::fields<restop::json_field<"id", &missing::id>>;\n};',
                      files["types/missing.hpp"])
        self.assertIn('struct slow : restop::error_shape<"Slow", 500, restop::fault::server, restop::retryable::yes> {',
                      files["types/slow.hpp"])
        service = files["service.hpp"]
        self.assertIn("    using errors = restop::errors<slow>;", service)
        self.assertIn('#include "widgets/types/slow.hpp"', service)
        self.assertIn("using service_errors_plus = restop::errors_join<service::errors, restop::errors<OperationErrors...>>;",
                      service)

    def test_auth_and_service_facts(self):
        shapes = {"Op": op("Op", "/")}
        service = generate(model(shapes, {"smithy.api#httpBearerAuth": {}, "aws.auth#sigv4": {"name": "w"},
                                          "aws.api#service": {"sdkId": "Widgets"}}))["service.hpp"]
        self.assertIn("using auth = restop::sigv4_auth<\"w\">;", service)  # no @auth: sorted by shape id
        self.assertIn('static constexpr std::string_view sdk_id = "Widgets";', service)
        service = generate(model(shapes, {"smithy.api#httpBearerAuth": {}, "aws.auth#sigv4": {"name": "w"},
                                          "smithy.api#auth": ["smithy.api#httpBearerAuth"]}))["service.hpp"]
        self.assertIn("using auth = restop::http_bearer_auth;", service)
        self.assertIn("using auth = restop::anonymous_auth;", generate(model(shapes))["service.hpp"])

    def test_pagination_merges_service_defaults(self):
        shapes = {
            "List": op("List", "/l", input="In", output="Out",
                       traits={"smithy.api#paginated": {"items": "things", "pageSize": "max"}}),
            "In": struct({"next": {"target": "smithy.api#String", "traits": {"smithy.api#httpQuery": "next"}},
                          "max": {"target": "smithy.api#Integer", "traits": {"smithy.api#httpQuery": "max"}}}),
            "Out": struct({"next": "smithy.api#String", "things": NS + "Names"}),
            "Names": {"type": "list", "member": {"target": "smithy.api#String"}},
        }
        text = generate(model(shapes, {"smithy.api#paginated": {"inputToken": "next", "outputToken": "next"}}))["list.hpp"]
        self.assertIn("    using pagination = restop::paginated<&list::next, &list_output::next, &list_output::things, "
                      "&list::max>;", text)
        self.assertTrue(all(len(line) <= 120 for line in text.splitlines()[1:]))


class Documentation(unittest.TestCase):
    def test_html_becomes_a_first_sentence_and_a_link_free_summary(self):
        doc = ("<p>Deletes a <a href=\"https://docs.aws.amazon.com/x\">token</a>. It can't be undone &amp; "
               "see https://example.com/more for more.</p><p>Second <code>para</code>.</p>")
        self.assertEqual(rg.doc_comment(doc), ["/// Deletes a token.", "///",
                                                "/// It can't be undone & see for more.", "///", "/// Second para."])
        long = "<p>" + "word " * 40 + "end.</p>"
        lines = rg.doc_comment(long, "    ")
        self.assertTrue(all(len(line) <= 110 for line in lines))
        self.assertEqual(rg.doc_comment("Ends with a backslash \\"), ["/// Ends with a backslash"])

    def test_documented_shapes_and_deprecation(self):
        shapes = {"Op": op("Op", "/", input="In", traits={"smithy.api#documentation": "Does it. Really.",
                                                          "smithy.api#deprecated": {"message": "use Op2"}}),
                  "In": struct({"a": {"target": "smithy.api#Boolean",
                                      "traits": {"smithy.api#documentation": "The <b>a</b> flag.",
                                                 "smithy.api#deprecated": {}}}})}
        text = generate(model(shapes))["op.hpp"]
        self.assertIn('/// Does it.\n///\n/// Really.\nstruct [[deprecated("use Op2")]] op {\n'
                      '    /// The a flag.\n    [[deprecated("deprecated")]] std::optional<bool> a{};', text)


class Refusals(unittest.TestCase):
    def refusal(self, m):
        with self.assertRaises(rg.GenError) as ctx:
            generate(m)
        return str(ctx.exception)

    def test_unsupported_trait_names_shape_and_trait(self):
        shapes = {"Op": op("Op", "/", input="In"),
                  "In": struct({"a": {"target": "smithy.api#String", "traits": {"aws.protocols#httpChecksum": {}}}})}
        self.assertEqual(self.refusal(model(shapes)), "example.widgets#In$a: cannot express trait "
                         "aws.protocols#httpChecksum (not supported by restop yet)")

    def test_cli_prints_the_refusal_and_fails(self):
        shapes = {"Op": op("Op", "/", traits={"smithy.api#custom": {}})}
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "m.json")
            with open(path, "w") as f:
                json.dump(model(shapes), f)
            run = subprocess.run([sys.executable, os.path.join(TOOLS, "restop_gen.py"), path, "--service",
                                  NS + "Widgets", "--namespace", "w", "--out", os.path.join(tmp, "out")],
                                 capture_output=True, text=True)
        self.assertEqual(run.returncode, 2)
        self.assertEqual(run.stderr, "restop_gen: example.widgets#Op: cannot express trait smithy.api#custom "
                                     "(not supported by restop yet)\n")

    def test_other_refusals(self):
        stream = {"Op": op("Op", "/", input="In"), "In": struct({"s": NS + "Events"}),
                  "Events": {"type": "union", "members": {"e": {"target": NS + "E"}},
                             "traits": {"smithy.api#streaming": {}}}, "E": struct({})}
        self.assertIn("cannot express trait smithy.api#streaming (event streams", self.refusal(model(stream)))
        files = generate(model(stream), omit_event_streams=True)
        self.assertNotIn("op.hpp", files)
        self.assertIn("// Not generated (--omit-event-streams): Op:", files["service.hpp"])
        frac = {"Op": op("Op", "/", input="In"),
                "In": struct({"f": {"target": "smithy.api#Float", "traits": {"smithy.api#range": {"min": 0.5}}}})}
        self.assertEqual(self.refusal(model(frac)), "example.widgets#In$f: cannot express trait smithy.api#range "
                                                    "(a range bound with a fraction (0.5))")
        nested = {"Op": op("Op", "/", input="In", output="Out",
                           traits={"smithy.api#paginated": {"inputToken": "t", "outputToken": "r.t"}}),
                  "In": struct({"t": "smithy.api#String"}), "Out": struct({"r": "smithy.api#String"})}
        self.assertIn("cannot express trait smithy.api#paginated (outputToken r.t is a nested path)",
                      self.refusal(model(nested)))
        self.assertIn("cannot express trait smithy.api#httpApiKeyAuth",
                      self.refusal(model({"Op": op("Op", "/")}, {"smithy.api#httpApiKeyAuth": {"name": "k", "in": "header"}})))
        beside = {"Op": op("Op", "/", input="In"),
                  "In": struct({"data": {"target": "smithy.api#Blob", "traits": {"smithy.api#httpPayload": {}}},
                                "note": "smithy.api#String"})}
        self.assertEqual(self.refusal(model(beside)), "example.widgets#In: cannot express trait smithy.api#httpPayload "
                                                      "(members without an HTTP binding beside the payload: note)")
        other = model({"Op": op("Op", "/")})
        del other["shapes"][NS + "Widgets"]["traits"]["aws.protocols#restJson1"]
        other["shapes"][NS + "Widgets"]["traits"]["aws.protocols#awsJson1_0"] = {}
        self.assertIn("cannot express trait aws.protocols#awsJson1_0 (restop speaks restJson1 only)", self.refusal(other))

    def test_ignored_traits_are_allowed(self):
        shapes = {"Op": op("Op", "/", traits={"smithy.api#examples": [], "smithy.api#tags": ["x"],
                                              "aws.iam#actionPermissionDescription": "x"})}
        self.assertIn("op.hpp", generate(model(shapes)))


class Determinism(unittest.TestCase):
    def test_same_model_same_bytes_and_check_mode(self):
        shapes = {"Op": op("Op", "/", output="Out"), "Out": struct({"t": NS + "Tree"}),
                  "Tree": struct({"a": NS + "Tree", "b": NS + "Leaf"}), "Leaf": struct({"c": NS + "Tree"})}
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "m.json")
            with open(path, "w") as f:
                json.dump(model(shapes), f)
            outputs = []
            for run in ("a", "b"):
                out = os.path.join(tmp, run, "widgets")
                args = [path, "--service", NS + "Widgets", "--namespace", "w", "--out", out, "--model-label", "m.json"]
                self.assertEqual(rg.main(args), 0)
                contents = {}
                for root, _, names in os.walk(os.path.join(tmp, run)):
                    for n in sorted(names):
                        with open(os.path.join(root, n), "rb") as f:
                            contents[os.path.relpath(os.path.join(root, n), os.path.join(tmp, run))] = f.read()
                outputs.append(contents)
            self.assertEqual(outputs[0], outputs[1])
            self.assertEqual(sorted(outputs[0]), ["widgets.hpp", "widgets/op.hpp", "widgets/service.hpp",
                                                  "widgets/types/leaf.hpp"])
            self.assertTrue(outputs[0]["widgets/op.hpp"].startswith(
                b"// Generated by tools/restop_gen.py from m.json --service example.widgets#Widgets --namespace w: "
                b"do not edit.\n#pragma once\n"))
            leaf = outputs[0]["widgets/types/leaf.hpp"].decode()
            self.assertIn("struct leaf;\nstruct tree;\n", leaf)  # one header for the strongly connected pair
            out = os.path.join(tmp, "a", "widgets")
            args = [path, "--service", NS + "Widgets", "--namespace", "w", "--out", out, "--model-label", "m.json",
                    "--check"]
            self.assertEqual(rg.main(args), 0)
            with open(os.path.join(out, "op.hpp"), "a") as f:
                f.write("// hand edit\n")
            with contextlib.redirect_stderr(io.StringIO()) as err:
                self.assertEqual(rg.main(args), 1)
            self.assertIn("op.hpp: differs from the generator output", err.getvalue())


if __name__ == "__main__":
    unittest.main()


def compile_generated(testcase, files, operations):
    """Writes the generated files under a temporary directory and compiles, with the build's C++
    compiler ($RESTOP_CXX, else c++), a translation unit that checks every operation's description
    and instantiates its encoder and decoder. Fails the test with the compiler's output."""
    repo_include = os.path.join(os.path.dirname(os.path.dirname(HERE)), "include")
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in files.items():
            path = os.path.join(tmp, "widgets", name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        checks = "".join(f"static_assert(restop::is_valid_description<acme::widgets::{o}>);\n"
                         f"[[maybe_unused]] inline bool use_{o}() {{\n"
                         f"    return restop::encode(acme::widgets::{o}{{}}).has_value() &&\n"
                         f"           restop::decode<acme::widgets::{o}>(restop::response{{}}).has_value();\n}}\n"
                         for o in operations)
        source = os.path.join(tmp, "check.cpp")
        with open(source, "w", encoding="utf-8") as f:
            f.write("#include <restop/checksum.hpp>\n#include <restop/compression.hpp>\n#include <restop/restop.hpp>\n"
                    + "".join(f'#include "widgets/{o}.hpp"\n' for o in operations) + checks)
        command = [os.environ.get("RESTOP_CXX", "c++"), "-std=c++20", "-fsyntax-only", "-Wall", "-Wextra", "-Werror",
                   "-I", repo_include, "-I", tmp, source]
        run = subprocess.run(command, capture_output=True, text=True)
        testcase.assertEqual(run.returncode, 0, run.stderr[-4000:])


class Compiles(unittest.TestCase):
    """The generated headers of the constructed models compile and pass restop's checks."""

    def test_every_type_compiles(self):
        types = Types()
        types.setUp()
        compile_generated(self, generate(model(types.shapes)), ["op"])

    def test_every_binding_compiles(self):
        shapes = Bindings.every_binding_shapes()
        compile_generated(self, generate(model(shapes)), ["op"])

    def test_resources_compile(self):
        compile_generated(self, generate(Resources.resource_model()),
                          ["create_w", "get_w", "list_w", "touch", "count", "get_part", "put_w", "update_w", "delete_w"])
