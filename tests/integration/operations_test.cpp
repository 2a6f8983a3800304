// The CodeCatalyst operations through each bundled transport against the emulator, over real
// sockets on 127.0.0.1: success, each of the six service errors, retries of 5xx and throttling,
// and the whole token lifecycle with pagination.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

#include <restop/restop.hpp>
#include <restop/transports/beast.hpp>
#include <restop/transports/curl.hpp>
#include <restop/transports/httplib.hpp>

namespace cc = restop::codecatalyst;
using restop::transports::beast_transport;
using restop::transports::curl_transport;
using restop::transports::httplib_transport;

namespace {

std::string emulator_url() {
    const char* url = std::getenv("RESTOP_EMULATOR_URL");
    REQUIRE_MESSAGE(url != nullptr, "RESTOP_EMULATOR_URL is not set: run through CTest, which starts the emulator");
    return url;
}

template <class Transport>
Transport connect() {
    restop::transports::transport_options options;
    options.endpoint = emulator_url();
    options.total_timeout = std::chrono::seconds(10);
    return Transport(options);
}

// Test controls of the emulator, sent through the transport under test.
template <class Transport>
void control(Transport& t, restop::http_method method, std::string path, std::string body = "") {
    auto sent = t.send(restop::request{method, std::move(path), {{"Content-Type", "application/json"}}, std::move(body)});
    REQUIRE(sent);
    REQUIRE(sent->status == 200);
}

template <class Transport>
void inject(Transport& t, const std::string& faults) {
    control(t, restop::http_method::post, "/__emulator/reset");
    control(t, restop::http_method::post, "/__emulator/faults", faults);
}

const restop::bearer_token alice("alice-pat-secret-1");
const restop::bearer_token bob("bob-pat-secret-1");
constexpr std::string_view bob_token_id = "b0b0b0b0-0001-4000-8000-00000000b001";
const restop::retry_options quick_retries{.max_attempts = 3, .base_delay = std::chrono::milliseconds(1),
                                          .throttling_base_delay = std::chrono::milliseconds(1)};

template <class Transport>
restop::result_of<cc::delete_access_token> delete_token(Transport& t, std::string_view id, const restop::bearer_token& token,
                                                        restop::checks level = restop::checks::all) {
    return restop::call_with_retries(t, cc::delete_access_token{.id = id}, token, quick_retries, {.level = level});
}

}  // namespace

TEST_CASE_TEMPLATE("operations: create, list over pages, delete, list again", Transport, curl_transport, beast_transport,
                   httplib_transport) {
    auto t = connect<Transport>();
    auto who = restop::call(t, cc::verify_session{}, alice);
    REQUIRE(who);
    CHECK(who->output.identity == "alice");

    std::vector<std::string> created;
    for (int i = 0; i < 3; ++i) {
        const std::string name = "lifecycle-" + std::to_string(i);
        auto made = restop::call(t, cc::create_access_token{.name = name, .expires_time = restop::parse_rfc3339("2031-01-01T00:00:00Z")},
                                 alice);
        REQUIRE(made);
        CHECK(made->status == 201);
        CHECK(made->output.name == name);
        CHECK(restop::format_rfc3339(made->output.expires_time) == "2031-01-01T00:00:00Z");
        CHECK_FALSE(made->output.secret.empty());
        created.push_back(made->output.access_token_id);
    }

    auto listed_ids = [&] {
        std::vector<std::string> ids;
        int pages = 0;
        for (const auto& page : restop::pages(t, cc::list_access_tokens{.max_results = 2}, alice)) {
            REQUIRE(page);
            CHECK(page->output.items.size() <= 2);
            ++pages;
            for (const auto& item : page->output.items) ids.push_back(item.id);
        }
        CHECK(pages >= 2);
        return ids;
    };
    const auto before = listed_ids();
    for (const auto& id : created) CHECK(std::find(before.begin(), before.end(), id) != before.end());

    REQUIRE(delete_token(t, created[1], alice));
    const auto after = listed_ids();
    CHECK(std::find(after.begin(), after.end(), created[1]) == after.end());
    CHECK(after.size() == before.size() - 1);
}

