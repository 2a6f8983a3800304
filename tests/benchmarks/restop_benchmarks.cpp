// restop's run-time cost, measured beside two references in the same run (issue 5):
//   restop  - the library, as a caller uses it;
//   hand    - hand_written.hpp, what a careful engineer writes for DeleteAccessToken alone;
//   floor   - a memcpy of the same output bytes (encode) or one pass over the body (decode).
// Every benchmark also reports `allocs`, the heap allocations per operation, counted by the
// replacement operator new below. tools/bench.sh turns the output into the README table.

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <string_view>

#include <restop/restop.hpp>

#include "hand_written.hpp"

// ---- allocation counting --------------------------------------------------------------------
// The benchmarks run on one thread, so a plain counter is exact and adds no atomic to either side.

namespace {
std::size_t allocations = 0;

void* counted_alloc(std::size_t size) {
    ++allocations;
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc();
}
void* counted_alloc(std::size_t size, std::align_val_t align) {
    ++allocations;
    const auto alignment = static_cast<std::size_t>(align);
    if (void* p = std::aligned_alloc(alignment, (size + alignment - 1) / alignment * alignment)) return p;
    throw std::bad_alloc();
}
}  // namespace

void* operator new(std::size_t size) { return counted_alloc(size); }
void* operator new[](std::size_t size) { return counted_alloc(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
    ++allocations;
    return std::malloc(size == 0 ? 1 : size);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
    ++allocations;
    return std::malloc(size == 0 ? 1 : size);
}
void* operator new(std::size_t size, std::align_val_t align) { return counted_alloc(size, align); }
void* operator new[](std::size_t size, std::align_val_t align) { return counted_alloc(size, align); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }

namespace {

namespace cc = restop::codecatalyst;

// Counts the allocations made inside the timed loop and reports them per iteration.
class allocation_meter {
public:
    explicit allocation_meter(benchmark::State& state) : state_(state), start_(allocations) {}
    ~allocation_meter() {
        const double per_op = state_.iterations() == 0
                                  ? 0.0
                                  : static_cast<double>(allocations - start_) / static_cast<double>(state_.iterations());
        state_.counters["allocs"] = per_op;
    }

private:
    benchmark::State& state_;
    std::size_t start_;
};

// ---- inputs ---------------------------------------------------------------------------------

// A personal access token of a realistic length; its bytes do not matter.
const restop::bearer_token token("cc-pat-6f1e3a2b9c8d4e7f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f");
const std::string token_text(token.reveal());

const std::string ascii_id = "a1b2c3d4-5678-90ab-cdef-EXAMPLEbbbbb";     // 36 bytes, nothing to escape
const std::string smithy_escaping_id = " %:/?#[]@!$&'()*+,;=\xF0\x9F\x98\xB9";  // Smithy's vector, 😹 included

const std::string request_id = "7f4f1d42-6a1b-4b5e-9a43-3c9f1b7e2d10";

restop::header_list aws_headers(std::string_view content_type, std::string_view length, bool with_request_id) {
    restop::header_list headers{{"Date", "Tue, 04 Jun 2024 10:15:00 GMT"},
                                {"Content-Type", std::string(content_type)},
                                {"Content-Length", std::string(length)},
                                {"Connection", "keep-alive"}};
    if (with_request_id) headers.push_back({"x-amzn-requestid", request_id});
    return headers;
}

restop::response make_response(int status, restop::header_list headers, std::string body) {
    return restop::response{status, std::move(headers), std::move(body)};
}

const restop::response ok_200 = make_response(200, aws_headers("application/json", "2", true), "{}");
const restop::response not_found_404 = [] {
    restop::response r =
        make_response(404, aws_headers("application/json", "61", true), R"({"message":"Access token a1b2c3d4 was not found."})");
    r.headers.push_back({"X-Amzn-Errortype", "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.codecatalyst/"});
    return r;
}();
const restop::response throttled_429 =
    make_response(429, aws_headers("application/json", "94", true),
                  R"({"__type":"com.amazonaws.codecatalyst#ThrottlingException","message":"Rate exceeded for DeleteAccessToken"})");
const restop::response quota_402 = make_response(402, aws_headers("application/json", "70", true),
                                                 R"({"message":"You have reached the limit of access tokens for your tier."})");
const restop::response html_500 =
    make_response(500, aws_headers("text/html", "88", false),
                  "<html>\r\n<head><title>500 Internal Server Error</title></head>\r\n<body>\r\n<center><h1>500 Internal "
                  "Server Error</h1></center>\r\n</body>\r\n</html>\r\n");

// ---- encode ---------------------------------------------------------------------------------

void encode_restop(benchmark::State& state, const std::string& id) {
    const cc::delete_access_token op{.id = id};
    restop::request req;
    if (!restop::encode_into(req, op, token)) state.SkipWithError("restop refused the input");
    allocation_meter meter(state);
    for (auto _ : state) {
        auto ok = restop::encode_into(req, op, token);
        benchmark::DoNotOptimize(ok);
        benchmark::DoNotOptimize(req);
        benchmark::ClobberMemory();
    }
}

void encode_hand(benchmark::State& state, const std::string& id) {
    restop::request req;
    if (hand::encode_delete_access_token(req, id, token_text) != hand::encode_status::ok)
        state.SkipWithError("the hand-written encoder refused the input");
    allocation_meter meter(state);
    for (auto _ : state) {
        auto status = hand::encode_delete_access_token(req, id, token_text);
        benchmark::DoNotOptimize(status);
        benchmark::DoNotOptimize(req);
        benchmark::ClobberMemory();
    }
}

// The bytes restop writes, copied into buffers that already have room: no validation, no
// escaping, no container bookkeeping.
struct encoded_bytes {
    std::string target;
    std::string authorization;
};
encoded_bytes encoded(const std::string& id) {
    restop::request req;
    (void)restop::encode_into(req, cc::delete_access_token{.id = id}, token);
    return {req.target, req.headers.at(0).value};
}

void encode_floor(benchmark::State& state, const std::string& id) {
    const encoded_bytes bytes = encoded(id);
    char target[256];
    char authorization[256];
    allocation_meter meter(state);
    for (auto _ : state) {
        std::memcpy(target, bytes.target.data(), bytes.target.size());
        std::memcpy(authorization, bytes.authorization.data(), bytes.authorization.size());
        benchmark::DoNotOptimize(target);
        benchmark::DoNotOptimize(authorization);
        benchmark::ClobberMemory();
    }
}

// ---- decode ---------------------------------------------------------------------------------

void decode_restop(benchmark::State& state, const restop::response& received) {
    allocation_meter meter(state);
    for (auto _ : state) {
        auto outcome = restop::decode<cc::delete_access_token>(received);
        benchmark::DoNotOptimize(outcome);
    }
}

void decode_hand(benchmark::State& state, const restop::response& received) {
    allocation_meter meter(state);
    for (auto _ : state) {
        auto outcome = hand::decode_delete_access_token(received);
        benchmark::DoNotOptimize(outcome);
    }
}

// The least any decoder must do: look at every body byte once. memchr for a byte no body here
// holds reads them all at the speed of the C library's vector loop.
const void* one_pass(std::string_view body) { return std::memchr(body.data(), '\0', body.size()); }

void decode_floor(benchmark::State& state, const restop::response& received) {
    allocation_meter meter(state);
    for (auto _ : state) {
        const std::string& body = received.body;
        benchmark::DoNotOptimize(body.data());
        const void* found = one_pass(body);
        benchmark::DoNotOptimize(found);
    }
}

// ---- a whole call through an in-memory transport --------------------------------------------

// Hands back a copy of a prebuilt response, as a transport hands back a fresh response: the
// copy (and its allocations) is the transport's cost and is paid by every side alike.
struct canned_transport {
    const restop::response* canned;
    restop::transport_result send(const restop::request& req) {
        benchmark::DoNotOptimize(req.target.data());
        return *canned;
    }
};
static_assert(restop::transport<canned_transport>);

void call_restop(benchmark::State& state, const restop::response& received) {
    const cc::delete_access_token op{.id = ascii_id};
    canned_transport transport{&received};
    restop::request scratch;
    (void)restop::call(transport, op, token, scratch);  // the request has grown to size: it is reused from here on
    allocation_meter meter(state);
    for (auto _ : state) {
        auto outcome = restop::call(transport, op, token, scratch);
        benchmark::DoNotOptimize(outcome);
    }
}

void call_hand(benchmark::State& state, const restop::response& received) {
    canned_transport transport{&received};
    restop::request scratch;
    (void)hand::encode_delete_access_token(scratch, ascii_id, token_text);
    allocation_meter meter(state);
    for (auto _ : state) {
        if (hand::encode_delete_access_token(scratch, ascii_id, token_text) != hand::encode_status::ok) {
            state.SkipWithError("refused");
            break;
        }
        restop::transport_result sent = transport.send(scratch);
        auto outcome = hand::decode_delete_access_token(*sent);
        benchmark::DoNotOptimize(outcome);
    }
}

void call_floor(benchmark::State& state, const restop::response& received) {
    const encoded_bytes bytes = encoded(ascii_id);
    canned_transport transport{&received};
    const restop::request unused;
    char target[256];
    char authorization[256];
    allocation_meter meter(state);
    for (auto _ : state) {
        std::memcpy(target, bytes.target.data(), bytes.target.size());
        std::memcpy(authorization, bytes.authorization.data(), bytes.authorization.size());
        benchmark::DoNotOptimize(target);
        benchmark::DoNotOptimize(authorization);
        restop::transport_result sent = transport.send(unused);
        const void* found = one_pass(sent->body);
        benchmark::DoNotOptimize(found);
    }
}

// ---- the sides do the same job -------------------------------------------------------------

// Before anything is timed: the hand-written code must produce what restop produces, or the
// comparison would be of two different jobs.
std::string_view hand_name(hand::error_code code) {
    switch (code) {
        case hand::error_code::none: return "";
        case hand::error_code::validation: return "ValidationException";
        case hand::error_code::service_quota_exceeded: return "ServiceQuotaExceededException";
        case hand::error_code::access_denied: return "AccessDeniedException";
        case hand::error_code::resource_not_found: return "ResourceNotFoundException";
        case hand::error_code::conflict: return "ConflictException";
        case hand::error_code::throttling: return "ThrottlingException";
        case hand::error_code::unknown: return "UnknownError";
    }
    return "";
}

bool sides_agree() {
    bool agree = true;
    for (const std::string* id : {&ascii_id, &smithy_escaping_id}) {
        restop::request ours;
        restop::request theirs;
        const bool ok = static_cast<bool>(restop::encode_into(ours, cc::delete_access_token{.id = *id}, token)) &&
                        hand::encode_delete_access_token(theirs, *id, token_text) == hand::encode_status::ok;
        if (!ok || ours.target != theirs.target || ours.headers.size() != 1 || theirs.headers.size() != 1 ||
            ours.headers[0].name != theirs.headers[0].name || ours.headers[0].value != theirs.headers[0].value) {
            std::fprintf(stderr, "encode differs for id of %zu bytes: %s vs %s\n", id->size(), ours.target.c_str(),
                         theirs.target.c_str());
            agree = false;
        }
    }
    for (const restop::response* received : {&ok_200, &not_found_404, &throttled_429, &quota_402, &html_500}) {
        const auto ours = restop::decode<cc::delete_access_token>(*received);
        const hand::outcome theirs = hand::decode_delete_access_token(*received);
        const std::string_view their_id(theirs.request_id, theirs.request_id_size);
        const bool same =
            ours ? theirs.code == hand::error_code::none && ours->request_id == their_id
                 : ours.error().name() == hand_name(theirs.code) && ours.error().message() == theirs.message &&
                       ours.error().status() == theirs.status && ours.error().request_id() == their_id;
        if (!same) {
            std::fprintf(stderr, "decode differs for status %d\n", received->status);
            agree = false;
        }
    }
    return agree;
}

// ---- a patterned member's check ---------------------------------------------------------------
// restop: string_param::find_violation (UTF-8, @length, then the @pattern's matcher over the
// program its restop::pattern compiled at compile time). recompiled: the same checks, with the
// pattern compiled again on every check, as every check did before the program was kept.
// hand: the UUID check a careful engineer writes for this one pattern. floor: one pass over it.

constexpr std::string_view uuid_pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
using uuid_param = restop::string_param<restop::required, restop::length<36, 36>,
                                        restop::pattern<"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$">>;
const std::string uuid_value = "7f4f1d42-6a1b-4b5e-9a43-3c9f1b7e2d10";

void pattern_restop(benchmark::State& state, const std::string& value) {
    const uuid_param param = std::string_view(value);
    if (param.find_violation(restop::checks::all)) state.SkipWithError("restop refused the input");
    allocation_meter meter(state);
    for (auto _ : state) {
        auto found = param.find_violation(restop::checks::all);
        benchmark::DoNotOptimize(found);
    }
}

// Times `check(text)`, keeping the compiler from hoisting it out of the loop.
template <class Check>
void time_check(benchmark::State& state, std::string_view text, Check check) {
    allocation_meter meter(state);
    for (auto _ : state) {
        benchmark::DoNotOptimize(text);
        auto outcome = check(text);
        benchmark::DoNotOptimize(outcome);
    }
}

void pattern_recompiled(benchmark::State& state, const std::string& value) {
    time_check(state, value, [](std::string_view text) {
        const auto scan = restop::detail::scan_utf8(text);
        return scan.valid && scan.scalars == 36 &&
               restop::detail::match_pattern(uuid_pattern, text) == restop::detail::pattern_match::matched;
    });
}

void pattern_hand(benchmark::State& state, const std::string& value) {
    time_check(state, value, [](std::string_view text) {
        bool ok = text.size() == 36;
        for (std::size_t i = 0; ok && i < text.size(); ++i) {
            const char c = text[i];
            ok = (i == 8 || i == 13 || i == 18 || i == 23) ? c == '-' : ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
        }
        return ok;
    });
}

void pattern_floor(benchmark::State& state, const std::string& value) {
    time_check(state, value, [](std::string_view text) {
        unsigned sum = 0;
        for (char c : text) sum += static_cast<unsigned char>(c);
        return sum;
    });
}

// ---- registration ---------------------------------------------------------------------------
// Names are <case>/<side>; tools/bench_report.py pairs the sides of each case.

template <class Input>
void register_case(const std::string& name, void (*restop_side)(benchmark::State&, const Input&),
                   void (*hand_side)(benchmark::State&, const Input&), void (*floor_side)(benchmark::State&, const Input&),
                   const Input& input) {
    benchmark::RegisterBenchmark((name + "/restop").c_str(), restop_side, std::cref(input));
    benchmark::RegisterBenchmark((name + "/hand").c_str(), hand_side, std::cref(input));
    benchmark::RegisterBenchmark((name + "/floor").c_str(), floor_side, std::cref(input));
}

}  // namespace

int main(int argc, char** argv) {
    if (!sides_agree()) return 1;
    register_case<std::string>("encode/ascii_id", encode_restop, encode_hand, encode_floor, ascii_id);
    register_case<std::string>("encode/smithy_escaping", encode_restop, encode_hand, encode_floor, smithy_escaping_id);
    register_case<restop::response>("decode/200", decode_restop, decode_hand, decode_floor, ok_200);
    register_case<restop::response>("decode/404_errortype_header", decode_restop, decode_hand, decode_floor, not_found_404);
    register_case<restop::response>("decode/429_type_in_body", decode_restop, decode_hand, decode_floor, throttled_429);
    register_case<restop::response>("decode/402_status_table", decode_restop, decode_hand, decode_floor, quota_402);
    register_case<restop::response>("decode/500_html", decode_restop, decode_hand, decode_floor, html_500);
    register_case<restop::response>("call/200", call_restop, call_hand, call_floor, ok_200);
    register_case<restop::response>("call/404", call_restop, call_hand, call_floor, not_found_404);
    register_case<std::string>("check/pattern_uuid", pattern_restop, pattern_hand, pattern_floor, uuid_value);
    register_case<std::string>("check/pattern_uuid_recompiled", pattern_recompiled, pattern_hand, pattern_floor, uuid_value);

    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
