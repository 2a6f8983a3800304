// restop::transports::beast_async_transport over real sockets: the checks every bundled
// transport passes (through a blocking adapter), then async_call with every completion token,
// retries, the deadline, cancellation and the pool against the emulator (RESTOP_EMULATOR_PORT).
// Link: -lssl -lcrypto -lboost_json -lpthread.

#include "restop/transports/beast_async.hpp"

#include <future>
#include <memory>
#include <optional>
#include <thread>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include <restop/restop.hpp>

#include "../transports/tls_test_support.hpp"
#include "../transports/transport_test_support.hpp"

namespace {

namespace asio = boost::asio;
namespace cc = restop::codecatalyst;
using restop::transports::async_pool_options;
using restop::transports::beast_async_transport;
using restop::transports::transport_options;
using delete_result = restop::result_of<cc::delete_access_token>;

// The async transport driven one send at a time, so that the checks every transport passes run
// over it unchanged.
class blocking_adapter {
public:
    explicit blocking_adapter(const transport_options& options)
        : io_(std::make_unique<asio::io_context>()), transport_(io_->get_executor(), options) {}

    restop::transport_result send(const restop::request& req) {
        std::optional<restop::transport_result> out;
        transport_.async_send(req, [&](restop::transport_result r) { out.emplace(std::move(r)); });
        io_->restart();
        io_->run();
        REQUIRE(out);
        return std::move(*out);
    }
    std::size_t connections_opened() const { return transport_.connections_opened(); }

private:
    std::unique_ptr<asio::io_context> io_;
    beast_async_transport transport_;
};

auto make = [](const transport_options& options) { return blocking_adapter(options); };

const char* const missing_id = "00000000-0000-0000-0000-000000000000";

transport_options emulator_options(const restop_test::emulator& emu) {
    transport_options options;
    options.endpoint = emu.endpoint();
    options.total_timeout = std::chrono::seconds(10);
    return options;
}

const restop::transport_error* transport_failure(const delete_result& outcome) {
    return outcome ? nullptr : outcome.error().get_if<restop::transport_error>();
}

}  // namespace

TEST_SUITE("beast_async_transport: the checks of every transport") {
    TEST_CASE("beast_async: POST round trip returns 200 with headers and body") { restop_test::check_round_trip(make); }
    TEST_CASE("beast_async: targets arrive verbatim and a 404 is a response") { restop_test::check_exact_target_and_404(make); }
    TEST_CASE("beast_async: a slow server yields timed_out") { restop_test::check_timeout(make); }
    TEST_CASE("beast_async: a dropped connection yields connection_closed") { restop_test::check_drop(make); }
    TEST_CASE("beast_async: max_response_body is enforced") { restop_test::check_body_cap(make); }
    TEST_CASE("beast_async: a closed port yields connection_failed") { restop_test::check_refused(make); }
    TEST_CASE("beast_async: calls reuse one kept-alive connection") { restop_test::check_connection_reuse(make); }
    TEST_CASE("beast_async: CR/LF/NUL in headers and raw targets are refused before sending") {
        restop_test::check_injection_refused(make);
    }
    TEST_CASE("beast_async: a non-HTTP reply yields protocol_error") { restop_test::check_garbage(make); }
    TEST_CASE("beast_async: response fields keep order and repeats; path prefix is prepended") {
        restop_test::check_response_headers(make, /*ordered=*/true);
    }
    TEST_CASE("beast_async: https verifies the peer with the system store by default") {
        restop_test::check_tls_verifies_by_default(make);
    }
    TEST_CASE("beast_async: https trusts ca_file and sends SNI") { restop_test::check_tls_round_trip(make); }
    TEST_CASE("beast_async: https refuses a certificate for another host") { restop_test::check_tls_host_mismatch(make); }
    TEST_CASE("beast_async: a reset during a large upload is connection_closed, not SIGPIPE") {
        restop_test::check_reset_during_upload(make);
    }
    TEST_CASE("beast_async: a connection the server closed after a response is re-opened") {
        restop_test::check_reconnect_after_server_close(make);
    }
    TEST_CASE("beast_async: HEAD reads no body") { restop_test::check_head(make); }
    TEST_CASE("beast_async: a bad endpoint fails every send with kind other") {
        transport_options options;
        options.endpoint = "ftp://example.com";
        blocking_adapter transport(options);
        const restop::transport_result result = transport.send(restop_test::make_request(restop::http_method::get, "/x"));
        REQUIRE_FALSE(result);
        CHECK(result.error().kind == restop::transport_error_kind::other);
        CHECK(result.error().message.find("scheme") != std::string::npos);
    }
}

