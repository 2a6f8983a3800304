// restop::transports::httplib_transport over real sockets: the CodeCatalyst emulator
// (RESTOP_EMULATOR_PORT) and tiny in-process servers (plain and TLS).
// Build: $(pkg-config --cflags cpp-httplib) ... $(pkg-config --libs cpp-httplib) -lssl -lcrypto -lboost_json -lpthread
// (Debian's libcpp-httplib-dev is a compiled library: its cflags are mandatory, see httplib.hpp).

#include "restop/transports/httplib.hpp"

#include <type_traits>

#include "transport_test_support.hpp"
#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
#include "tls_test_support.hpp"
#endif

namespace {

using restop::transports::httplib_transport;
using restop::transports::transport_options;

auto make = [](const transport_options& options) { return httplib_transport(options); };

static_assert(restop::transport<httplib_transport>);
static_assert(std::is_nothrow_move_constructible_v<httplib_transport>);
static_assert(!std::is_copy_constructible_v<httplib_transport>);

}  // namespace

TEST_SUITE("httplib_transport") {
    TEST_CASE("httplib_transport: POST round trip returns 200 with headers and body") {
        restop_test::check_round_trip(make);
    }
    TEST_CASE("httplib_transport: targets arrive verbatim and a 404 is a response") {
        restop_test::check_exact_target_and_404(make);
    }
    TEST_CASE("httplib_transport: a slow server yields timed_out") { restop_test::check_timeout(make); }
    TEST_CASE("httplib_transport: a dropped connection yields connection_closed") { restop_test::check_drop(make); }
    TEST_CASE("httplib_transport: max_response_body is enforced") { restop_test::check_body_cap(make); }
    TEST_CASE("httplib_transport: a closed port yields connection_failed") { restop_test::check_refused(make); }
    TEST_CASE("httplib_transport: calls reuse one kept-alive connection") { restop_test::check_connection_reuse(make); }
    TEST_CASE("httplib_transport: CR/LF/NUL in headers and raw targets are refused before sending") {
        restop_test::check_injection_refused(make);
    }
    // cpp-httplib reports a malformed status line as Error::Read, indistinguishable from a
    // peer that closed the connection.
    TEST_CASE("httplib_transport: a non-HTTP reply yields connection_closed") {
        restop_test::check_garbage(make, restop::transport_error_kind::connection_closed);
    }
    // cpp-httplib stores fields in a multimap: sorted by name, repeated names in arrival order.
    TEST_CASE("httplib_transport: response fields keep repeats; path prefix is prepended") {
        restop_test::check_response_headers(make, /*ordered=*/false);
    }
#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
    TEST_CASE("httplib_transport: https verifies the peer with the system store by default") {
        restop_test::check_tls_verifies_by_default(make);
    }
    TEST_CASE("httplib_transport: https trusts ca_file and sends SNI") { restop_test::check_tls_round_trip(make); }
    TEST_CASE("httplib_transport: https refuses a certificate for another host") {
        restop_test::check_tls_host_mismatch(make);
    }
#else
    TEST_CASE("httplib_transport: https without CPPHTTPLIB_OPENSSL_SUPPORT is refused") {
        transport_options options;
        options.endpoint = "https://localhost:1";
        httplib_transport transport(options);
        const restop::transport_result result =
            transport.send(restop_test::make_request(restop::http_method::get, "/x"));
        REQUIRE_FALSE(result);
        CHECK(result.error().kind == restop::transport_error_kind::other);
    }
#endif
    TEST_CASE("httplib_transport: a reset during a large upload is connection_closed, not SIGPIPE") {
        restop_test::check_reset_during_upload(make);
    }
    TEST_CASE("httplib_transport: a connection the server closed after a response is re-opened") {
        restop_test::check_reconnect_after_server_close(make);
    }
    TEST_CASE("httplib_transport: HEAD reads no body") { restop_test::check_head(make); }
    TEST_CASE("httplib_transport: a bad endpoint fails every send with kind other") {
        transport_options options;
        options.endpoint = "ftp://example.com";
        httplib_transport transport(options);
        const restop::transport_result result =
            transport.send(restop_test::make_request(restop::http_method::get, "/x"));
        REQUIRE_FALSE(result);
        CHECK(result.error().kind == restop::transport_error_kind::other);
        CHECK(result.error().message.find("scheme") != std::string::npos);
    }
    TEST_CASE("httplib_transport: a moved-from transport reports misuse instead of crashing") {
        transport_options options;
        options.endpoint = "http://127.0.0.1:1";
        httplib_transport first(options);
        httplib_transport second(std::move(first));
        const restop::transport_result result =
            first.send(restop_test::make_request(restop::http_method::get, "/x"));  // NOLINT(bugprone-use-after-move)
        REQUIRE_FALSE(result);
        CHECK(result.error().kind == restop::transport_error_kind::other);
    }
}
