#pragma once
// restop::sigv4_signer and restop::sigv4_signing_transport: AWS Signature Version 4 for
// restop requests, header signing and presigned URLs.
//
// Opt-in, like the transports: nothing in the core includes it. Needs OpenSSL >= 3.0's libcrypto
// (`-lcrypto`, CMake `OpenSSL::Crypto`) for SHA-256 and HMAC; no crypto is written here. Works with
// -fno-exceptions: every failure is a value.

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/opensslv.h>
#include <openssl/params.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <ratio>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "restop/auth.hpp"
#include "restop/auth/aws_credentials.hpp"
#include "restop/call.hpp"
#include "restop/header.hpp"
#include "restop/http_method.hpp"
#include "restop/percent_encoding.hpp"
#include "restop/request.hpp"
#include "restop/result.hpp"
#include "restop/retry.hpp"
#include "restop/transport.hpp"
#include "restop/transports/detail/common.hpp"
#include "restop/validation_error.hpp"

#if OPENSSL_VERSION_MAJOR < 3
#error "restop/auth/sigv4.hpp needs OpenSSL 3.0 or later (EVP_MAC)"
#endif

namespace restop {

/// Why a request could not be signed.
enum class sigv4_error_kind {
    invalid_input,  ///< credentials, region, service, host, time or expiry refused: see `input`
    crypto_failed,  ///< an OpenSSL call failed (out of memory, a provider without SHA-256/HMAC)
};

/// A signing failure. Its message names what was refused and never holds a secret.
///
///     if (auto signed_ = signer.sign(req, host, now); !signed_) std::cerr << signed_.error() << '\n';
///     // the AWS secret access key is empty
struct sigv4_error {
    sigv4_error_kind kind = sigv4_error_kind::invalid_input;
    validation_error input;         ///< for invalid_input
    std::string_view openssl_call;  ///< for crypto_failed: the OpenSSL function; static storage

    static constexpr restop::fault fault() noexcept { return restop::fault::client; }
    static constexpr bool retryable() noexcept { return false; }

