// Long run: N calls through each bundled transport against the emulator, with throttling and
// 5xx injected, checking that every call ends in an expected outcome, that no file descriptor
// leaks and that memory stays bounded. Prints the figures; exits non-zero on any breach.
//
//     with_emulator.py EMULATOR USERS -- restop_soak [CALLS]
#include <dirent.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include <restop/restop.hpp>
#include <restop/transports/beast.hpp>
#include <restop/transports/curl.hpp>
#include <restop/transports/httplib.hpp>

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
    int not_found = 0, throttled = 0, server_error = 0, other = 0;
};

template <class Transport>
bool soak(const char* name, const std::string& endpoint, int calls) {
    restop::transports::transport_options options;
    options.endpoint = endpoint;
    options.total_timeout = std::chrono::seconds(10);
    Transport t(options);
    const restop::bearer_token token("alice-pat-secret-1");
    const restop::retry_options retry{.max_attempts = 3, .base_delay = std::chrono::milliseconds(0),
                                      .throttling_base_delay = std::chrono::milliseconds(0)};
    restop::request control{restop::http_method::post, "/__emulator/faults", {{"Content-Type", "application/json"}},
                            R"([{"status":503},{"errorType":"ThrottlingException"},{"status":500,"count":3},{"errorType":"ThrottlingException","count":3}])"};

    tally outcomes;
    int descriptors_after_warmup = 0;
    long memory_after_warmup = 0;
    const auto started = std::chrono::steady_clock::now();
    for (int i = 0; i < calls; ++i) {
        // Every 50th call meets a retried 503, a retried throttle, then exhausted retries of each.
        if (i % 50 == 0 && !t.send(control)) ++outcomes.other;
        auto outcome = restop::call_with_retries(t, cc::delete_access_token{.id = "00000000-0000-0000-0000-000000000000"},
                                                 token, retry, {}, [](std::chrono::milliseconds) {}, [] { return 0.0; });
        if (outcome)
            ++outcomes.other;
        else if (outcome.error().template holds<cc::resource_not_found_exception>())
            ++outcomes.not_found;
        else if (outcome.error().template holds<cc::throttling_exception>())
            ++outcomes.throttled;
        else if (outcome.error().status() == 500)
            ++outcomes.server_error;
        else
            ++outcomes.other;
        if (i == 999) {
            descriptors_after_warmup = open_descriptors();
            memory_after_warmup = resident_kib();
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const int descriptors = open_descriptors();
    const long memory = resident_kib();
    std::printf("%-8s %6d calls in %5.1f s: %d ResourceNotFound, %d Throttling (retries exhausted), %d HTTP 500 "
                "(retries exhausted), %d unexpected; fds after 1000 calls %d, at the end %d; RSS after 1000 calls %ld KiB, "
                "at the end %ld KiB\n",
                name, calls, seconds, outcomes.not_found, outcomes.throttled, outcomes.server_error, outcomes.other,
                descriptors_after_warmup, descriptors, memory_after_warmup, memory);
    // The fault script exhausts the retries exactly twice per 50 calls; everything else is a 404.
    const int exhausted = calls / 50 + (calls % 50 != 0 ? 1 : 0);
    const bool ok = outcomes.other == 0 && outcomes.throttled == exhausted && outcomes.server_error == exhausted &&
                    descriptors <= descriptors_after_warmup && memory - memory_after_warmup < 8 * 1024;
    if (!ok) std::printf("%s: FAILED\n", name);
    return ok;
}

}  // namespace

int main(int argc, char** argv) {
    const char* url = std::getenv("RESTOP_EMULATOR_URL");
    if (url == nullptr) {
        std::fprintf(stderr, "RESTOP_EMULATOR_URL is not set; run through tests/emulator/with_emulator.py\n");
        return 2;
    }
    const int calls = argc > 1 ? std::atoi(argv[1]) : 10000;
    int failed = 0;
    failed += !soak<restop::transports::curl_transport>("curl", url, calls);
    failed += !soak<restop::transports::beast_transport>("beast", url, calls);
    failed += !soak<restop::transports::httplib_transport>("httplib", url, calls);
    std::printf("%d passed, %d failed\n", 3 - failed, failed);
    return failed == 0 ? 0 : 1;
}
