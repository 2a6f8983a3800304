// Unit tests of call() with an in-memory transport (the integration tests use real sockets).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <restop/restop.hpp>

namespace cc = restop::codecatalyst;

namespace {
// Records what it is asked to send and answers with a canned response or failure.
struct scripted_transport {
    restop::transport_result answer = restop::response{200, {{"x-amzn-requestid", "rid-ok"}}, "{}"};
    std::vector<restop::request> sent;

    restop::transport_result send(const restop::request& req) {
        sent.push_back(req);
        return answer;
    }
};
static_assert(restop::transport<scripted_transport>);

struct not_a_transport {
    int send(int);
};
static_assert(!restop::transport<not_a_transport>);

// The refusing overloads of call() stand aside for any identity class another header may add
// a call() for (restop::sigv4_identity), and step in for a transport mistake or bare text.
struct some_other_identity {};
static_assert(restop::detail::call_arguments<scripted_transport&, const restop::bearer_token&>);
static_assert(restop::detail::call_arguments<scripted_transport&, const restop::anonymous_identity&>);
static_assert(restop::detail::call_arguments<scripted_transport&, some_other_identity>);
static_assert(!restop::detail::call_arguments<scripted_transport&, const char (&)[7]>);
static_assert(!restop::detail::call_arguments<scripted_transport&, std::string&>);
static_assert(!restop::detail::call_arguments<scripted_transport, const restop::bearer_token&>);
static_assert(!restop::detail::call_arguments<not_a_transport&, const restop::bearer_token&>);

const restop::bearer_token token("call-test-token");
}  // namespace

TEST_CASE("call: validates, encodes, sends once and decodes success") {
    scripted_transport t;
    auto outcome = restop::call(t, cc::delete_access_token{.id = "tok-1"}, token);
    REQUIRE(outcome);
    CHECK(outcome->status == 200);
    CHECK(outcome->request_id == "rid-ok");
    REQUIRE(t.sent.size() == 1);
    CHECK(t.sent[0].method == restop::http_method::delete_);
    CHECK(t.sent[0].target == "/v1/accessTokens/tok-1");
    CHECK(*restop::find_header(t.sent[0].headers, "authorization") == "Bearer call-test-token");
}

TEST_CASE("call: input refused before sending reaches no transport") {
    scripted_transport t;
    const std::string too_long(37, 'x');
    auto outcome = restop::call(t, cc::delete_access_token{.id = too_long}, token);
    REQUIRE_FALSE(outcome);
    CHECK(outcome.error().kind() == restop::error_kind::validation);
    CHECK(outcome.error().get_if<restop::validation_error>()->measure == 37);
    CHECK(t.sent.empty());

    const restop::bearer_token injected("x\ny");
    CHECK_FALSE(restop::call(t, cc::delete_access_token{.id = "ok"}, injected));
    CHECK(t.sent.empty());
}

TEST_CASE("call: a transport failure is a value") {
    scripted_transport t;
    t.answer = restop::failure(restop::transport_error{restop::transport_error_kind::connection_failed, "connection refused"});
    auto outcome = restop::call(t, cc::delete_access_token{.id = "tok-1"}, token);
    REQUIRE_FALSE(outcome);
    CHECK(outcome.error().kind() == restop::error_kind::transport);
    CHECK(outcome.error().message() == "connection refused");
    CHECK(outcome.error().retryable());
    CHECK(outcome.error().status() == 0);
}

TEST_CASE("call: a service error is decoded with its request id") {
    scripted_transport t;
    t.answer = restop::response{403, {{"X-Amzn-Errortype", "AccessDeniedException"}, {"x-amzn-requestid", "rid-403"}},
                                R"({"message":"not yours"})"};
    auto outcome = restop::call(t, cc::delete_access_token{.id = "tok-1"}, token);
    REQUIRE_FALSE(outcome);
    CHECK(outcome.error().holds<cc::access_denied_exception>());
    CHECK(outcome.error().request_id() == "rid-403");
    CHECK(outcome.error().message() == "not yours");
}

TEST_CASE("call: a caller-owned scratch request is reused across calls") {
    scripted_transport t;
    restop::request scratch;
    for (const char* id : {"one", "two", "three"}) REQUIRE(restop::call(t, cc::delete_access_token{.id = id}, token, scratch));
    REQUIRE(t.sent.size() == 3);
    CHECK(t.sent[2].target == "/v1/accessTokens/three");
    CHECK(scratch.target == "/v1/accessTokens/three");
}

TEST_CASE("call: per-call checks reach encode") {
    scripted_transport t;
    const std::string long_id(50, 'x');
    CHECK(restop::call(t, cc::delete_access_token{.id = long_id}, token, {.level = restop::checks::wire_only}));
    CHECK(t.sent.size() == 1);
}
