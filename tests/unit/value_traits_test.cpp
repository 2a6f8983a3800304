// The Smithy types through restop::value_traits: text forms, JSON, and what a reader refuses.
// Vectors from the Smithy 2.0 specification and RFC 4648 where they give one.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <restop/restop.hpp>

#include "kitchen_sink.hpp"

using namespace std::chrono_literals;

namespace {
template <class T>
std::string text_of(const T& value, restop::location where, restop::timestamp_format format = restop::timestamp_format::date_time) {
    std::string out;
    restop::value_traits<T>::append_text(out, value, restop::wire_context{where, format});
    return out;
}

template <class T>
std::string json_of(const T& value, restop::timestamp_format format = restop::timestamp_format::epoch_seconds) {
    boost::json::value json;
    restop::value_traits<T>::write_json(json, value, restop::wire_context{restop::location::body, format});
    return boost::json::serialize(json);
}

template <class T>
std::string read_problem(std::string_view json_text, restop::timestamp_format format = restop::timestamp_format::epoch_seconds) {
    T out{};
    const auto error = restop::value_traits<T>::read_json(boost::json::parse(json_text), out,
                                                          restop::wire_context{restop::location::body, format});
    return error ? error->path + (error->path.empty() ? "" : " ") + std::string(error->problem) : "";
}

restop::timestamp at(std::int64_t millis) { return restop::timestamp(std::chrono::milliseconds(millis)); }
}  // namespace

