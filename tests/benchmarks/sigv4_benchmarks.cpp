// SigV4 signing cost (issue 15) against its floor: OpenSSL's own cost of the HMACs and SHA-256s
// the signature needs, through the fastest OpenSSL 3 interface (algorithms fetched once,
// contexts reused), on the very messages the signer hashes. The request is DeleteAccessToken's
// as restop::encode writes it. Built with -DRESTOP_BUILD_BENCHMARKS=ON:
//
//   cmake -S . -B build/bench -DCMAKE_BUILD_TYPE=Release -DRESTOP_BUILD_BENCHMARKS=ON -DRESTOP_BUILD_TESTS=OFF
//   cmake --build build/bench --target restop_sigv4_benchmarks && build/bench/tests/benchmarks/restop_sigv4_benchmarks
//
// Cases:
//   sign/cached          sigv4_signer::sign on a fresh copy of the request, the day's key cached
//   sign/uncached        the same, alternating between two days so the key is derived every time
//   transport/cached     sigv4_signing_transport::send around a transport that does nothing
//   floor/4hmac_2sha     4 HMAC-SHA256 + 2 SHA-256 (the brief's message count)
//   floor/cached         1 HMAC (the signature) + 2 SHA-256 (body, canonical request)
//   floor/uncached       5 HMAC (4 to derive the key, 1 signature) + 2 SHA-256

#include <benchmark/benchmark.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>

#include <array>
#include <chrono>
#include <string>

#include <restop/auth/sigv4.hpp>
#include <restop/restop.hpp>

