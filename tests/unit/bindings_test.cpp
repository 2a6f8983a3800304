// Every HTTP binding on the wire, both ways: labels, query strings and query maps, headers and
// list headers, prefix headers, payloads, the status code, the host prefix, idempotency tokens,
// error shapes with members. The rules are Smithy's HTTP binding traits and aws.protocols#restJson1.
#include <doctest/doctest.h>

#include <map>
#include <string>

#include <restop/restop.hpp>

#include "kitchen_sink.hpp"

namespace {
restop::timestamp at(std::int64_t millis) { return restop::timestamp(std::chrono::milliseconds(millis)); }
std::string fixed_token() { return "00000000-0000-4000-8000-000000000000"; }

std::string headers_of(const restop::request& req) {
    std::string out;
    for (const auto& field : req.headers) out += field.name + ": " + field.value + "\n";
    return out;
}

sink::get_bound bound() {
    return sink::get_bound{.name = "a b",
                           .when = at(1576540098000),
                           .tags = std::vector<std::string>{"x", "y z"},
                           .dates = std::vector<restop::timestamp>{at(1576540098000)},
                           .ratio = 0.5,
                           .extra_query = std::map<std::string, std::vector<std::string>>{{"search", {"ignored"}}, {"extra", {"1", "2"}}},
                           .search = "q",
                           .header_list = std::vector<std::string>{"a", "b,c", "d\"e"},
                           .header_dates = std::vector<restop::timestamp>{at(1576540098000), at(1576540098000)},
                           .header_blob = restop::blob("foo"),
                           .header_json = "true",
                           .meta = std::map<std::string, std::string>{{"a", "1"}},
                           .account = "acct"};
}
}  // namespace

TEST_CASE("bindings: labels, query, query map, headers, prefix headers and host prefix, exactly") {
    const auto req = restop::encode(bound());
    REQUIRE(req);
    // Labels and query values in date-time; an explicit http_query key wins over the same key in
    // the query map (Smithy httpQueryParams).
    CHECK(req->target ==
          "/bound/a%20b/2019-12-16T23%3A48%3A18Z?tag=x&tag=y%20z&date=2019-12-16T23%3A48%3A18Z&ratio=0.5&search=q&extra=1&extra=2");
    // Headers in http-date; a list is comma-separated with quoted strings where needed; an
    // http-date list is not quoted; a blob is base64; a @mediaType string is base64.
    CHECK(headers_of(*req) ==
          "X-List: a, \"b,c\", \"d\\\"e\"\n"
          "X-Dates: Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:18 GMT\n"
          "X-Blob: Zm9v\n"
          "X-Json: dHJ1ZQ==\n"
          "X-Meta-a: 1\n");
    CHECK(req->host_prefix == "acct.data.");
    CHECK(req->body.empty());
}

TEST_CASE("bindings: absent members leave nothing behind") {
    const auto req = restop::encode(sink::get_bound{.name = "n", .when = at(0), .account = "acct"});
    REQUIRE(req);
    CHECK(req->target == "/bound/n/1970-01-01T00%3A00%3A00Z");
    CHECK(req->headers.empty());
}

TEST_CASE("bindings: what the wire refuses, before anything is encoded") {
    auto op = bound();
    op.header_list->push_back("a\nb");
    CHECK(restop::encode(op).error().message() == "member 'X-List' holds a control byte at offset 1, which must never reach a header");
    op = bound();
    op.meta = std::map<std::string, std::string>{{"k", "v\r"}};
    CHECK(restop::encode(op).error().message() == "member 'X-Meta-' holds a control byte at offset 1, which must never reach a header");
    op = bound();
    op.account = "a.b";
    CHECK(restop::encode(op, restop::encode_options{restop::checks::wire_only}).error().message() ==
          "member 'account' holds a byte at offset 1 that cannot appear in a host name (letters, digits and '-' only)");
    op = bound();
    op.name = "";
    CHECK(restop::encode(op).error().message() == "member 'name' is an empty URI label");
}