TEST_CASE_TEMPLATE("operations: each of the six service errors decodes to its shape", Transport, curl_transport,
                   beast_transport, httplib_transport) {
    auto t = connect<Transport>();
    control(t, restop::http_method::post, "/__emulator/reset");

    auto not_found = delete_token(t, "00000000-0000-0000-0000-000000000000", alice);
    REQUIRE_FALSE(not_found);
    CHECK(not_found.error().template holds<cc::resource_not_found_exception>());
    CHECK_FALSE(not_found.error().request_id().empty());

    auto denied = delete_token(t, bob_token_id, alice);
    REQUIRE_FALSE(denied);
    CHECK(denied.error().template holds<cc::access_denied_exception>());

    // The emulator's own validation, reached by switching restop's off.
    const std::string too_long(40, 'x');
    auto invalid = delete_token(t, too_long, alice, restop::checks::wire_only);
    REQUIRE_FALSE(invalid);
    CHECK(invalid.error().template holds<cc::validation_exception>());
    CHECK(invalid.error().status() == 400);

    inject(t, R"([{"errorType":"ServiceQuotaExceededException"},{"errorType":"ConflictException"},{"errorType":"ThrottlingException","count":3}])");
    auto quota = delete_token(t, "x", alice);
    CHECK(quota.error().template holds<cc::service_quota_exceeded_exception>());
    auto conflict = delete_token(t, "x", alice);
    CHECK(conflict.error().template holds<cc::conflict_exception>());
    auto throttled = delete_token(t, "x", alice);  // three attempts, all throttled
    REQUIRE_FALSE(throttled);
    CHECK(throttled.error().template holds<cc::throttling_exception>());
    CHECK(throttled.error().retryable());
}

TEST_CASE_TEMPLATE("operations: 5xx and throttling are retried, then succeed", Transport, curl_transport, beast_transport,
                   httplib_transport) {
    auto t = connect<Transport>();
    auto made = restop::call(t, cc::create_access_token{.name = "retry-target-1"}, alice);
    auto made_too = restop::call(t, cc::create_access_token{.name = "retry-target-2"}, alice);
    REQUIRE(made);
    REQUIRE(made_too);

    inject(t, R"([{"status":503},{"status":502}])");
    auto after_5xx = delete_token(t, made->output.access_token_id, alice);
    CHECK(after_5xx);

    inject(t, R"([{"errorType":"ThrottlingException"}])");
    auto after_throttling = delete_token(t, made_too->output.access_token_id, alice);
    CHECK(after_throttling);

    inject(t, R"([{"status":501}])");
    auto not_retried = delete_token(t, "x", alice);
    REQUIRE_FALSE(not_retried);
    CHECK(not_retried.error().status() == 501);
    CHECK(not_retried.error().kind() == restop::error_kind::unknown);
}

TEST_CASE_TEMPLATE("operations: a bad bearer is AccessDeniedException and input is refused before sending", Transport,
                   curl_transport, beast_transport, httplib_transport) {
    auto t = connect<Transport>();
    auto unknown_bearer = restop::call(t, cc::verify_session{}, restop::bearer_token("no-such-token"));
    REQUIRE_FALSE(unknown_bearer);
    CHECK(unknown_bearer.error().template holds<cc::access_denied_exception>());

    control(t, restop::http_method::post, "/__emulator/reset");
    const std::string too_long(37, 'x');
    auto refused = restop::call(t, cc::delete_access_token{.id = too_long}, alice);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().kind() == restop::error_kind::validation);
    auto log = t.send(restop::request{restop::http_method::get, "/__emulator/requests", {}, ""});
    REQUIRE(log);
    CHECK(log->body == "[]");
}