TEST_SUITE("beast_async_transport: async_call against the emulator") {
    TEST_CASE("async_call over real sockets: callback, use_future, use_awaitable and deferred") {
        RESTOP_REQUIRE_EMULATOR();
        const restop_test::emulator emu = restop_test::require_emulator();
        asio::io_context io;
        beast_async_transport t(io.get_executor(), emulator_options(emu));
        const restop::bearer_token token(restop_test::emulator_secret());
        const cc::delete_access_token op{.id = missing_id};
        std::vector<delete_result> results;

        restop::async_call(t, op, token, [&](delete_result r) { results.push_back(std::move(r)); });
        auto deferred = restop::async_call(t, op, token, asio::deferred);
        std::move(deferred)([&](delete_result r) { results.push_back(std::move(r)); });
        asio::co_spawn(
            io, [&]() -> asio::awaitable<void> { results.push_back(co_await restop::async_call(t, op, token, asio::use_awaitable)); },
            asio::detached);
        io.run();
        // use_future needs another thread to run the loop while this one waits.
        io.restart();
        auto work = asio::make_work_guard(io);
        std::thread runner([&] { io.run(); });
        std::future<delete_result> future = restop::async_call(t, op, token, asio::use_future);
        results.push_back(future.get());
        work.reset();
        runner.join();

        REQUIRE(results.size() == 4);
        for (const delete_result& r : results) {
            REQUIRE_FALSE(r);
            CHECK(r.error().holds<cc::resource_not_found_exception>());
            CHECK_FALSE(r.error().request_id().empty());
        }
        CHECK(emu.requests().size() == 4);
        CHECK(t.connections_opened() <= 3);  // three in flight at once at most, then reused
    }

    TEST_CASE("a handler bound to a strand completes on that strand, through async_call and async_send") {
        // The transport erases every handler to one type; the handler's own executor must survive that.
        RESTOP_REQUIRE_EMULATOR();
        const restop_test::emulator emu = restop_test::require_emulator();
        asio::io_context io;
        beast_async_transport t(io.get_executor(), emulator_options(emu));
        const restop::bearer_token token(restop_test::emulator_secret());
        auto strand = asio::make_strand(io);
        int on_strand = 0;
        int completed = 0;
        restop::async_call(t, cc::delete_access_token{.id = missing_id}, token,
                           asio::bind_executor(strand, [&](delete_result r) {
                               on_strand += strand.running_in_this_thread() ? 1 : 0;
                               CHECK(r.error().holds<cc::resource_not_found_exception>());
                               ++completed;
                           }));
        const restop::request req = restop_test::make_request(restop::http_method::get, "/v1/userSettings");
        t.async_send(req, asio::bind_executor(strand, [&](restop::transport_result r) {
                         on_strand += strand.running_in_this_thread() ? 1 : 0;
                         CHECK(r.has_value());
                         ++completed;
                     }));
        // And a plain callback is not run on the strand.
        t.async_send(req, [&](restop::transport_result) {
            on_strand += strand.running_in_this_thread() ? 10 : 0;
            ++completed;
        });
        io.run();
        CHECK(completed == 3);
        CHECK(on_strand == 2);
    }

    TEST_CASE("async_call_with_retries over real sockets: 503 and throttling are retried") {
        RESTOP_REQUIRE_EMULATOR();
        const restop_test::emulator emu = restop_test::require_emulator();
        emu.faults(R"([{"status":503},{"errorType":"ThrottlingException"}])");
        asio::io_context io;
        beast_async_transport t(io.get_executor(), emulator_options(emu));
        const restop::bearer_token token(restop_test::emulator_secret());
        std::optional<delete_result> got;
        restop::async_call_with_retries(t, cc::delete_access_token{.id = missing_id}, token,
                                        {.max_attempts = 3, .base_delay = std::chrono::milliseconds(1),
                                         .throttling_base_delay = std::chrono::milliseconds(1)},
                                        [&](delete_result r) { got.emplace(std::move(r)); });
        io.run();
        REQUIRE(got);
        REQUIRE_FALSE(*got);
        CHECK(got->error().holds<cc::resource_not_found_exception>());
        CHECK(emu.requests().size() == 3);
        CHECK(t.connections_opened() == 1);
    }

    TEST_CASE("deadline over real sockets: a slow answer is cut, its connection closed") {
        RESTOP_REQUIRE_EMULATOR();
        const restop_test::emulator emu = restop_test::require_emulator();
        emu.faults(R"([{"delayMs":3000}])");
        asio::io_context io;
        beast_async_transport t(io.get_executor(), emulator_options(emu));
        const restop::bearer_token token(restop_test::emulator_secret());
        std::optional<delete_result> got;
        int calls = 0;
        restop::async_call_with_retries(t, cc::delete_access_token{.id = missing_id}, token,
                                        {.max_attempts = 3, .deadline = std::chrono::milliseconds(200)}, [&](delete_result r) {
                                            ++calls;
                                            got.emplace(std::move(r));
                                        });
        io.run();
        CHECK(calls == 1);
        REQUIRE(got);
        REQUIRE(transport_failure(*got));
        CHECK(transport_failure(*got)->kind == restop::transport_error_kind::deadline_exceeded);
        CHECK(transport_failure(*got)->message == "deadline of 200 ms exceeded after 1 attempt");
        CHECK(t.connections_open() == 0);
    }

    TEST_CASE("cancellation over real sockets: completes once with kind cancelled, the connection closed") {
        RESTOP_REQUIRE_EMULATOR();
        const restop_test::emulator emu = restop_test::require_emulator();
        emu.faults(R"([{"delayMs":3000}])");
        asio::io_context io;
        beast_async_transport t(io.get_executor(), emulator_options(emu));
        const restop::bearer_token token(restop_test::emulator_secret());
        asio::cancellation_signal signal;
        std::optional<delete_result> got;
        int calls = 0;
        restop::async_call(t, cc::delete_access_token{.id = missing_id}, token,
                           asio::bind_cancellation_slot(signal.slot(), [&](delete_result r) {
                               ++calls;
                               got.emplace(std::move(r));
                           }));
        // Cancel once the request is on the wire: when the emulator has logged it.
        asio::steady_timer poll(io);
        std::function<void()> wait_for_request = [&] {
            poll.expires_after(std::chrono::milliseconds(5));
            poll.async_wait([&](boost::system::error_code) {
                if (emu.requests().empty()) return wait_for_request();
                signal.emit(asio::cancellation_type::terminal);
            });
        };
        wait_for_request();
        io.run();
        CHECK(calls == 1);
        REQUIRE(got);
        REQUIRE(transport_failure(*got));
        CHECK(transport_failure(*got)->kind == restop::transport_error_kind::cancelled);
        CHECK(t.connections_open() == 0);
    }

    TEST_CASE("pool: many calls in flight share at most max_connections connections") {
        RESTOP_REQUIRE_EMULATOR();
        const restop_test::emulator emu = restop_test::require_emulator();
        asio::io_context io;
        beast_async_transport t(io.get_executor(), emulator_options(emu), async_pool_options{.max_connections = 2});
        const restop::bearer_token token(restop_test::emulator_secret());
        int not_found = 0;
        for (int i = 0; i < 20; ++i)
            restop::async_call(t, cc::delete_access_token{.id = missing_id}, token, [&](delete_result r) {
                if (!r && r.error().holds<cc::resource_not_found_exception>()) ++not_found;
            });
        io.run();
        CHECK(not_found == 20);
        CHECK(t.connections_opened() == 2);
        CHECK(t.connections_idle() == 2);
        CHECK(emu.requests().size() == 20);
    }

    TEST_CASE("pool: a connection idle longer than idle_timeout is not reused") {
        RESTOP_REQUIRE_EMULATOR();
        const restop_test::emulator emu = restop_test::require_emulator();
        asio::io_context io;
        beast_async_transport t(io.get_executor(), emulator_options(emu),
                                async_pool_options{.max_connections = 4, .idle_timeout = std::chrono::milliseconds(0)});
        const restop::bearer_token token(restop_test::emulator_secret());
        for (int i = 0; i < 3; ++i) {
            restop::async_call(t, cc::delete_access_token{.id = missing_id}, token, [](delete_result) {});
            io.restart();
            io.run();
        }
        CHECK(t.connections_opened() == 3);
        CHECK(t.connections_open() == 0);
    }

    TEST_CASE("pool: a reused connection the server dropped is replaced once for an idempotent request") {
        RESTOP_REQUIRE_EMULATOR();
        const restop_test::emulator emu = restop_test::require_emulator();
        asio::io_context io;
        beast_async_transport t(io.get_executor(), emulator_options(emu));
        const restop::bearer_token token(restop_test::emulator_secret());
        std::vector<delete_result> results;
        restop::async_call(t, cc::delete_access_token{.id = missing_id}, token, [&](delete_result r) { results.push_back(std::move(r)); });
        io.run();
        // The next request reaches the kept-alive connection, which the emulator then drops
        // without answering: DELETE is idempotent, so it goes out once more on a new one.
        emu.faults(R"([{"drop":true}])");
        restop::async_call(t, cc::delete_access_token{.id = missing_id}, token, [&](delete_result r) { results.push_back(std::move(r)); });
        io.restart();
        io.run();
        REQUIRE(results.size() == 2);
        CHECK(results[1].error().holds<cc::resource_not_found_exception>());
        CHECK(t.connections_opened() == 2);
        // A second drop on the fresh connection is not retried again.
        emu.faults(R"([{"drop":true},{"drop":true}])");
        restop::async_call(t, cc::delete_access_token{.id = missing_id}, token, [&](delete_result r) { results.push_back(std::move(r)); });
        io.restart();
        io.run();
        REQUIRE(results.size() == 3);
        REQUIRE(transport_failure(results[2]));
        CHECK(transport_failure(results[2])->kind == restop::transport_error_kind::connection_closed);
    }
}