TEST_CASE("timestamps: Smithy's three formats, each written and read back") {
    // smithy.api#timestampFormat: date-time "1985-04-12T23:20:50.52Z", epoch-seconds
    // "1515531081.123", http-date "Tue, 29 Apr 2014 18:30:38 GMT".
    CHECK(restop::format_timestamp(*restop::parse_rfc3339("1985-04-12T23:20:50.52Z"), restop::timestamp_format::epoch_seconds) ==
          "482196050.52");
    CHECK(restop::format_epoch_seconds(at(1515531081123)) == "1515531081.123");
    CHECK(restop::format_epoch_seconds(at(1515531081000)) == "1515531081");
    CHECK(restop::format_epoch_seconds(at(-1500)) == "-1.5");
    CHECK(restop::parse_epoch_seconds("1515531081.123") == at(1515531081123));
    CHECK(restop::parse_epoch_seconds("-1.5") == at(-1500));
    CHECK(restop::format_http_date(at(1398796238000)) == "Tue, 29 Apr 2014 18:30:38 GMT");
    CHECK(restop::format_http_date(at(1398796238500)) == "Tue, 29 Apr 2014 18:30:38.5 GMT");
    CHECK(restop::parse_http_date("Tue, 29 Apr 2014 18:30:38 GMT") == at(1398796238000));
    CHECK(restop::parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT") == at(0));
    CHECK(restop::format_http_date(at(0)) == "Thu, 01 Jan 1970 00:00:00 GMT");
}

TEST_CASE("timestamps: garbage is refused, never read as a default") {
    CHECK_FALSE(restop::parse_http_date("Mon, 29 Apr 2014 18:30:38 GMT"));  // the 29th was a Tuesday
    CHECK_FALSE(restop::parse_http_date("Tue, 29 Apr 2014 18:30:38 UTC"));
    CHECK_FALSE(restop::parse_http_date("Tue, 31 Apr 2014 18:30:38 GMT"));
    CHECK_FALSE(restop::parse_http_date("Tuesday, 29-Apr-14 18:30:38 GMT"));  // RFC 850: obsolete
    CHECK_FALSE(restop::parse_epoch_seconds("1e3"));
    CHECK_FALSE(restop::parse_epoch_seconds("+5"));
    CHECK_FALSE(restop::parse_epoch_seconds("99999999999999"));
    CHECK(read_problem<restop::timestamp>("1e300") == "is a timestamp outside 1677-09-21..2262-04-11, the span of restop::timestamp");
    CHECK(read_problem<restop::timestamp>("\"1515531081\"") == "is not an epoch-seconds timestamp");
    CHECK(read_problem<restop::timestamp>("\"Tue, 29 Apr\"", restop::timestamp_format::http_date) == "is not an http-date timestamp");
}

TEST_CASE("timestamps: restJson1's default format per location") {
    using restop::location;
    using restop::timestamp_format;
    CHECK(restop::default_timestamp_format(location::header) == timestamp_format::http_date);
    CHECK(restop::default_timestamp_format(location::label) == timestamp_format::date_time);
    CHECK(restop::default_timestamp_format(location::query) == timestamp_format::date_time);
    CHECK(restop::default_timestamp_format(location::body) == timestamp_format::epoch_seconds);
    CHECK(restop::default_timestamp_format(location::payload) == timestamp_format::epoch_seconds);
    CHECK(json_of(at(1576540098000)) == "1576540098");
    CHECK(json_of(at(1576540098000), timestamp_format::date_time) == "\"2019-12-16T23:48:18Z\"");
    CHECK(json_of(at(1576540098000), timestamp_format::http_date) == "\"Mon, 16 Dec 2019 23:48:18 GMT\"");
}

TEST_CASE("base64: the RFC 4648 section 10 vectors, both ways") {
    const std::pair<std::string_view, std::string_view> vectors[] = {
        {"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"}, {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
    for (const auto& [bytes, text] : vectors) {
        std::string encoded;
        restop::append_base64(encoded, bytes);
        CHECK(encoded == text);
        CHECK(restop::decode_base64(text) == std::string(bytes));
    }
    CHECK_FALSE(restop::decode_base64("Zm9"));       // not a multiple of four
    CHECK_FALSE(restop::decode_base64("Zm9v!A=="));  // outside the alphabet
    CHECK_FALSE(restop::decode_base64("Zg=a"));      // padding in the middle
    CHECK_FALSE(restop::decode_base64("Zh=="));      // non-zero padding bits
    CHECK(read_problem<restop::blob>("\"Zm9v$\"") == "is not valid base64");
    CHECK(json_of(restop::blob("foo")) == "\"Zm9v\"");
}

TEST_CASE("floats: NaN and the infinities as Smithy spells them, in text and JSON") {
    constexpr double inf = std::numeric_limits<double>::infinity();
    CHECK(text_of(std::nan(""), restop::location::header) == "NaN");
    CHECK(text_of(inf, restop::location::query) == "Infinity");
    CHECK(text_of(-inf, restop::location::label) == "-Infinity");
    CHECK(text_of(1.1, restop::location::header) == "1.1");
    CHECK(text_of(5.5f, restop::location::header) == "5.5");
    CHECK(json_of(-inf) == "\"-Infinity\"");
    double out = 0;
    CHECK_FALSE(restop::value_traits<double>::read_json(boost::json::parse("\"NaN\""), out, {}));
    CHECK(std::isnan(out));
    CHECK(read_problem<double>("\"nan\"") == "is not a number");
    CHECK(read_problem<float>("true") == "is not a number");
}

TEST_CASE("integers: each width refuses what does not fit") {
    CHECK(read_problem<std::int8_t>("127").empty());
    CHECK(read_problem<std::int8_t>("128") == "is out of range");
    CHECK(read_problem<std::int16_t>("-32769") == "is out of range");
    CHECK(read_problem<std::int64_t>("9223372036854775808") == "is out of range");
    CHECK(read_problem<std::int32_t>("1.0") == "is not an integer");
    std::int16_t value = 0;
    CHECK_FALSE(restop::value_traits<std::int16_t>::read_text("-12", value, {}));
    CHECK(value == -12);
    CHECK(restop::value_traits<std::int16_t>::read_text("12x", value, {})->problem == "is not an integer");
    CHECK(restop::value_traits<std::int16_t>::read_text("40000", value, {})->problem == "is out of range");
}

TEST_CASE("big numbers: exact as text, validated as JSON numbers") {
    const restop::big_integer big = "123456789012345678901234567890";
    CHECK(text_of(big, restop::location::query) == "123456789012345678901234567890");
    CHECK(json_of(restop::big_integer("-42")) == "-42");
    CHECK(json_of(restop::big_decimal("0.5")) == "5E-1");
    CHECK(restop::value_traits<restop::big_decimal>::check(restop::big_decimal("1.5e3"), restop::checks::all, "d") == std::nullopt);
    const auto refused = restop::value_traits<restop::big_integer>::check(restop::big_integer("1.5"), restop::checks::all, "n");
    REQUIRE(refused);
    CHECK(refused->message() == "member 'n' is not a decimal number");
    CHECK(read_problem<restop::big_integer>("1.5") == "is not an integer");
}

TEST_CASE("enums are open: a value the model does not know is kept") {
    sink::colour c = sink::colour::red;
    CHECK(c == sink::colour::red);
    CHECK(c.is_known());
    sink::colour read{};
    CHECK_FALSE(restop::value_traits<sink::colour>::read_json(boost::json::parse("\"PURPLE\""), read, {}));
    CHECK(read.value() == "PURPLE");
    CHECK_FALSE(read.is_known());
    CHECK(json_of(read) == "\"PURPLE\"");
    sink::level l{};
    CHECK_FALSE(restop::value_traits<sink::level>::read_json(boost::json::parse("7"), l, {}));
    CHECK(l.value() == 7);
    CHECK_FALSE(l.is_known());
    CHECK(text_of(sink::level(sink::level::high), restop::location::header) == "2");
}

TEST_CASE("sparse lists and maps keep their nulls; dense ones do not take them") {
    CHECK(json_of(std::vector<std::optional<std::string>>{std::nullopt, "hi"}) == R"([null,"hi"])");
    std::vector<std::optional<std::string>> sparse;
    CHECK_FALSE(restop::value_traits<decltype(sparse)>::read_json(boost::json::parse(R"([null,"hi"])"), sparse, {}));
    REQUIRE(sparse.size() == 2);
    CHECK_FALSE(sparse[0]);
    CHECK(sparse[1] == "hi");
    CHECK(read_problem<std::vector<std::string>>(R"(["a",null])") == "[1] is null");
    std::map<std::string, std::optional<std::int32_t>> sparse_map;
    CHECK_FALSE(restop::value_traits<decltype(sparse_map)>::read_json(boost::json::parse(R"({"x":null,"y":2})"), sparse_map, {}));
    CHECK(sparse_map.size() == 2);
    CHECK_FALSE(sparse_map["x"]);
    std::map<std::string, std::int32_t> dense_map;
    CHECK_FALSE(restop::value_traits<decltype(dense_map)>::read_json(boost::json::parse(R"({"x":null,"y":2})"), dense_map, {}));
    CHECK(dense_map == std::map<std::string, std::int32_t>{{"y", 2}});
    CHECK(read_problem<std::map<std::string, std::int32_t>>(R"({"x":"no"})") == "x is not an integer");
}

TEST_CASE("unions: exactly one member; an unknown member is kept, two members are refused") {
    CHECK(json_of(sink::choice{.string_value = "hi"}) == R"({"stringValue":"hi"})");
    const auto none = restop::value_traits<sink::choice>::check(sink::choice{}, restop::checks::wire_only, "choice");
    REQUIRE(none);
    CHECK(none->message() == "member 'choice' is a union with 0 members set; exactly one must be set");
    const auto two = restop::value_traits<sink::choice>::check(sink::choice{.string_value = "a", .boolean_value = true},
                                                              restop::checks::all, "choice");
    REQUIRE(two);
    CHECK(two->measure == 2);
    CHECK(read_problem<sink::choice>(R"({"stringValue":"a","booleanValue":true})") == "is a union with more than one member set");
    CHECK(read_problem<sink::choice>(R"({})") == "is a union with no member set");
    sink::choice read;
    CHECK_FALSE(restop::value_traits<sink::choice>::read_json(boost::json::parse(R"({"newThing":1,"__type":"x"})"), read, {}));
    CHECK(read.unknown.name == "newThing");
    CHECK_FALSE(read.string_value);
    CHECK(read_problem<sink::choice>(R"({"greetingValue":{"volume":1}})") == "greetingValue.text is missing");
}

TEST_CASE("a recursive structure through restop::boxed") {
    sink::node chain{.name = "a", .next = sink::node{.name = "b", .next = {}}};
    CHECK(json_of(chain) == R"({"name":"a","next":{"name":"b"}})");
    sink::node read;
    CHECK_FALSE(restop::value_traits<sink::node>::read_json(boost::json::parse(R"({"name":"a","next":{"name":"b"}})"), read, {}));
    REQUIRE(read.next);
    CHECK(read.next->name == "b");
    CHECK_FALSE(read.next->next);
    CHECK(read == chain);
}

TEST_CASE("restop::boxed owns its value: copies are deep, moves leave it empty") {
    restop::boxed<std::string> original(std::string("a value longer than the small-string buffer"));
    restop::boxed<std::string> copy = original;
    REQUIRE(copy);
    CHECK(&*copy != &*original);
    *copy = "changed";
    CHECK(*original == "a value longer than the small-string buffer");

    const std::string* held = &*original;
    restop::boxed<std::string> moved = std::move(original);
    CHECK(&*moved == held);  // the value itself moved, not a copy of it
    CHECK_FALSE(original);   // NOLINT(bugprone-use-after-move): the moved-from state is specified

    auto& self = moved;
    moved = self;  // copy-assigned to itself: unchanged
    CHECK(*moved == "a value longer than the small-string buffer");
    moved = std::move(self);  // NOLINT: move-assigned to itself, unchanged too
    REQUIRE(moved);
    CHECK(*moved == "a value longer than the small-string buffer");

    copy = moved;
    CHECK(*copy == *moved);
    CHECK(copy == moved);
    CHECK(moved.emplace().empty());  // a new, value-initialised T in place of the old one
    CHECK(copy != moved);
    moved.reset();
    CHECK_FALSE(moved);
    CHECK(moved == restop::boxed<std::string>{});
}

TEST_CASE("maps: std::map keyed by std::string is a map; multimap and unordered_map are not") {
    CHECK(restop::detail::is_string_map<std::map<std::string, int>>);
    CHECK(restop::detail::is_string_map<std::map<std::string, std::vector<std::string>, std::less<>>>);
    CHECK_FALSE(restop::detail::is_string_map<std::map<int, int>>);
    CHECK_FALSE(restop::detail::is_string_map<std::multimap<std::string, int>>);
    CHECK_FALSE(restop::detail::is_string_map<std::unordered_map<std::string, int>>);
    CHECK_FALSE(restop::detail::is_string_map<std::vector<std::pair<const std::string, int>>>);
    CHECK(restop::value_traits<std::map<std::string, int>>::kind == restop::value_kind::map);
}

TEST_CASE("documents travel as they are") {
    const restop::document doc = boost::json::parse(R"({"a":[1,true,null],"b":{"c":"d"}})");
    CHECK(json_of(doc) == R"({"a":[1,true,null],"b":{"c":"d"}})");
}

// The README's example of a user type, verbatim: one specialisation and it goes anywhere.
struct order_id { std::string text; };

template <>
struct restop::value_traits<order_id> : restop::text_value_traits<order_id> {
    static std::string_view text_view(const order_id& id) noexcept { return id.text; }
    static restop::detail::read_outcome from_text(std::string_view text, order_id& out) {
        out.text.assign(text);
        return std::nullopt;  // or restop::detail::problem("is not an order id")
    }
};

namespace {
struct get_order_output {
    std::vector<order_id> related{};
    using fields = restop::fields<restop::json_field<"related", &get_order_output::related>>;
};
struct get_order {
    order_id id{};
    std::optional<order_id> parent{};
    using description = restop::operation<restop::http_method::get, "/orders/{id}", 200,
                                          restop::members<restop::http_label<"id", &get_order::id>,
                                                          restop::http_header<"X-Parent", &get_order::parent>>,
                                          restop::errors<>, get_order_output>;
};
}  // namespace

TEST_CASE("a user type with its own value_traits: a label, a header, a list in an output") {
    const auto req = restop::encode(get_order{.id = {"o 1"}, .parent = order_id{"p"}});
    REQUIRE(req);
    CHECK(req->target == "/orders/o%201");
    REQUIRE(req->headers.size() == 1);
    CHECK(req->headers[0].value == "p");
    const auto decoded = restop::decode<get_order>(restop::response{200, {}, R"({"related":["a","b"]})"});
    REQUIRE(decoded);
    REQUIRE(decoded->output.related.size() == 2);
    CHECK(decoded->output.related[1].text == "b");
}
