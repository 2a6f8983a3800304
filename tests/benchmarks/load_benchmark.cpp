// DeleteAccessToken under load against the CodeCatalyst emulator on 127.0.0.1, with `concurrency`
// calls in flight until `calls` have completed, through one of restop's clients:
//   async-beast  beast_async_transport, every call a coroutine on one io_context thread, one
//                pooled connection per call in flight;
//   beast, curl  the sync transports, one thread (and one transport, so one kept-alive
//                connection) per call in flight.
// Every call deletes an id that does not exist, so the emulator answers 404
// ResourceNotFoundException and holds no state between runs; the same request the JS SDK's
// script (load_js.mjs) sends. Prints one JSON object: throughput, latency percentiles and the
// CPU time this process used.
// `tools/load_bench.sh` starts the emulator and runs every client at 1, 64 and 1024.
//
//   restop_load_benchmark --endpoint http://127.0.0.1:PORT --token-file PATH --client async-beast
//                         --concurrency 64 --calls 20000
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <curl/curl.h>
#include <sys/resource.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <restop/async.hpp>
#include <restop/restop.hpp>
#include <restop/transports/beast.hpp>
#include <restop/transports/beast_async.hpp>
#include <restop/transports/curl.hpp>

namespace asio = boost::asio;
namespace cc = restop::codecatalyst;
using steady = std::chrono::steady_clock;

namespace {

struct settings {
    std::string endpoint, token_file, client;
    int concurrency = 1;
    int calls = 1000;
};

// What one call ended with: the expected 404 is the only outcome counted as answered.
struct tally {
    std::vector<double> latencies_us;
    int unexpected = 0;
    void record(const restop::result_of<cc::delete_access_token>& outcome, steady::duration took) {
        latencies_us.push_back(std::chrono::duration<double, std::micro>(took).count());
        if (outcome || !outcome.error().holds<cc::resource_not_found_exception>()) ++unexpected;
    }
};

const cc::delete_access_token missing{.id = "00000000-0000-4000-8000-000000000000"};
constexpr restop::retry_options no_retries{.max_attempts = 1};

// Sync clients: `concurrency` threads, each with its own transport, take calls from one counter.
template <class Transport>
std::vector<tally> run_threads(const settings& s, const restop::bearer_token& token) {
    std::vector<tally> tallies(static_cast<std::size_t>(s.concurrency));
    std::atomic<int> next{0};
    std::vector<std::thread> threads;
    for (auto& t : tallies)
        threads.emplace_back([&s, &token, &next, &t] {
            restop::transports::transport_options options;
            options.endpoint = s.endpoint;
            Transport transport(options);
            restop::request scratch;
            while (next.fetch_add(1, std::memory_order_relaxed) < s.calls) {
                const auto start = steady::now();
                auto outcome = restop::call(transport, missing, token, scratch);
                t.record(outcome, steady::now() - start);
            }
        });
    for (auto& thread : threads) thread.join();
    return tallies;
}

// The async client: one thread, `concurrency` coroutines sharing one pooled transport.
std::vector<tally> run_async(const settings& s, const restop::bearer_token& token) {
    asio::io_context io(1);
    restop::transports::transport_options options;
    options.endpoint = s.endpoint;
    restop::transports::beast_async_transport transport(
        io.get_executor(), options, {.max_connections = static_cast<std::size_t>(s.concurrency)});
    std::vector<tally> tallies(1);
    int next = 0;
    for (int lane = 0; lane < s.concurrency; ++lane)
        asio::co_spawn(
            io,
            [&]() -> asio::awaitable<void> {
                while (next++ < s.calls) {
                    const auto start = steady::now();
                    auto outcome = co_await restop::async_call_with_retries(transport, missing, token, no_retries,
                                                                            asio::use_awaitable);
                    tallies[0].record(outcome, steady::now() - start);
                }
            },
            asio::detached);
    io.run();
    return tallies;
}

// CPU seconds this process has used, user and system, all threads.
double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double percentile(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) return 0;
    const auto at = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(at, sorted.size() - 1)];
}

bool parse(int argc, char** argv, settings& s) {
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string_view flag = argv[i];
        const std::string value = argv[i + 1];
        if (flag == "--endpoint") s.endpoint = value;
        else if (flag == "--token-file") s.token_file = value;
        else if (flag == "--client") s.client = value;
        else if (flag == "--concurrency") s.concurrency = std::stoi(value);
        else if (flag == "--calls") s.calls = std::stoi(value);
        else return false;
    }
    return argc % 2 == 1 && !s.endpoint.empty() && !s.token_file.empty() && s.concurrency > 0 && s.calls > 0 &&
           (s.client == "async-beast" || s.client == "beast" || s.client == "curl");
}

}  // namespace

int main(int argc, char** argv) {
    settings s;
    if (!parse(argc, argv, s)) {
        std::cerr << "usage: restop_load_benchmark --endpoint URL --token-file PATH --client async-beast|beast|curl "
                     "--concurrency N --calls N\n";
        return 2;
    }
    std::ifstream token_in(s.token_file);
    std::string secret((std::istreambuf_iterator<char>(token_in)), std::istreambuf_iterator<char>());
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
    const restop::bearer_token token(std::move(secret));
    if (s.client == "curl") curl_global_init(CURL_GLOBAL_DEFAULT);

    const double cpu_before = cpu_seconds();
    const auto start = steady::now();
    const std::vector<tally> tallies = s.client == "async-beast" ? run_async(s, token)
                                       : s.client == "beast"     ? run_threads<restop::transports::beast_transport>(s, token)
                                                                 : run_threads<restop::transports::curl_transport>(s, token);
    const double seconds = std::chrono::duration<double>(steady::now() - start).count();
    const double cpu = cpu_seconds() - cpu_before;

    std::vector<double> latencies;
    int unexpected = 0;
    for (const auto& t : tallies) {
        latencies.insert(latencies.end(), t.latencies_us.begin(), t.latencies_us.end());
        unexpected += t.unexpected;
    }
    std::sort(latencies.begin(), latencies.end());
    std::printf("{\"client\":\"%s\",\"concurrency\":%d,\"calls\":%zu,\"seconds\":%.3f,\"per_second\":%.0f,"
                "\"p50_us\":%.0f,\"p99_us\":%.0f,\"cpu_seconds\":%.3f,\"unexpected\":%d}\n",
                s.client.c_str(), s.concurrency, latencies.size(), seconds, static_cast<double>(latencies.size()) / seconds,
                percentile(latencies, 0.50), percentile(latencies, 0.99), cpu, unexpected);
    if (s.client == "curl") curl_global_cleanup();
    return unexpected == 0 ? 0 : 1;
}