namespace {

namespace cc = restop::codecatalyst;
using namespace std::chrono_literals;

const std::chrono::sys_seconds day_one = std::chrono::sys_days(std::chrono::year(2015) / 8 / 30) + 12h + 36min;
constexpr std::string_view host = "codecatalyst.global.api.aws";

restop::request delete_request() {
    auto encoded = restop::encode(cc::delete_access_token{.id = "a1b2c3d4-5678-90ab-cdef-EXAMPLEbbbbb"},
                                  restop::bearer_token("placeholder"));
    if (!encoded) std::abort();
    restop::request req = std::move(*encoded);
    std::erase_if(req.headers, [](const restop::header& h) { return restop::iequals(h.name, "authorization"); });
    return req;
}

restop::sigv4_signer make_signer() {
    return restop::sigv4_signer({"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}, "us-west-2", "codecatalyst");
}

void sign_cached(benchmark::State& state) {
    const restop::request req = delete_request();
    auto signer = make_signer();
    restop::request scratch;
    for (auto _ : state) {
        scratch = req;
        auto ok = signer.sign(scratch, host, day_one);
        benchmark::DoNotOptimize(ok);
        benchmark::DoNotOptimize(scratch.headers.data());
    }
    if (signer.key_derivations() != 1) state.SkipWithError("the key was derived more than once");
}

void sign_uncached(benchmark::State& state) {
    const restop::request req = delete_request();
    auto signer = make_signer();
    restop::request scratch;
    std::int64_t i = 0;
    for (auto _ : state) {
        scratch = req;
        auto ok = signer.sign(scratch, host, day_one + std::chrono::days(i++ & 1));
        benchmark::DoNotOptimize(ok);
        benchmark::DoNotOptimize(scratch.headers.data());
    }
    if (signer.key_derivations() != static_cast<std::size_t>(i)) state.SkipWithError("the key was cached");
}

struct null_transport {
    restop::transport_result send(const restop::request& req) {
        benchmark::DoNotOptimize(req.headers.data());
        return restop::response{200, {}, {}};
    }
};

void transport_cached(benchmark::State& state) {
    const restop::request req = delete_request();
    restop::sigv4_signing_transport signing(null_transport{}, "https://codecatalyst.global.api.aws", make_signer(),
                                            [] { return day_one; });
    for (auto _ : state) {
        auto res = signing.send(req);
        benchmark::DoNotOptimize(res);
    }
}

// The floor: OpenSSL's cost for the same messages, nothing else.
class openssl_floor {
public:
    openssl_floor() {
        md_ = EVP_MD_fetch(nullptr, "SHA256", nullptr);
        md_ctx_ = EVP_MD_CTX_new();
        mac_ = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
        mac_ctx_ = EVP_MAC_CTX_new(mac_);
        char digest[] = "SHA256";
        const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                                     OSSL_PARAM_construct_end()};
        EVP_MAC_CTX_set_params(mac_ctx_, params);
    }
    ~openssl_floor() {
        EVP_MAC_CTX_free(mac_ctx_);
        EVP_MAC_free(mac_);
        EVP_MD_CTX_free(md_ctx_);
        EVP_MD_free(md_);
    }
    void sha(std::string_view data, std::array<unsigned char, 32>& out) {
        unsigned int size = 0;
        EVP_DigestInit_ex2(md_ctx_, md_, nullptr);
        EVP_DigestUpdate(md_ctx_, data.data(), data.size());
        EVP_DigestFinal_ex(md_ctx_, out.data(), &size);
    }
    void hmac(const unsigned char* key, std::size_t key_size, std::string_view data, std::array<unsigned char, 32>& out) {
        std::size_t size = 0;
        EVP_MAC_init(mac_ctx_, key, key_size, nullptr);
        EVP_MAC_update(mac_ctx_, reinterpret_cast<const unsigned char*>(data.data()), data.size());
        EVP_MAC_final(mac_ctx_, out.data(), &size, out.size());
    }

private:
    EVP_MD* md_ = nullptr;
    EVP_MD_CTX* md_ctx_ = nullptr;
    EVP_MAC* mac_ = nullptr;
    EVP_MAC_CTX* mac_ctx_ = nullptr;
};

// The messages the signer hashes for this request, taken from the signer itself.
struct messages {
    std::string canonical_request, string_to_sign, body;
};
messages signer_messages() {
    restop::request req = delete_request();
    auto signer = make_signer();
    if (!signer.sign(req, host, day_one)) std::abort();
    return {std::string(signer.artefacts().canonical_request), std::string(signer.artefacts().string_to_sign), req.body};
}

void floor_case(benchmark::State& state, int hmacs) {
    const messages m = signer_messages();
    openssl_floor f;
    const std::string first_key = "AWS4wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    const std::array<std::string_view, 4> derivation{"20150830", "us-west-2", "codecatalyst", "aws4_request"};
    std::array<unsigned char, 32> body_hash{}, canonical_hash{}, key{}, signature{};
    for (auto _ : state) {
        f.sha(m.body, body_hash);
        f.sha(m.canonical_request, canonical_hash);
        int left = hmacs;
        // Derivation HMACs first (the first keyed by "AWS4" + secret), then the signature.
        if (left > 1) f.hmac(reinterpret_cast<const unsigned char*>(first_key.data()), first_key.size(), derivation[0], key);
        for (int i = 1; i < left - 1 && i < 4; ++i) f.hmac(key.data(), key.size(), derivation[static_cast<std::size_t>(i)], key);
        f.hmac(key.data(), key.size(), m.string_to_sign, signature);
        benchmark::DoNotOptimize(signature.data());
        benchmark::DoNotOptimize(body_hash.data());
        benchmark::DoNotOptimize(canonical_hash.data());
    }
}

void floor_4hmac_2sha(benchmark::State& state) { floor_case(state, 4); }
void floor_cached(benchmark::State& state) { floor_case(state, 1); }
void floor_uncached(benchmark::State& state) { floor_case(state, 5); }

}  // namespace

BENCHMARK(sign_cached)->Name("sign/cached");
BENCHMARK(sign_uncached)->Name("sign/uncached");
BENCHMARK(transport_cached)->Name("transport/cached");
BENCHMARK(floor_4hmac_2sha)->Name("floor/4hmac_2sha");
BENCHMARK(floor_cached)->Name("floor/cached");
BENCHMARK(floor_uncached)->Name("floor/uncached");
BENCHMARK_MAIN();
