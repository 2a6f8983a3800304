// Long run of async calls: N async_call_with_retries through one beast_async_transport against
// the emulator, 16 in flight on one thread, with 5xx and throttling injected and every 100th
// call cancelled while in flight. Checks that every call ends in an expected outcome, that no
// file descriptor leaks and that memory stays bounded. Prints the figures; non-zero on a breach.
//
//     with_emulator.py EMULATOR USERS -- restop_async_soak [CALLS]
#include <dirent.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <restop/async.hpp>
#include <restop/restop.hpp>
#include <restop/transports/beast_async.hpp>

namespace asio = boost::asio;
namespace cc = restop::codecatalyst;

namespace {

int open_descriptors() {
    int count = 0;
    if (DIR* dir = opendir("/proc/self/fd")) {
        while (readdir(dir) != nullptr) ++count;
        closedir(dir);
    }
    return count - 3;  // ".", ".." and the descriptor of the listing itself
}

long resident_kib() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
    return -1;
}

struct tally {
    int not_found = 0, throttled = 0, server_error = 0, cancelled = 0, other = 0, done = 0;
};

constexpr int lanes = 16;

}  // namespace

int main(int argc, char** argv) {
    const char* url = std::getenv("RESTOP_EMULATOR_URL");
    if (url == nullptr) {
        std::fprintf(stderr, "RESTOP_EMULATOR_URL is not set; run through tests/emulator/with_emulator.py\n");
        return 2;
    }
    int calls = argc > 1 ? std::atoi(argv[1]) : 100000;
    asio::io_context io(1);
    restop::transports::transport_options options;
    options.endpoint = url;
    options.total_timeout = std::chrono::seconds(10);
    restop::transports::beast_async_transport t(io.get_executor(), options, {.max_connections = lanes});
    const restop::bearer_token token("alice-pat-secret-1");
    const restop::retry_options retry{.max_attempts = 3, .base_delay = std::chrono::milliseconds(0),
                                      .throttling_base_delay = std::chrono::milliseconds(0)};
    const restop::request control{restop::http_method::post, "/__emulator/faults", {{"Content-Type", "application/json"}},
                                  R"([{"status":503},{"errorType":"ThrottlingException"},{"status":500,"count":3},{"errorType":"ThrottlingException","count":3}])"};

    tally outcomes;
    int next_call = 0;
    int descriptors_after_warmup = 0;
    long memory_after_warmup = 0;
    const auto started = std::chrono::steady_clock::now();

    auto lane = [&]() -> asio::awaitable<void> {
        asio::cancellation_signal signal;
        while (next_call < calls) {
            const int i = next_call++;
            if (i % 50 == 0) {
                // Faults go to whichever requests come next: the outcomes below are counted, not predicted.
                const restop::transport_result queued = co_await t.async_send(control, asio::use_awaitable);
                if (!queued || queued->status != 200) ++outcomes.other;
            }
            const bool cancel = i % 100 == 99;
            if (cancel) asio::post(io, [&signal] { signal.emit(asio::cancellation_type::terminal); });
            auto outcome = co_await restop::async_call_with_retries(
                t, cc::delete_access_token{.id = "00000000-0000-0000-0000-000000000000"}, token, retry,
                asio::bind_cancellation_slot(signal.slot(), asio::use_awaitable));
            signal.slot().clear();
            const auto* failed = outcome ? nullptr : outcome.error().template get_if<restop::transport_error>();
            if (outcome)
                ++outcomes.other;
            else if (failed && failed->kind == restop::transport_error_kind::cancelled && cancel)
                ++outcomes.cancelled;
            else if (outcome.error().template holds<cc::resource_not_found_exception>())
                ++outcomes.not_found;
            else if (outcome.error().template holds<cc::throttling_exception>())
                ++outcomes.throttled;
            else if (outcome.error().status() >= 500)  // 503 or 500, whichever the faults left last
                ++outcomes.server_error;
            else {
                ++outcomes.other;
                std::printf("unexpected: call %d: %s (HTTP %d)\n", i, failed ? failed->message.c_str() : "an error response",
                            outcome.error().status());
            }
            ++outcomes.done;
        }
    };
    // A warm-up of 1000 calls, run to the end so that the figures are taken with nothing in
    // flight; the pool's own connections (at most `lanes`, all idle then) are counted apart.
    const int total = calls;
    calls = std::min(1000, total);
    for (int i = 0; i < lanes; ++i) asio::co_spawn(io, lane, asio::detached);
    io.run();
    descriptors_after_warmup = open_descriptors() - static_cast<int>(t.connections_open());
    memory_after_warmup = resident_kib();
    calls = total;
    io.restart();
    for (int i = 0; i < lanes; ++i) asio::co_spawn(io, lane, asio::detached);
    io.run();

    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const int descriptors = open_descriptors() - static_cast<int>(t.connections_open());
    const long memory = resident_kib();
    std::printf("beast_async %d calls (%d in flight) in %.1f s (%.0f calls/s): %d ResourceNotFound, %d Throttling, %d HTTP 5xx "
                "(retries exhausted), %d cancelled, %d unexpected; %zu connections opened; fds besides the pool's after 1000 "
                "calls %d, at the end %d; RSS after 1000 calls %ld KiB, at the end %ld KiB\n",
                outcomes.done, lanes, seconds, outcomes.done / seconds, outcomes.not_found, outcomes.throttled,
                outcomes.server_error, outcomes.cancelled, outcomes.other, t.connections_opened(), descriptors_after_warmup,
                descriptors, memory_after_warmup, memory);
    const bool ok = outcomes.other == 0 && outcomes.done == calls && outcomes.cancelled == calls / 100 &&
                    descriptors <= descriptors_after_warmup && memory - memory_after_warmup < 8 * 1024;
    std::printf("%s\n", ok ? "passed" : "FAILED");
    return ok ? 0 : 1;
}