TEST_CASE("payloads: a blob as its bytes with its media type; none when unset") {
    const auto req = restop::encode(sink::put_payload{.data = restop::blob("\x89PNG")});
    REQUIRE(req);
    CHECK(req->body == "\x89PNG");
    CHECK(headers_of(*req) == "Content-Type: image/png\n");
    const auto empty = restop::encode(sink::put_payload{});
    REQUIRE(empty);
    CHECK(empty->body.empty());
    CHECK(empty->headers.empty());
    const auto text = restop::encode(sink::echo_text{.text = "hello"});
    REQUIRE(text);
    CHECK(text->body == "hello");
    CHECK(headers_of(*text) == "Content-Type: text/plain\n");
}

TEST_CASE("payloads: a structure as JSON, every kind inside it") {
    sink::everything all{.byte_value = 1,
                         .long_value = -2,
                         .float_value = 1.5f,
                         .double_value = std::numeric_limits<double>::infinity(),
                         .big_integer_value = restop::big_integer("7"),
                         .big_decimal_value = std::nullopt,
                         .blob_value = restop::blob("foo"),
                         .epoch_value = at(1576540098500),
                         .http_date_value = at(1576540098000),
                         .colour_value = sink::colour(sink::colour::green),
                         .level_value = sink::level(sink::level::low),
                         .document_value = restop::document(boost::json::parse(R"({"k":[1]})")),
                         .sparse_list = std::vector<std::optional<std::string>>{std::nullopt},
                         .sparse_map = std::map<std::string, std::optional<std::int32_t>>{{"z", std::nullopt}},
                         .greetings = std::map<std::string, sink::greeting>{{"g", {.text = "hi", .volume = 3}}},
                         .choice_value = sink::choice{.boolean_value = false},
                         .chain = sink::node{.name = "a", .next = {}}};
    const auto req = restop::encode(sink::put_everything{.body = all});
    REQUIRE(req);
    CHECK(headers_of(*req) == "Content-Type: application/json\n");
    CHECK(boost::json::parse(req->body) == boost::json::parse(R"({"byte":1,"long":-2,"float":1.5,"double":"Infinity","bigInteger":7,
        "blob":"Zm9v","epoch":1576540098.5,"httpDate":"Mon, 16 Dec 2019 23:48:18 GMT","colour":"GREEN","level":1,
        "document":{"k":[1]},"sparseList":[null],"sparseMap":{"z":null},"greetings":{"g":{"text":"hi","volume":3}},
        "choice":{"booleanValue":false},"chain":{"name":"a"}})"));

    // And back: the same body decodes to the same values.
    const auto decoded = restop::decode<sink::put_everything>(restop::response{200, {}, req->body});
    REQUIRE(decoded);
    REQUIRE(decoded->output.body);
    const sink::everything& read = *decoded->output.body;
    CHECK(read.byte_value == 1);
    CHECK(read.long_value == -2);
    CHECK(read.float_value == 1.5f);
    CHECK(read.double_value == std::numeric_limits<double>::infinity());
    CHECK(read.big_integer_value == restop::big_integer("7"));
    CHECK_FALSE(read.big_decimal_value);
    CHECK(read.blob_value == restop::blob("foo"));
    CHECK(read.epoch_value == at(1576540098500));
    CHECK(read.http_date_value == at(1576540098000));
    CHECK(read.colour_value == sink::colour::green);
    CHECK(read.level_value == sink::level(sink::level::low));
    CHECK(read.document_value == boost::json::parse(R"({"k":[1]})"));
    CHECK(read.sparse_list == std::vector<std::optional<std::string>>{std::nullopt});
    CHECK(read.sparse_map == std::map<std::string, std::optional<std::int32_t>>{{"z", std::nullopt}});
    REQUIRE(read.greetings);
    CHECK(read.greetings->at("g").volume == 3);
    CHECK(read.choice_value->boolean_value == false);
    CHECK(read.chain == sink::node{.name = "a", .next = {}});
}