    std::string message() const {
        if (kind == sigv4_error_kind::invalid_input) return input.message();
        return "SigV4 signing failed: OpenSSL " + std::string(openssl_call) + " failed";
    }
};

/// message(): names the input or the OpenSSL call, never a secret.
inline std::ostream& operator<<(std::ostream& out, const sigv4_error& error) { return out << error.message(); }

/// How a request is signed. The defaults are AWS's for every service but S3.
struct sigv4_options {
    /// Remove `.`, `..` and empty segments from the path before signing (S3: false).
    bool normalize_path = true;
    /// Percent-encode the (already encoded) request path once more for the canonical request,
    /// as every AWS service but S3 expects (S3: false).
    bool double_encode_path = true;
    /// Header signing adds and signs `x-amz-content-sha256` (S3, and services that ask for it).
    bool sign_body = false;
    /// Add the session token after signing, unsigned (services such as IoT that want it so).
    bool omit_session_token = false;
};

/// The intermediate results of the last signing, for tests and debugging. Views into the
/// signer's buffers: valid until the signer signs again or is destroyed. None is a secret (the
/// signature of a presigned URL is a credential until it expires: do not log it).
struct sigv4_artefacts {
    std::string_view canonical_request;
    std::string_view string_to_sign;
    std::string_view signature;  ///< 64 lower-case hex digits
};

namespace detail {

inline constexpr std::int64_t sigv4_latest_second = 253402300799;  // 9999-12-31T23:59:59Z
inline constexpr std::string_view sigv4_time_name = "SigV4 signing time (seconds since 1970)";
inline constexpr std::string_view sigv4_empty_payload_hash =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";  // SHA-256 of nothing

inline sigv4_error sigv4_invalid(validation_error error) noexcept {
    return sigv4_error{sigv4_error_kind::invalid_input, error, {}};
}
inline sigv4_error sigv4_crypto_error(std::string_view call) noexcept {
    return sigv4_error{sigv4_error_kind::crypto_failed, {}, call};
}

/// Seconds since 1970 of `when`, refused outside 1970-01-01..9999-12-31 (the years the
/// four-digit X-Amz-Date can spell). Converting never overflows, whatever the duration: a
/// finer one is divided down, a coarser one is range-checked in its own units first.
template <class Duration>
result<std::int64_t, validation_error> sigv4_seconds(std::chrono::time_point<std::chrono::system_clock, Duration> when) {
    using rep = typename Duration::rep;
    using period = typename Duration::period;
    static_assert(std::is_integral_v<rep> && std::is_signed_v<rep>, "the clock's duration must count in a signed integer");
    auto out_of_range = [](std::int64_t measure) {
        return failure(credential_error(sigv4_time_name, constraint::range, measure, 0, sigv4_latest_second));
    };
    std::int64_t seconds = 0;
    if constexpr (std::ratio_less_equal_v<period, std::ratio<1>>) {
        static_assert(period::num == 1, "a sub-second clock period must be 1/N of a second");
        seconds = static_cast<std::int64_t>(std::chrono::floor<std::chrono::seconds>(when).time_since_epoch().count());
    } else {
        const rep count = when.time_since_epoch().count();
        constexpr rep latest_units =
            std::chrono::floor<Duration>(std::chrono::seconds(sigv4_latest_second)).count();
        if (count < 0 || count > latest_units) {
            // The measure saturates rather than overflow: years::max() in seconds fits no integer.
            const long double exact = static_cast<long double>(count) * period::num / period::den;
            const long double bounded = std::clamp(exact, -9.0e18L, 9.0e18L);
            return out_of_range(static_cast<std::int64_t>(bounded));
        }
        seconds = std::chrono::duration_cast<std::chrono::seconds>(when.time_since_epoch()).count();
    }
    if (seconds < 0 || seconds > sigv4_latest_second) return out_of_range(seconds);
    return seconds;
}

/// "YYYYMMDDTHHMMSSZ" for a second in 0..sigv4_latest_second.
inline std::array<char, 16> sigv4_amz_date(std::int64_t seconds) noexcept {
    using namespace std::chrono;
    const sys_days day{days{seconds / 86400}};
    const year_month_day ymd{day};
    const auto in_day = seconds % 86400;
    std::array<char, 16> text{};
    auto put = [&text](std::size_t at, std::int64_t value, std::size_t width) {
        for (std::size_t i = width; i-- > 0; value /= 10) text[at + i] = static_cast<char>('0' + value % 10);
    };
    put(0, static_cast<int>(ymd.year()), 4);
    put(4, static_cast<unsigned>(ymd.month()), 2);
    put(6, static_cast<unsigned>(ymd.day()), 2);
    text[8] = 'T';
    put(9, in_day / 3600, 2);
    put(11, in_day / 60 % 60, 2);
    put(13, in_day % 60, 2);
    text[15] = 'Z';
    return text;
}

/// Zeroes bytes that held key material before they are freed or reused.
inline void sigv4_wipe(void* data, std::size_t size) noexcept {
    volatile unsigned char* p = static_cast<unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) p[i] = 0;
}

using sigv4_digest = std::array<unsigned char, 32>;

inline void append_hex(std::string& out, const sigv4_digest& digest) {
    constexpr char hex[] = "0123456789abcdef";
    const std::size_t at = out.size();
    out.resize(at + 2 * digest.size());
    char* p = out.data() + at;
    for (unsigned char byte : digest) {
        *p++ = hex[byte >> 4];
        *p++ = hex[byte & 0xF];
    }
}

/// SHA-256 and HMAC-SHA256 through OpenSSL 3's EVP interfaces, with the algorithms fetched once
/// and the contexts reused: an implicit fetch per call costs more than the hashing itself.
class sigv4_crypto {
public:
    sigv4_crypto() noexcept { setup_failure_ = set_up(); }
    sigv4_crypto(const sigv4_crypto&) = delete;
    sigv4_crypto& operator=(const sigv4_crypto&) = delete;
    ~sigv4_crypto() {
        EVP_MAC_CTX_free(mac_ctx_);
        EVP_MAC_free(hmac_);
        EVP_MD_CTX_free(md_ctx_);
        EVP_MD_free(sha256_);
    }

    /// The OpenSSL call that failed while setting up, or empty.
    std::string_view setup_failure() const noexcept { return setup_failure_; }

    std::optional<sigv4_error> sha256(std::string_view data, sigv4_digest& out) noexcept {
        unsigned int size = 0;
        if (EVP_DigestInit_ex2(md_ctx_, sha256_, nullptr) != 1) return sigv4_crypto_error("EVP_DigestInit_ex2");
        if (EVP_DigestUpdate(md_ctx_, data.data(), data.size()) != 1) return sigv4_crypto_error("EVP_DigestUpdate");
        if (EVP_DigestFinal_ex(md_ctx_, out.data(), &size) != 1 || size != out.size())
            return sigv4_crypto_error("EVP_DigestFinal_ex");
        return std::nullopt;
    }

    std::optional<sigv4_error> hmac(const unsigned char* key, std::size_t key_size, std::string_view data,
                                    sigv4_digest& out) noexcept {
        std::size_t size = 0;
        if (EVP_MAC_init(mac_ctx_, key, key_size, nullptr) != 1) return sigv4_crypto_error("EVP_MAC_init");
        if (EVP_MAC_update(mac_ctx_, reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1)
            return sigv4_crypto_error("EVP_MAC_update");
        if (EVP_MAC_final(mac_ctx_, out.data(), &size, out.size()) != 1 || size != out.size())
            return sigv4_crypto_error("EVP_MAC_final");
        return std::nullopt;
    }

private:
    // The OpenSSL call that failed, or empty.
    std::string_view set_up() noexcept {
        sha256_ = EVP_MD_fetch(nullptr, "SHA256", nullptr);
        if (!sha256_) return "EVP_MD_fetch(SHA256)";
        md_ctx_ = EVP_MD_CTX_new();
        if (!md_ctx_) return "EVP_MD_CTX_new";
        hmac_ = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
        if (!hmac_) return "EVP_MAC_fetch(HMAC)";
        mac_ctx_ = EVP_MAC_CTX_new(hmac_);
        if (!mac_ctx_) return "EVP_MAC_CTX_new";
        char digest_name[] = "SHA256";
        const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
                                     OSSL_PARAM_construct_end()};
        if (EVP_MAC_CTX_set_params(mac_ctx_, params) != 1) return "EVP_MAC_CTX_set_params";
        return {};
    }

