#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>

#include <restop/restop.hpp>

namespace cc = restop::codecatalyst;
using error = restop::error_of<cc::delete_access_token>;

namespace {
std::string printed(const error& e) {
    std::ostringstream out;
    out << e;
    return out.str();
}
}  // namespace

TEST_CASE("operation_error: a validation error is a client fault, not retryable, with no status") {
    const error e(restop::detail::make_validation_error("id", restop::detail::violation_of(restop::constraint::required)));
    CHECK(e.kind() == restop::error_kind::validation);
    CHECK(e.name() == "InvalidInput");
    CHECK(e.status() == 0);
    CHECK(e.fault() == restop::fault::client);
    CHECK_FALSE(e.retryable());
    CHECK(e.message() == "member 'id' is required but was not set");
    CHECK(printed(e) == "InvalidInput: member 'id' is required but was not set");
}

TEST_CASE("operation_error: transport errors are network faults; transient ones are retryable") {
    using kind = restop::transport_error_kind;
    struct row {
        kind k;
        bool retryable;
    };
    const row rows[] = {{kind::connection_failed, true}, {kind::timed_out, true},         {kind::connection_closed, true},
                        {kind::response_too_large, false}, {kind::protocol_error, false}, {kind::other, false}};
    for (const row& r : rows) {
        const error e(restop::transport_error{r.k, "connect: refused"});
        CHECK(e.kind() == restop::error_kind::transport);
        CHECK(e.name() == "TransportError");
        CHECK(e.fault() == restop::fault::network);
        CHECK(e.retryable() == r.retryable);
        CHECK(e.message() == "connect: refused");
    }
    CHECK(printed(error(restop::transport_error{kind::timed_out, "took too long"})) == "TransportError: took too long");
}

TEST_CASE("operation_error: shape attributes come from the type") {
    const error throttled(cc::throttling_exception{{"slow down"}}, 429, "rid");
    CHECK(throttled.kind() == restop::error_kind::modeled);
    CHECK(throttled.retryable());
    CHECK(throttled.fault() == restop::fault::client);
    CHECK(throttled.request_id() == "rid");
    CHECK(throttled.get_if<cc::throttling_exception>()->message == "slow down");
    CHECK(throttled.get_if<cc::conflict_exception>() == nullptr);
}

TEST_CASE("operation_error: an unknown error without a name prints as UnknownError") {
    const error e(restop::unknown_error{"", "", "<html/>"}, 502);
    CHECK(printed(e) == "UnknownError (HTTP 502, server fault)");
}

TEST_CASE("operation_error: the request id is kept in place, and survives copies and moves whatever its length") {
    const std::string uuid = "7f4f1d42-6a1b-4b5e-9a43-3c9f1b7e2d10";
    const std::string long_id(100, 'r');  // past the inline capacity: kept whole on the heap
    for (const std::string& id : {uuid, long_id, std::string()}) {
        CAPTURE(id);
        const error original(cc::conflict_exception{{"m"}}, 409, id);
        const error copy = original;
        error moved_from = original;
        const error moved = std::move(moved_from);
        for (const error* e : {&original, &copy, &moved}) {
            CHECK(e->request_id() == id);
            CHECK(std::string(e->request_id()) == id);
            CHECK(e->request_id().empty() == id.empty());
        }
        CHECK(copy.request_id().data() != original.request_id().data());  // its own bytes, not a view of another's
    }
    restop::request_id_text text("abcdef");
    text = std::string_view(text).substr(2);  // assigning a part of itself
    CHECK(text == "cdef");
}

// Composition, not inheritance: the view cannot be re-aimed or shortened from outside.
static_assert(!std::is_base_of_v<std::string_view, restop::request_id_text>);
static_assert(!std::is_convertible_v<restop::request_id_text&, std::string_view&>);

TEST_CASE("request_id_text: reads like the std::string it replaced") {
    const restop::request_id_text id("rid-7");
    const std::string same = "rid-7";
    CHECK(id == "rid-7");
    CHECK("rid-7" == id);
    CHECK(id == same);
    CHECK(id == std::string_view("rid-7"));
    CHECK(id != "rid-8");
    CHECK(id == restop::request_id_text("rid-7"));
    CHECK(id < "rid-8");
    CHECK(std::string(id) == same);
    const std::string converted = id;
    CHECK(converted == same);
    const std::string_view view = id;
    CHECK(view.data() == id.data());
    CHECK(id.size() == 5);
    CHECK_FALSE(id.empty());
    CHECK(restop::request_id_text().empty());
    std::ostringstream out;
    out << id;
    CHECK(out.str() == "rid-7");
}

TEST_CASE("operation_error: operator<< escapes control bytes from the wire, so a response cannot forge log lines") {
    const error e(restop::unknown_error{"Bad\r\nInjected", "line one\nline two\x1B[31m", ""}, 400, "rid\r\n");
    CHECK(printed(e) == "Bad\\x0D\\x0AInjected (HTTP 400, client fault): line one\\x0Aline two\\x1B[31m [request id rid\\x0D\\x0A]");
    CHECK(e.name() == "Bad\r\nInjected");  // the value itself is kept as received
}