TEST_CASE("idempotency tokens: a fresh UUID v4 when unset, the caller's when set") {
    const auto injected = restop::encode(sink::create_thing{.name = "n"}, restop::encode_options{{}, fixed_token});
    REQUIRE(injected);
    CHECK(injected->body == R"({"name":"n","clientToken":"00000000-0000-4000-8000-000000000000"})");
    const auto given = restop::encode(sink::create_thing{.name = "n", .client_token = "mine"});
    REQUIRE(given);
    CHECK(given->body == R"({"name":"n","clientToken":"mine"})");
    const auto fresh1 = restop::encode(sink::create_thing{.name = "n"});
    const auto fresh2 = restop::encode(sink::create_thing{.name = "n"});
    REQUIRE(fresh1);
    REQUIRE(fresh2);
    const std::string token = boost::json::parse(fresh1->body).at("clientToken").as_string().c_str();
    CHECK(token.size() == 36);
    CHECK(token[14] == '4');
    CHECK(std::string_view("89ab").find(token[19]) != std::string_view::npos);
    CHECK(fresh1->body != fresh2->body);
}

TEST_CASE("idempotency tokens: 16 bytes spelled as a UUID v4, its version and variant bits set") {
    unsigned char counting[16];
    for (int i = 0; i < 16; ++i) counting[i] = static_cast<unsigned char>(i);
    CHECK(restop::detail::format_uuid_v4(counting) == "00010203-0405-4607-8809-0a0b0c0d0e0f");
    unsigned char ones[16];
    for (unsigned char& byte : ones) byte = 0xFF;
    CHECK(restop::detail::format_uuid_v4(ones) == "ffffffff-ffff-4fff-bfff-ffffffffffff");
    // The operating system's bytes: two draws of 16 agree with odds of 2^-128.
    unsigned char first[16] = {}, second[16] = {};
    restop::detail::random_bytes(first, sizeof first);
    restop::detail::random_bytes(second, sizeof second);
    CHECK(std::string_view(reinterpret_cast<const char*>(first), 16) != std::string_view(reinterpret_cast<const char*>(second), 16));
}

TEST_CASE("binding constraints: checked for members whose type does not carry them") {
    const auto long_note = restop::encode(sink::create_thing{.name = "n", .note = "abcd"});
    CHECK(long_note.error().message() == "member 'note' has length 4 (Unicode scalar values), outside @length 1..3");
    CHECK(restop::encode(sink::create_thing{.name = "n", .note = "abcd"}, restop::encode_options{restop::checks::wire_only}));
}

TEST_CASE("outputs: headers, list headers, prefix headers, the status and a structure payload") {
    const restop::response received{201,
                                    {{"ETag", "abc"}, {"X-Numbers", "1, 2,3"}, {"x-meta-Foo", "bar"}, {"X-Other", "no"}},
                                    R"({"text":"hi","volume":3})"};
    const auto decoded = restop::decode<sink::put_payload>(received);
    REQUIRE(decoded);
    CHECK(decoded->output.etag == "abc");
    CHECK(decoded->output.numbers == std::vector<std::int32_t>{1, 2, 3});
    CHECK(decoded->output.meta == std::map<std::string, std::string>{{"Foo", "bar"}});
    CHECK(decoded->output.status == 201);
    REQUIRE(decoded->output.payload);
    CHECK(decoded->output.payload->text == "hi");
    CHECK(decoded->output.payload->volume == 3);
}

TEST_CASE("outputs: a quoted list header and an http-date list header split as Smithy says") {
    CHECK(restop::detail::split_header_list(R"(a, "b,c", "d\"e")", false) == std::vector<std::string>{"a", "b,c", "d\"e"});
    CHECK(restop::detail::split_header_list("Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:18 GMT", true) ==
          std::vector<std::string>{"Mon, 16 Dec 2019 23:48:18 GMT", "Mon, 16 Dec 2019 23:48:18 GMT"});
    CHECK_FALSE(restop::detail::split_header_list(R"("open)", false));
}