    EVP_MD* sha256_ = nullptr;
    EVP_MD_CTX* md_ctx_ = nullptr;
    EVP_MAC* hmac_ = nullptr;
    EVP_MAC_CTX* mac_ctx_ = nullptr;
    std::string_view setup_failure_;
};

constexpr bool sigv4_is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/// Appends a header value trimmed, with every run of whitespace (an obs-fold's CRLF and
/// indentation included) collapsed to one space, as SigV4's canonical headers want.
inline void append_trimmed(std::string& out, std::string_view value) {
    // Word by word: values are mostly one run with no whitespace, appended in one go.
    std::size_t at = 0;
    bool first = true;
    while (at < value.size()) {
        while (at < value.size() && sigv4_is_space(value[at])) ++at;
        if (at == value.size()) break;
        std::size_t end = at;
        while (end < value.size() && !sigv4_is_space(value[end])) ++end;
        if (!first) out.push_back(' ');
        out.append(value.substr(at, end - at));
        first = false;
        at = end;
    }
}

constexpr int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// Appends `text` percent-decoded; a '%' not followed by two hex digits stays literal. '+' is
/// kept as '+': AWS's canonical query does not read it as a space.
inline void append_percent_decoded(std::string& out, std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            const int high = hex_value(text[i + 1]);
            const int low = hex_value(text[i + 2]);
            if (high >= 0 && low >= 0) {
                out.push_back(static_cast<char>(high * 16 + low));
                i += 2;
                continue;
            }
        }
        out.push_back(text[i]);
    }
}

/// Dot-segment removal as SigV4 does it: empty and `.` segments dropped, `..` drops the
/// segment before it, one leading '/', and a trailing '/' when the path names a directory (it
/// ends in '/', `.` or `..`) and something is left.
inline void append_normalized_path(std::string& out, std::string_view path) {
    const std::size_t root = out.size();
    out.push_back('/');
    std::string_view segment;
    for (std::size_t at = 0; at <= path.size();) {
        const std::size_t slash = std::min(path.find('/', at), path.size());
        segment = path.substr(at, slash - at);
        if (segment == "..") {
            if (out.size() > root + 1) out.resize(std::max(root + 1, out.rfind('/')));
        } else if (!segment.empty() && segment != ".") {
            if (out.size() > root + 1) out.push_back('/');
            out.append(segment);
        }
        at = slash + 1;
    }
    const bool directory = segment.empty() || segment == "." || segment == "..";
    if (directory && out.size() > root + 1) out.push_back('/');
}

/// The headers the signer never signs: its own (re-added on every signing), hop-by-hop fields
/// and fields that proxies and HTTP stacks rewrite.
constexpr bool sigv4_unsigned_header(std::string_view lower_name) noexcept {
    return lower_name == "authorization" || lower_name == "user-agent" || lower_name == "x-amzn-trace-id" ||
           lower_name == "expect" || lower_name == "connection" || lower_name == "upgrade";
}

struct sigv4_query_param {
    std::size_t begin;      // into the signer's query buffer: "key=value"
    std::size_t key_size;
    std::size_t size;
};

}  // namespace detail

/// Signs restop requests with AWS Signature Version 4 for one region and service.
///
///     auto credentials = restop::aws_credentials::make(key_id, secret);     // validated
///     restop::sigv4_signer signer(*credentials, "us-east-1", "lambda");
///     restop::request req{restop::http_method::get, "/2015-03-31/functions/", {}, {}};
///     if (auto ok = signer.sign(req, "lambda.us-east-1.amazonaws.com", std::chrono::system_clock::now()); !ok)
///         std::cerr << ok.error() << '\n';
///     // req now carries Host, X-Amz-Date, [X-Amz-Security-Token] and Authorization.
///
/// `sign` (header signing) and `presign` (query signing, a presigned URL) follow the AWS SigV4
/// rules and the official test suite: the canonical request holds the method, the path (dot
/// segments removed unless `normalize_path` is off; percent-encoded once more unless
/// `double_encode_path` is off — the target itself is never rewritten), the query (each key and
/// value decoded, re-encoded with the unreserved set, sorted by key then value), every header
/// but Authorization, User-Agent, X-Amzn-Trace-Id, Expect, Connection and Upgrade (names
/// lower-cased, values trimmed with whitespace runs folded, repeated fields joined with ','),
/// and the SHA-256 of the body. The signing key is derived once per day (region, service and
/// secret are fixed per signer; `set_credentials` drops it). `artefacts()` shows the canonical
/// request, string to sign and signature of the last signing.
///
/// The time comes from the caller (any `system_clock` time point with a signed integer count);
/// one before 1970 or after 9999 is refused, as are invalid credentials, an empty region,
/// service or host: errors are values, nothing throws. Move-only; not for concurrent use.
class sigv4_signer {
public:
    sigv4_signer(aws_credentials credentials, std::string region, std::string service, sigv4_options options = {})
        : credentials_(std::move(credentials)),
          region_(std::move(region)),
          service_(std::move(service)),
          options_(options),
          state_(std::make_unique<state>()) {}

