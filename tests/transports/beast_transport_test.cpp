// restop::transports::beast_transport over real sockets: the CodeCatalyst emulator
// (RESTOP_EMULATOR_PORT) and tiny in-process servers (plain and TLS).
// Link: -lssl -lcrypto -lboost_json -lpthread.

#include "restop/transports/beast.hpp"

#include <type_traits>

#include "transport_test_support.hpp"
#include "tls_test_support.hpp"

namespace {

using restop::transports::beast_transport;
using restop::transports::transport_options;

auto make = [](const transport_options& options) { return beast_transport(options); };

static_assert(restop::transport<beast_transport>);
static_assert(std::is_nothrow_move_constructible_v<beast_transport>);
static_assert(!std::is_copy_constructible_v<beast_transport>);

}  // namespace

TEST_SUITE("beast_transport") {
    TEST_CASE("beast_transport: POST round trip returns 200 with headers and body") {
        restop_test::check_round_trip(make);
    }
    TEST_CASE("beast_transport: targets arrive verbatim and a 404 is a response") {
        restop_test::check_exact_target_and_404(make);
    }
    TEST_CASE("beast_transport: a slow server yields timed_out") { restop_test::check_timeout(make); }
    TEST_CASE("beast_transport: a dropped connection yields connection_closed") { restop_test::check_drop(make); }
    TEST_CASE("beast_transport: max_response_body is enforced") { restop_test::check_body_cap(make); }
    TEST_CASE("beast_transport: a closed port yields connection_failed") { restop_test::check_refused(make); }
    TEST_CASE("beast_transport: calls reuse one kept-alive connection") { restop_test::check_connection_reuse(make); }
    TEST_CASE("beast_transport: CR/LF/NUL in headers and raw targets are refused before sending") {
        restop_test::check_injection_refused(make);
    }
    TEST_CASE("beast_transport: a non-HTTP reply yields protocol_error") { restop_test::check_garbage(make); }
    TEST_CASE("beast_transport: response fields keep order and repeats; path prefix is prepended") {
        restop_test::check_response_headers(make, /*ordered=*/true);
    }
    TEST_CASE("beast_transport: https verifies the peer with the system store by default") {
        restop_test::check_tls_verifies_by_default(make);
    }
    TEST_CASE("beast_transport: https trusts ca_file and sends SNI") { restop_test::check_tls_round_trip(make); }
    TEST_CASE("beast_transport: https refuses a certificate for another host") {
        restop_test::check_tls_host_mismatch(make);
    }
    TEST_CASE("beast_transport: a reset during a large upload is connection_closed, not SIGPIPE") {
        restop_test::check_reset_during_upload(make);
    }
    TEST_CASE("beast_transport: a connection the server closed after a response is re-opened") {
        restop_test::check_reconnect_after_server_close(make);
    }
    TEST_CASE("beast_transport: HEAD reads no body") { restop_test::check_head(make); }
    TEST_CASE("beast_transport: a bad endpoint fails every send with kind other") {
        transport_options options;
        options.endpoint = "ftp://example.com";
        beast_transport transport(options);
        const restop::transport_result result =
            transport.send(restop_test::make_request(restop::http_method::get, "/x"));
        REQUIRE_FALSE(result);
        CHECK(result.error().kind == restop::transport_error_kind::other);
        CHECK(result.error().message.find("scheme") != std::string::npos);
    }
    TEST_CASE("beast_transport: a moved-from transport reports misuse instead of crashing") {
        transport_options options;
        options.endpoint = "http://127.0.0.1:1";
        beast_transport first(options);
        beast_transport second(std::move(first));
        const restop::transport_result result =
            first.send(restop_test::make_request(restop::http_method::get, "/x"));  // NOLINT(bugprone-use-after-move)
        REQUIRE_FALSE(result);
        CHECK(result.error().kind == restop::transport_error_kind::other);
    }
}