TEST_CASE("outputs: garbage is a MalformedResponse naming the member") {
    auto problem = [](restop::response received) {
        const auto decoded = restop::decode<sink::put_payload>(received);
        REQUIRE_FALSE(decoded);
        CHECK(decoded.error().kind() == restop::error_kind::malformed);
        return decoded.error().message();
    };
    CHECK(problem({200, {{"X-Numbers", "1, x"}}, ""}) == "output member 'X-Numbers[1]' is not an integer");
    CHECK(problem({200, {}, "{not json"}) == "output member 'payload' is not valid JSON");
    CHECK(problem({200, {}, R"({"text":5})"}) == "output member 'payload.text' is not a string");
    auto everything_problem = [](std::string body) {
        const auto decoded = restop::decode<sink::put_everything>(restop::response{200, {}, std::move(body)});
        REQUIRE_FALSE(decoded);
        return decoded.error().message();
    };
    CHECK(everything_problem(R"({"blob":"%%%"})") == "output member 'payload.blob' is not valid base64");
    CHECK(everything_problem(R"({"epoch":1e20})") == "output member 'payload.epoch' is a timestamp outside 1677-09-21..2262-04-11, the span of restop::timestamp");
    CHECK(everything_problem(R"({"httpDate":"yesterday"})") == "output member 'payload.httpDate' is not an http-date timestamp");
    CHECK(everything_problem(R"({"choice":{"stringValue":"a","booleanValue":true}})") ==
          "output member 'payload.choice' is a union with more than one member set");
    CHECK(everything_problem(R"({"greetings":{"g":{"text":1}}})") == "output member 'payload.greetings.g.text' is not a string");
}

TEST_CASE("outputs: a string payload is the body's text; an empty body leaves it unset") {
    const auto text = restop::decode<sink::echo_text>(restop::response{200, {}, "hello"});
    REQUIRE(text);
    CHECK(text->output.text == "hello");
    const auto empty = restop::decode<sink::echo_text>(restop::response{200, {}, ""});
    REQUIRE(empty);
    CHECK_FALSE(empty->output.text);
}

TEST_CASE("errors: a shape's own members, from its headers and its body") {
    const auto decoded = restop::decode<sink::put_payload>(
        restop::response{400, {{"X-Amzn-Errortype", "InvalidGreeting"}, {"X-Header", "hdr"}}, R"({"message":"bad","Code":7})"});
    REQUIRE_FALSE(decoded);
    const auto* greeting = decoded.error().get_if<sink::invalid_greeting>();
    REQUIRE(greeting);
    CHECK(greeting->message == "bad");
    CHECK(greeting->header == "hdr");
    CHECK(greeting->code == 7);
}

namespace {
struct open_service {
    using auth = restop::anonymous_auth;
};
struct ping {
    using description = restop::operation<restop::http_method::get, "/ping", 200, restop::members<>, restop::errors<>>;
    using service = open_service;
};
struct answering_transport {
    std::string seen;
    restop::transport_result send(const restop::request& req) {
        seen = std::to_string(req.headers.size()) + " headers";
        return restop::response{200, {}, ""};
    }
};
}  // namespace

TEST_CASE("auth: a service without a scheme is called with restop::anonymous, and nothing is added") {
    static_assert(restop::takes_anonymous_identity<ping> && !restop::takes_bearer_token<ping>);
    static_assert(restop::takes_bearer_token<restop::codecatalyst::delete_access_token>);
    answering_transport t;
    CHECK(restop::call(t, ping{}, restop::anonymous));
    CHECK(t.seen == "0 headers");
}

TEST_CASE("auth: restop::anonymous goes through call_with_retries too") {
    answering_transport t;
    CHECK(restop::call_with_retries(t, ping{}, restop::anonymous));
    CHECK(t.seen == "0 headers");
}