    sigv4_signer(sigv4_signer&&) noexcept = default;
    sigv4_signer& operator=(sigv4_signer&&) noexcept = default;
    ~sigv4_signer() = default;

    /// Header signing (all inputs are checked before the request is touched; only an OpenSSL
    /// failure, kind crypto_failed, can leave it half signed: do not send it then). Sets Host (when `host` is not empty: replacing any Host field; when it is
    /// empty the request must carry one), X-Amz-Date, X-Amz-Security-Token (session
    /// credentials), x-amz-content-sha256 (`sign_body`) and Authorization, replacing earlier
    /// values of these. `path_prefix` is the endpoint path a transport puts in front of the
    /// target (transport_options::endpoint "https://host/prefix"): signed, not added.
    template <class Duration>
    result<void, sigv4_error> sign(request& req, std::string_view host,
                                   std::chrono::time_point<std::chrono::system_clock, Duration> when,
                                   std::string_view path_prefix = {}) {
        auto seconds = detail::sigv4_seconds(when);
        if (!seconds) return failure(detail::sigv4_invalid(seconds.error()));
        return sign_at(req, host, *seconds, path_prefix, std::nullopt);
    }

    /// Query signing: appends X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-Expires,
    /// X-Amz-SignedHeaders, X-Amz-Security-Token and X-Amz-Signature to the target, making it a
    /// presigned URL valid `expires` (1 s .. 7 days) after `when`. Host as for `sign`; no header
    /// but Host is added.
    ///
    ///     signer.presign(req, "bucket.s3.amazonaws.com", now, std::chrono::minutes(15));
    ///     std::string url = "https://bucket.s3.amazonaws.com" + req.target;
    template <class Duration>
    result<void, sigv4_error> presign(request& req, std::string_view host,
                                      std::chrono::time_point<std::chrono::system_clock, Duration> when,
                                      std::chrono::seconds expires, std::string_view path_prefix = {}) {
        auto seconds = detail::sigv4_seconds(when);
        if (!seconds) return failure(detail::sigv4_invalid(seconds.error()));
        if (expires.count() < 1 || expires.count() > 604800)
            return failure(detail::sigv4_invalid(detail::credential_error(
                "SigV4 expiry (seconds)", constraint::range, static_cast<std::int64_t>(expires.count()), 1, 604800)));
        return sign_at(req, host, *seconds, path_prefix, expires.count());
    }

    /// The canonical request, string to sign and signature of the last successful signing.
    sigv4_artefacts artefacts() const noexcept {
        if (!state_) return {};
        return {state_->canonical, state_->string_to_sign, state_->signature};
    }

    /// Replaces the credentials (rotated or refreshed temporary credentials); the cached signing
    /// key goes with the old secret.
    void set_credentials(aws_credentials credentials) {
        credentials_ = std::move(credentials);
        if (state_) state_->forget_key();
    }

    const aws_credentials& credentials() const noexcept { return credentials_; }
    std::string_view region() const noexcept { return region_; }
    std::string_view service() const noexcept { return service_; }
    const sigv4_options& options() const noexcept { return options_; }
    /// How many times the signing key was derived (four HMACs each): once per day when cached.
    std::size_t key_derivations() const noexcept { return state_ ? state_->derivations : 0; }

    friend std::ostream& operator<<(std::ostream& out, const sigv4_signer& signer) {
        return out << "sigv4_signer(" << signer.credentials_ << ", " << signer.region_ << ", " << signer.service_ << ')';
    }

private:
    struct state {
        detail::sigv4_crypto crypto;
        // The derived key, the date it is for, and whether it is set.
        detail::sigv4_digest key{};
        std::array<char, 8> key_date{};
        bool has_key = false;
        std::size_t derivations = 0;
        // Buffers reused from one signing to the next.
        std::string names;  // lower-cased header names, back to back
        struct entry {
            std::size_t name_begin, name_size, index;
        };
        std::vector<entry> entries;
        std::string query;  // decoded and re-encoded "key=value" pairs, back to back
        std::vector<detail::sigv4_query_param> params;
        std::string scratch;
        std::string path;
        std::string scope;
        std::string headers_block;
        std::string signed_headers;
        std::string canonical;
        std::string string_to_sign;
        std::string signature;

        state() = default;
        state(const state&) = delete;
        state& operator=(const state&) = delete;
        ~state() { forget_key(); }
        void forget_key() noexcept {
            detail::sigv4_wipe(key.data(), key.size());
            has_key = false;
        }
    };

