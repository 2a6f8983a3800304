// restop's run-time cost, measured beside its references in the same run (issues 5 and 12):
//   restop     - the library, as a caller uses it (every check on);
//   wire_only  - the same with restop::checks::wire_only (encode and call only);
//   hand       - hand_written.hpp, what a careful engineer writes for one operation alone,
//                checking what the model requires;
//   bare       - the same hand-written code with no check at all, decoding into a reused
//                outcome: the no-checks reference of issue 12;
//   floor      - a memcpy of the same output bytes (encode) or one pass over the body (decode).
// DeleteAccessToken has every side; CreateAccessToken (a JSON body and output), ListAccessTokens
// (a page) and GetProject (patterned labels) are operations restop_gen generated, with their
// references in hand_written_generated.hpp.
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
#include <utility>

#include <restop/restop.hpp>

#include "hand_written.hpp"
#include "hand_written_generated.hpp"

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

// Times `encode(req)` into one reused request, after a first call has grown it to size.
template <class Encode>
void time_encode(benchmark::State& state, Encode encode) {
    restop::request req;
    if (!encode(req)) state.SkipWithError("the encoder refused the input");
    allocation_meter meter(state);
    for (auto _ : state) {
        auto ok = encode(req);
        benchmark::DoNotOptimize(ok);
        benchmark::DoNotOptimize(req);
        benchmark::ClobberMemory();
    }
}

// restop's side of an encode case: `op` encoded with every check, or with checks::wire_only.
template <class Op>
void encode_op(benchmark::State& state, const Op& op, restop::checks level) {
    time_encode(state, [&](restop::request& req) { return static_cast<bool>(restop::encode_into(req, op, token, {.level = level})); });
}

void encode_restop(benchmark::State& state, const std::string& id) { encode_op(state, cc::delete_access_token{.id = id}, restop::checks::all); }

void encode_wire_only(benchmark::State& state, const std::string& id) {
    encode_op(state, cc::delete_access_token{.id = id}, restop::checks::wire_only);
}

void encode_hand(benchmark::State& state, const std::string& id) {
    time_encode(state, [&](restop::request& req) {
        return hand::encode_delete_access_token(req, id, token_text) == hand::encode_status::ok;
    });
}