    std::optional<sigv4_error> check_inputs() {
        if (!state_) state_ = std::make_unique<state>();  // a moved-from signer starts afresh
        if (auto valid = credentials_.validate(); !valid) return detail::sigv4_invalid(valid.error());
        if (auto e = detail::check_credential("SigV4 region", region_, true)) return detail::sigv4_invalid(*e);
        if (auto e = detail::check_credential("SigV4 service", service_, true)) return detail::sigv4_invalid(*e);
        if (!state_->crypto.setup_failure().empty())
            return detail::sigv4_crypto_error(state_->crypto.setup_failure());
        return std::nullopt;
    }

    std::optional<sigv4_error> signing_key(std::string_view date) {
        state& s = *state_;
        if (s.has_key && std::string_view(s.key_date.data(), s.key_date.size()) == date) return std::nullopt;
        s.forget_key();
        // kSecret = "AWS4" + secret; kDate, kRegion, kService, kSigning by HMAC in turn.
        const std::string_view secret = credentials_.reveal_secret();
        std::string first(4 + secret.size(), '\0');
        first.replace(0, 4, "AWS4");
        first.replace(4, secret.size(), secret);
        detail::sigv4_digest k{};
        auto error = s.crypto.hmac(reinterpret_cast<const unsigned char*>(first.data()), first.size(), date, k);
        detail::sigv4_wipe(first.data(), first.size());
        for (std::string_view part : {std::string_view(region_), std::string_view(service_), std::string_view("aws4_request")})
            if (!error) error = s.crypto.hmac(k.data(), k.size(), part, k);
        if (error) {
            detail::sigv4_wipe(k.data(), k.size());
            return error;
        }
        s.key = k;
        detail::sigv4_wipe(k.data(), k.size());
        std::copy(date.begin(), date.end(), s.key_date.begin());
        s.has_key = true;
        ++s.derivations;
        return std::nullopt;
    }

    // Collects the canonical query of `query` (the target after '?') into s.query / s.params.
    void collect_query(std::string_view query) {
        state& s = *state_;
        std::size_t at = 0;
        while (at <= query.size() && !query.empty()) {
            const std::size_t amp = query.find('&', at);
            const std::size_t end = amp == std::string_view::npos ? query.size() : amp;
            const std::string_view pair = query.substr(at, end - at);
            if (!pair.empty()) {
                const std::size_t eq = pair.find('=');
                const std::string_view key = pair.substr(0, eq);
                const std::string_view value = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
                const std::size_t begin = s.query.size();
                s.scratch.clear();
                detail::append_percent_decoded(s.scratch, key);
                append_percent_encoded(s.query, s.scratch, encoding_set::unreserved);
                const std::size_t key_size = s.query.size() - begin;
                s.query.push_back('=');
                s.scratch.clear();
                detail::append_percent_decoded(s.scratch, value);
                append_percent_encoded(s.query, s.scratch, encoding_set::unreserved);
                s.params.push_back({begin, key_size, s.query.size() - begin});
            }
            if (amp == std::string_view::npos) break;
            at = amp + 1;
        }
    }

    // Adds an already encoded "key=value" to the canonical query.
    void add_query_param(std::string_view key, std::string_view encoded_value) {
        state& s = *state_;
        const std::size_t begin = s.query.size();
        s.query.append(key);
        s.query.push_back('=');
        s.query.append(encoded_value);
        s.params.push_back({begin, key.size(), s.query.size() - begin});
    }

    void append_canonical_query() {
        state& s = *state_;
        const std::string_view all = s.query;
        auto key_of = [all](const detail::sigv4_query_param& p) { return all.substr(p.begin, p.key_size); };
        auto value_of = [all](const detail::sigv4_query_param& p) {
            return all.substr(p.begin + p.key_size + 1, p.size - p.key_size - 1);
        };
        std::sort(s.params.begin(), s.params.end(), [&](const auto& a, const auto& b) {
            const auto ka = key_of(a), kb = key_of(b);
            return ka != kb ? ka < kb : value_of(a) < value_of(b);
        });
        for (std::size_t i = 0; i < s.params.size(); ++i) {
            if (i) s.canonical.push_back('&');
            s.canonical.append(all.substr(s.params[i].begin, s.params[i].size));
        }
    }

    // The canonical headers block and s.signed_headers, from the request's headers.
    void append_canonical_headers(std::string& out, const request& req) {
        state& s = *state_;
        s.names.clear();
        s.entries.clear();
        for (std::size_t i = 0; i < req.headers.size(); ++i) {
            const std::size_t begin = s.names.size();
            const std::string& name = req.headers[i].name;
            const std::size_t size = name.size();
            s.names.resize(begin + size);
            std::transform(name.begin(), name.end(), s.names.begin() + static_cast<std::ptrdiff_t>(begin),
                           detail::ascii_lower);
            if (detail::sigv4_unsigned_header(std::string_view(s.names).substr(begin, size))) {
                s.names.resize(begin);
                continue;
            }
            s.entries.push_back({begin, size, i});
        }
        const std::string_view names = s.names;
        auto name_of = [names](const auto& e) { return names.substr(e.name_begin, e.name_size); };
        // Equal names keep their order: repeated fields are joined in the order sent.
        std::sort(s.entries.begin(), s.entries.end(), [&](const auto& a, const auto& b) {
            const auto na = name_of(a), nb = name_of(b);
            return na != nb ? na < nb : a.index < b.index;
        });
        s.signed_headers.clear();
        for (std::size_t i = 0; i < s.entries.size(); ++i) {
            const std::string_view name = name_of(s.entries[i]);
            const bool continues = i > 0 && name_of(s.entries[i - 1]) == name;
            if (continues) {
                out.push_back(',');
            } else {
                if (i > 0) {
                    out.push_back('\n');
                    s.signed_headers.push_back(';');
                }
                out.append(name);
                out.push_back(':');
                s.signed_headers.append(name);
            }
            detail::append_trimmed(out, req.headers[s.entries[i].index].value);
        }
        if (!s.entries.empty()) out.push_back('\n');
    }

    static void remove_headers(request& req, std::initializer_list<std::string_view> names) {
        std::erase_if(req.headers, [&](const header& field) {
            for (std::string_view name : names)
                if (iequals(field.name, name)) return true;
            return false;
        });
    }