void encode_bare(benchmark::State& state, const std::string& id) {
    time_encode(state, [&](restop::request& req) {
        hand::encode_delete_access_token_unchecked(req, id, token_text);
        return true;
    });
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

template <class Op>
void decode_op(benchmark::State& state, const restop::response& received) {
    allocation_meter meter(state);
    for (auto _ : state) {
        auto outcome = restop::decode<Op>(received);
        benchmark::DoNotOptimize(outcome);
    }
}

void decode_restop(benchmark::State& state, const restop::response& received) { decode_op<cc::delete_access_token>(state, received); }

// Times `decode_into(outcome, received)` into one reused outcome.
template <class Outcome, class DecodeInto>
void time_decode_into(benchmark::State& state, const restop::response& received, DecodeInto decode_into) {
    Outcome outcome;
    decode_into(outcome, received);
    allocation_meter meter(state);
    for (auto _ : state) {
        decode_into(outcome, received);
        benchmark::DoNotOptimize(outcome);
        benchmark::ClobberMemory();
    }
}

void decode_bare(benchmark::State& state, const restop::response& received) {
    time_decode_into<hand::outcome>(state, received, hand::decode_delete_access_token_into);
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

void call_with(benchmark::State& state, const restop::response& received, restop::checks level) {
    const cc::delete_access_token op{.id = ascii_id};
    canned_transport transport{&received};
    restop::request scratch;
    (void)restop::call(transport, op, token, scratch);  // the request has grown to size: it is reused from here on
    allocation_meter meter(state);
    for (auto _ : state) {
        auto outcome = restop::call(transport, op, token, scratch, {.level = level});
        benchmark::DoNotOptimize(outcome);
    }
}

void call_restop(benchmark::State& state, const restop::response& received) { call_with(state, received, restop::checks::all); }
void call_wire_only(benchmark::State& state, const restop::response& received) {
    call_with(state, received, restop::checks::wire_only);
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

void call_bare(benchmark::State& state, const restop::response& received) {
    canned_transport transport{&received};
    restop::request scratch;
    hand::outcome outcome;
    hand::encode_delete_access_token_unchecked(scratch, ascii_id, token_text);
    allocation_meter meter(state);
    for (auto _ : state) {
        hand::encode_delete_access_token_unchecked(scratch, ascii_id, token_text);
        restop::transport_result sent = transport.send(scratch);
        hand::decode_delete_access_token_into(outcome, *sent);
        benchmark::DoNotOptimize(outcome);
        benchmark::ClobberMemory();
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

// ---- operations restop_gen generated ------------------------------------------------------------

const hand::time_point new_year = std::chrono::sys_days(std::chrono::year{2026} / 12 / 31);
const cc::create_access_token create_op{.name = "ci-token-for-nightly-builds", .expires_time = new_year};
const cc::get_project get_project_op{.space_name = "my-space", .name = "web_frontend.v2"};

const restop::response created_201 = make_response(
    201, aws_headers("application/json", "166", true),
    R"({"secret":"cc-pat-1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f","name":"ci-token-for-nightly-builds",)"
    R"("expiresTime":"2026-12-31T00:00:00Z","accessTokenId":"a1b2c3d4-5678-90ab-cdef-EXAMPLEbbbbb"})");

const restop::response token_page_200 = [] {
    std::string body = R"({"items":[)";
    for (int i = 0; i < 10; ++i) {
        if (i) body += ',';
        body += R"({"id":"a1b2c3d4-5678-90ab-cdef-EXAMPLE0000)" + std::to_string(i) + R"(","name":"token-)" + std::to_string(i) +
                R"(","expiresTime":"2026-12-)" + std::to_string(10 + i) + R"(T08:30:00Z"})";
    }
    body += R"(],"nextToken":"eyJvZmZzZXQiOjEwfQ"})";
    return make_response(200, aws_headers("application/json", std::to_string(body.size()), true), std::move(body));
}();

void create_restop(benchmark::State& state, const int&) { encode_op(state, create_op, restop::checks::all); }
void create_wire_only(benchmark::State& state, const int&) { encode_op(state, create_op, restop::checks::wire_only); }
void create_hand(benchmark::State& state, const int&) {
    time_encode(state, [](restop::request& req) {
        return hand::encode_create_access_token(req, create_op.name.view(), create_op.expires_time, token_text) ==
               hand::encode_status::ok;
    });
}
void create_bare(benchmark::State& state, const int&) {
    time_encode(state, [](restop::request& req) {
        hand::encode_create_access_token_unchecked(req, create_op.name.view(), create_op.expires_time, token_text);
        return true;
    });
}

void get_project_restop(benchmark::State& state, const int&) { encode_op(state, get_project_op, restop::checks::all); }
void get_project_wire_only(benchmark::State& state, const int&) { encode_op(state, get_project_op, restop::checks::wire_only); }
void get_project_hand(benchmark::State& state, const int&) {
    time_encode(state, [](restop::request& req) {
        return hand::encode_get_project(req, get_project_op.space_name.view(), get_project_op.name.view(), token_text) ==
               hand::encode_status::ok;
    });
}
void get_project_bare(benchmark::State& state, const int&) {
    time_encode(state, [](restop::request& req) {
        hand::encode_get_project_unchecked(req, get_project_op.space_name.view(), get_project_op.name.view(), token_text);
        return true;
    });
}

// The floor of an encode: the request's bytes copied into buffers that have room.
template <class Op>
void encode_floor_of(benchmark::State& state, const Op& op) {
    restop::request encoded;
    (void)restop::encode_into(encoded, op, token);
    char target[256];
    char body[256];
    char authorization[256];
    const std::string& bearer = encoded.headers.at(0).value;
    allocation_meter meter(state);
    for (auto _ : state) {
        std::memcpy(target, encoded.target.data(), encoded.target.size());
        std::memcpy(body, encoded.body.data(), encoded.body.size());
        std::memcpy(authorization, bearer.data(), bearer.size());
        benchmark::DoNotOptimize(target);
        benchmark::DoNotOptimize(body);
        benchmark::DoNotOptimize(authorization);
        benchmark::ClobberMemory();
    }
}
void create_floor(benchmark::State& state, const int&) { encode_floor_of(state, create_op); }
void get_project_floor(benchmark::State& state, const int&) { encode_floor_of(state, get_project_op); }

void created_restop(benchmark::State& state, const restop::response& received) { decode_op<cc::create_access_token>(state, received); }
void created_hand(benchmark::State& state, const restop::response& received) {
    allocation_meter meter(state);
    for (auto _ : state) {
        hand::created_token outcome;
        benchmark::DoNotOptimize(hand::decode_create_access_token_into(outcome, received));
        benchmark::DoNotOptimize(outcome);
    }
}
void created_bare(benchmark::State& state, const restop::response& received) {
    time_decode_into<hand::created_token>(state, received, hand::decode_create_access_token_into);
}

void page_restop(benchmark::State& state, const restop::response& received) { decode_op<cc::list_access_tokens>(state, received); }
void page_hand(benchmark::State& state, const restop::response& received) {
    allocation_meter meter(state);
    for (auto _ : state) {
        hand::token_page outcome;
        benchmark::DoNotOptimize(hand::decode_list_access_tokens_into(outcome, received));
        benchmark::DoNotOptimize(outcome);
    }
}
void page_bare(benchmark::State& state, const restop::response& received) {
    time_decode_into<hand::token_page>(state, received, hand::decode_list_access_tokens_into);
}

// ---- the sides do the same job -------------------------------------------------------------

// Before anything is timed: the hand-written code must produce what restop produces, or the
// comparison would be of two different jobs.
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
                 : ours.error().name() == hand::error_name(theirs.code) && ours.error().message() == theirs.message &&
                       ours.error().status() == theirs.status && ours.error().request_id() == their_id;
        if (!same) {
            std::fprintf(stderr, "decode differs for status %d\n", received->status);
            agree = false;
        }
    }
    // The generated operations: the same request bytes, and the same output read back.
    const auto same_request = [&](const char* what, const restop::request& ours, const restop::request& theirs) {
        bool same = ours.method == theirs.method && ours.target == theirs.target && ours.body == theirs.body &&
                    ours.headers.size() == theirs.headers.size();
        for (std::size_t i = 0; same && i < ours.headers.size(); ++i)
            same = ours.headers[i].name == theirs.headers[i].name && ours.headers[i].value == theirs.headers[i].value;
        if (!same) {
            std::fprintf(stderr, "encode of %s differs: %s %s vs %s %s\n", what, ours.target.c_str(), ours.body.c_str(),
                         theirs.target.c_str(), theirs.body.c_str());
            agree = false;
        }
    };
    restop::request ours;
    restop::request theirs;
    if (!restop::encode_into(ours, create_op, token) ||
        hand::encode_create_access_token(theirs, create_op.name.view(), create_op.expires_time, token_text) != hand::encode_status::ok)
        agree = false;
    same_request("CreateAccessToken", ours, theirs);
    if (!restop::encode_into(ours, get_project_op, token) ||
        hand::encode_get_project(theirs, get_project_op.space_name.view(), get_project_op.name.view(), token_text) !=
            hand::encode_status::ok)
        agree = false;
    same_request("GetProject", ours, theirs);

    const auto created = restop::decode<cc::create_access_token>(created_201);
    hand::created_token their_token;
    if (!created || !hand::decode_create_access_token_into(their_token, created_201) ||
        created->output.secret.reveal() != their_token.secret || created->output.name != their_token.name ||
        created->output.expires_time != their_token.expires_time || created->output.access_token_id != their_token.access_token_id ||
        created->request_id != std::string_view(their_token.request_id, their_token.request_id_size)) {
        std::fprintf(stderr, "decode of CreateAccessToken's 201 differs\n");
        agree = false;
    }
    const auto page = restop::decode<cc::list_access_tokens>(token_page_200);
    hand::token_page their_page;
    bool same_page = page && hand::decode_list_access_tokens_into(their_page, token_page_200) &&
                     page->output.items.size() == their_page.items.size() && page->output.next_token == their_page.next_token;
    for (std::size_t i = 0; same_page && i < their_page.items.size(); ++i)
        same_page = page->output.items[i].id == their_page.items[i].id && page->output.items[i].name == their_page.items[i].name &&
                    page->output.items[i].expires_time == their_page.items[i].expires_time;
    if (!same_page) {
        std::fprintf(stderr, "decode of a ListAccessTokens page differs\n");
        agree = false;
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
using side = void (*)(benchmark::State&, const Input&);

// Registers the sides a case has (a null one is left out) under <case>/<side>.
template <class Input>
void register_case(const std::string& name, const Input& input, side<Input> restop_side, side<Input> wire_only_side,
                   side<Input> hand_side, side<Input> bare_side, side<Input> floor_side) {
    const std::pair<const char*, side<Input>> sides[] = {
        {"restop", restop_side}, {"wire_only", wire_only_side}, {"hand", hand_side}, {"bare", bare_side}, {"floor", floor_side}};
    for (const auto& [side_name, run] : sides)
        if (run) benchmark::RegisterBenchmark((name + "/" + side_name).c_str(), run, std::cref(input));
}

const int no_input = 0;

}  // namespace

int main(int argc, char** argv) {
    if (!sides_agree()) return 1;
    using restop::response;
    register_case<std::string>("encode/ascii_id", ascii_id, encode_restop, encode_wire_only, encode_hand, encode_bare, encode_floor);
    register_case<std::string>("encode/smithy_escaping", smithy_escaping_id, encode_restop, encode_wire_only, encode_hand, encode_bare,
                               encode_floor);
    for (const auto& [name, received] : {std::pair{"decode/200", &ok_200}, {"decode/404_errortype_header", &not_found_404},
                                         {"decode/429_type_in_body", &throttled_429}, {"decode/402_status_table", &quota_402},
                                         {"decode/500_html", &html_500}})
        register_case<response>(name, *received, decode_restop, nullptr, decode_hand, decode_bare, decode_floor);
    register_case<response>("call/200", ok_200, call_restop, call_wire_only, call_hand, call_bare, call_floor);
    register_case<response>("call/404", not_found_404, call_restop, call_wire_only, call_hand, call_bare, call_floor);
    register_case<int>("encode/create_access_token", no_input, create_restop, create_wire_only, create_hand, create_bare, create_floor);
    register_case<response>("decode/create_access_token_201", created_201, created_restop, nullptr, created_hand, created_bare,
                            decode_floor);
    register_case<response>("decode/list_access_tokens_page", token_page_200, page_restop, nullptr, page_hand, page_bare, decode_floor);
    register_case<int>("encode/get_project", no_input, get_project_restop, get_project_wire_only, get_project_hand, get_project_bare,
                       get_project_floor);
    register_case<std::string>("check/pattern_uuid", uuid_value, pattern_restop, nullptr, pattern_hand, nullptr, pattern_floor);
    register_case<std::string>("check/pattern_uuid_recompiled", uuid_value, pattern_recompiled, nullptr, pattern_hand, nullptr,
                               pattern_floor);

    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