    result<void, sigv4_error> sign_at(request& req, std::string_view host, std::int64_t seconds,
                                      std::string_view path_prefix, std::optional<std::int64_t> expires) {
        if (auto error = check_inputs()) return failure(*error);
        if (auto e = detail::check_credential("SigV4 host", host, false)) return failure(detail::sigv4_invalid(*e));
        if (host.empty() && !find_header(req.headers, "host"))
            return failure(detail::sigv4_invalid(detail::credential_error("SigV4 host", constraint::required)));
        state& s = *state_;
        const bool query_signing = expires.has_value();
        const auto amz_date_text = detail::sigv4_amz_date(seconds);
        const std::string_view amz_date(amz_date_text.data(), amz_date_text.size());
        const std::string_view date = amz_date.substr(0, 8);
        const bool token = credentials_.has_session_token();
        const bool sign_token = token && !options_.omit_session_token;

        if (!host.empty()) {
            remove_headers(req, {"host"});
            req.headers.push_back({"Host", std::string(host)});
        }
        std::string_view payload_hash = detail::sigv4_empty_payload_hash;
        detail::sigv4_digest digest{};
        std::array<char, 64> payload_hex{};
        if (!req.body.empty()) {
            if (auto error = s.crypto.sha256(req.body, digest)) return failure(*error);
            s.scratch.clear();
            detail::append_hex(s.scratch, digest);
            std::copy(s.scratch.begin(), s.scratch.end(), payload_hex.begin());
            payload_hash = std::string_view(payload_hex.data(), payload_hex.size());
        }
        if (!query_signing) {
            if (options_.sign_body)
                remove_headers(req, {"authorization", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256"});
            else
                remove_headers(req, {"authorization", "x-amz-date", "x-amz-security-token"});
            req.headers.push_back({"X-Amz-Date", std::string(amz_date)});
            if (sign_token) req.headers.push_back({"X-Amz-Security-Token", std::string(credentials_.reveal_session_token())});
            if (options_.sign_body) req.headers.push_back({"x-amz-content-sha256", std::string(payload_hash)});
        }

        // The credential scope: date/region/service/aws4_request.
        std::string& scope = s.scope;
        scope.clear();
        scope.append(date).append("/").append(region_).append("/").append(service_).append("/aws4_request");

        // Canonical request: method, path, query, headers, signed header names, payload hash.
        s.canonical.clear();
        s.canonical.append(to_string(req.method));
        s.canonical.push_back('\n');
        const std::string_view target = req.target;
        const std::size_t question = target.find('?');
        const std::string_view path = target.substr(0, question);
        const std::string_view query = question == std::string_view::npos ? std::string_view{} : target.substr(question + 1);
        s.scratch.clear();
        s.scratch.append(path_prefix).append(path);
        std::string_view canonical_path = s.scratch;
        if (options_.normalize_path) {
            s.path.clear();
            detail::append_normalized_path(s.path, s.scratch);
            canonical_path = s.path;
        }
        if (canonical_path.empty()) canonical_path = "/";
        if (options_.double_encode_path)
            append_percent_encoded(s.canonical, canonical_path, encoding_set::unreserved_slash);
        else
            s.canonical.append(canonical_path);
        s.canonical.push_back('\n');

        s.query.clear();
        s.params.clear();
        collect_query(query);
        // The headers are canonicalised into a side buffer first: query signing needs the
        // signed header names in the query, which comes before them.
        std::string& headers_block = s.headers_block;
        headers_block.clear();
        append_canonical_headers(headers_block, req);
        std::string auth_query;
        if (query_signing) {
            std::string credential;
            append_percent_encoded(credential, credentials_.access_key_id(), encoding_set::unreserved);
            credential.append("%2F");
            append_percent_encoded(credential, scope, encoding_set::unreserved);
            std::string signed_names;
            append_percent_encoded(signed_names, s.signed_headers, encoding_set::unreserved);
            std::string encoded_token;
            append_percent_encoded(encoded_token, credentials_.reveal_session_token(), encoding_set::unreserved);
            const std::string expires_text = std::to_string(*expires);
            add_query_param("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
            add_query_param("X-Amz-Credential", credential);
            add_query_param("X-Amz-Date", amz_date);
            add_query_param("X-Amz-Expires", expires_text);
            if (sign_token) add_query_param("X-Amz-Security-Token", encoded_token);
            add_query_param("X-Amz-SignedHeaders", signed_names);
            auth_query.append("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=").append(credential);
            auth_query.append("&X-Amz-Date=").append(amz_date).append("&X-Amz-Expires=").append(expires_text);
            auth_query.append("&X-Amz-SignedHeaders=").append(signed_names);
            if (sign_token) auth_query.append("&X-Amz-Security-Token=").append(encoded_token);
            detail::sigv4_wipe(encoded_token.data(), encoded_token.size());
        }
        append_canonical_query();
        s.canonical.push_back('\n');
        s.canonical.append(headers_block);
        s.canonical.push_back('\n');
        s.canonical.append(s.signed_headers);
        s.canonical.push_back('\n');
        s.canonical.append(payload_hash);

        // String to sign and signature.
        if (auto error = s.crypto.sha256(s.canonical, digest)) return failure(*error);
        s.string_to_sign.clear();
        s.string_to_sign.append("AWS4-HMAC-SHA256\n").append(amz_date).append("\n").append(scope).append("\n");
        detail::append_hex(s.string_to_sign, digest);
        if (auto error = signing_key(date)) return failure(*error);
        if (auto error = s.crypto.hmac(s.key.data(), s.key.size(), s.string_to_sign, digest)) return failure(*error);
        s.signature.clear();
        detail::append_hex(s.signature, digest);

        if (query_signing) {
            const char last = req.target.empty() ? '\0' : req.target.back();
            if (question == std::string_view::npos)
                req.target.push_back('?');
            else if (last != '?' && last != '&')
                req.target.push_back('&');
            req.target.append(auth_query).append("&X-Amz-Signature=").append(s.signature);
            if (token && !sign_token) {
                req.target.append("&X-Amz-Security-Token=");
                append_percent_encoded(req.target, credentials_.reveal_session_token(), encoding_set::unreserved);
            }
            return {};
        }
        std::string authorization;
        authorization.reserve(40 + credentials_.access_key_id().size() + scope.size() + s.signed_headers.size() + 64);
        authorization.append("AWS4-HMAC-SHA256 Credential=").append(credentials_.access_key_id()).append("/");
        authorization.append(scope).append(", SignedHeaders=").append(s.signed_headers);
        authorization.append(", Signature=").append(s.signature);
        req.headers.push_back({"Authorization", std::move(authorization)});
        if (token && !sign_token)
            req.headers.push_back({"X-Amz-Security-Token", std::string(credentials_.reveal_session_token())});
        return {};
    }

    aws_credentials credentials_;
    std::string region_;
    std::string service_;
    sigv4_options options_;
    std::unique_ptr<state> state_;
};

/// The default clock of sigv4_signing_transport: the system's wall clock.
struct sigv4_system_clock {
    std::chrono::system_clock::time_point operator()() const noexcept { return std::chrono::system_clock::now(); }
};

/// A transport that signs every request with SigV4 and hands it to the transport it wraps.
///
///     restop::transports::transport_options options;
///     options.endpoint = "https://lambda.us-east-1.amazonaws.com";
///     restop::sigv4_signing_transport signing(restop::transports::curl_transport(options), options.endpoint,
///                                             restop::sigv4_signer(*credentials, "us-east-1", "lambda"));
///     auto res = signing.send(req);  // Host, X-Amz-Date, Authorization added to a copy, then sent
///
/// `endpoint` must be the wrapped transport's endpoint URL (`scheme://authority[/prefix]`): its
/// authority is signed and sent as the Host field, and its path prefix, which the transport puts
/// in front of the target, is signed with it. Each `send` copies the request, signs the copy
/// with `clock()` (any callable returning a `system_clock` time point; the system clock by
/// default) and sends it: every attempt of `call_with_retries` is signed afresh, and the target
/// is passed on as it came, never re-encoded. An Authorization field already in the request (the
/// bearer header `call` writes until the auth seam lands) is replaced. A request that cannot be
/// signed (invalid credentials, a clock outside 1970..9999) fails with kind `other`, not
/// retryable, before anything is sent; the message names the input, never a secret.
///
/// `Inner` may be a reference type (`sigv4_signing_transport<curl_transport&>`) to wrap a
/// transport owned elsewhere. Move-only when the signer is; not for concurrent use.
template <class Inner, class Clock = sigv4_system_clock>
    requires transport<std::remove_reference_t<Inner>>
class sigv4_signing_transport {
public:
    sigv4_signing_transport(Inner inner, std::string_view endpoint, sigv4_signer signer, Clock clock = {})
        : inner_(std::forward<Inner>(inner)), signer_(std::move(signer)), clock_(std::move(clock)) {
        auto parts = transports::detail::parse_endpoint(endpoint);
        if (!parts) {
            config_error_ = std::move(parts).error();
            config_error_->message = "sigv4_signing_transport: " + config_error_->message;
            return;
        }
        host_ = std::move(parts->authority);
        path_prefix_ = std::move(parts->path_prefix);
    }

    /// Signs a copy of `req` with the current time and sends it through the wrapped transport.
    transport_result send(const request& req) {
        if (config_error_) return failure(*config_error_);
        signed_ = req;  // copy-assignment reuses the buffers of the previous request
        if (auto ok = signer_.sign(signed_, host_, clock_(), path_prefix_); !ok)
            return failure(transport_error{transport_error_kind::other,
                                           "sigv4: " + ok.error().message() + "; refused before sending"});
        return inner_.send(static_cast<const request&>(signed_));
    }

    std::remove_reference_t<Inner>& inner() noexcept { return inner_; }
    sigv4_signer& signer() noexcept { return signer_; }
    /// The Host every request is signed and sent with.
    std::string_view host() const noexcept { return host_; }

private:
    Inner inner_;
    sigv4_signer signer_;
    Clock clock_;
    std::string host_;
    std::string path_prefix_;
    std::optional<transport_error> config_error_;
    request signed_;
};

template <class Inner, class Clock>
sigv4_signing_transport(Inner&&, std::string_view, sigv4_signer, Clock) -> sigv4_signing_transport<std::remove_cvref_t<Inner>, Clock>;
template <class Inner>
sigv4_signing_transport(Inner&&, std::string_view, sigv4_signer) -> sigv4_signing_transport<std::remove_cvref_t<Inner>>;

/// The identity a SigV4 service's call takes: credentials and the region to sign for.
///
///     restop::call(transport, lambda::list_functions{}, restop::sigv4_identity{credentials, "us-west-2"});
struct sigv4_identity {
    aws_credentials credentials;
    std::string region;
};

namespace detail {
template <>
inline constexpr bool is_signing_identity<sigv4_identity> = true;

template <class T>
concept has_endpoint_option = requires(const T& t) {
    { t.options().endpoint } -> std::convertible_to<std::string_view>;
};

// The signing decorator a call with a sigv4_identity goes through: around `t`, for its endpoint,
// with the service's signing name. One per call, so a call's retries share its derived key.
template <class Op, class Transport>
sigv4_signing_transport<Transport&> signing_for(Transport& t, const sigv4_identity& identity) {
    using auth = typename service_of<Op>::auth;
    static_assert(is_sigv4_auth<auth>,
                  "restop: this operation's service does not sign with SigV4 (see its `service::auth`): call it with its own "
                  "identity");
    static_assert(has_endpoint_option<Transport>,
                  "restop: signing needs the transport's endpoint, and this transport has no options().endpoint: wrap it in "
                  "restop::sigv4_signing_transport and call it with restop::anonymous");
    return sigv4_signing_transport<Transport&>(t, t.options().endpoint,
                                               sigv4_signer(identity.credentials, identity.region, std::string(auth::signing_name)));
}
}  // namespace detail

/// Calls an operation of a SigV4 service with its identity: the request is signed with the
/// service's signing name (`service::auth`, aws.auth#sigv4) for the transport's endpoint. restop's
/// transports know their endpoint; for another transport, wrap it in a
/// restop::sigv4_signing_transport and call it with restop::anonymous.
template <class Op, transport Transport>
result_of<Op> call(Transport& t, const Op& op, const sigv4_identity& identity, const call_options& options = {}) {
    auto signing = detail::signing_for<Op>(t, identity);
    return call(signing, op, anonymous, options);
}

/// The same with a request the caller keeps between calls, like the other call() overloads take
/// (call_with_retries, pages and items do not need it: they sign through their own overload below).
template <class Op, transport Transport>
result_of<Op> call(Transport& t, const Op& op, const sigv4_identity& identity, request& scratch, const call_options& options = {}) {
    auto signing = detail::signing_for<Op>(t, identity);
    return call(signing, op, anonymous, scratch, options);
}

/// call_with_retries for a SigV4 service: every attempt is signed afresh, with the time it is sent.
///
///     restop::call_with_retries(curl, op, restop::sigv4_identity{credentials, "us-west-2"}, {.max_attempts = 5});
template <class Op, transport Transport, class Sleep = thread_sleep, class Jitter = jitter_source>
result_of<Op> call_with_retries(Transport& t, const Op& op, const sigv4_identity& identity, const retry_options& retry = {},
                                const call_options& options = {}, Sleep&& sleep = {}, Jitter&& jitter = {}) {
    auto signing = detail::signing_for<Op>(t, identity);
    return call_with_retries(signing, op, anonymous, retry, options, std::forward<Sleep>(sleep), std::forward<Jitter>(jitter));
}

}  // namespace restop
