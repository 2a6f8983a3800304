#pragma once
// The reference restop is measured against: what a careful engineer writes by hand for
// CodeCatalyst's DeleteAccessToken alone, with no description types. Reasonable, not a
// strawman: it checks what the model requires (the id's @length in Unicode scalar values, a
// usable token), reserves before appending, escapes through a 256-entry table, reads error
// bodies with Boost.JSON's parser over a stack buffer, scans the headers once, and keeps the
// request id inline. It produces the same information restop does, so the two do the same job.
//
// Each encoder comes in two parts: the checks, and `..._unchecked`, the bytes alone. The second is
// the no-checks reference (issue 12), so that what validation costs shows on its own rather than
// hiding in both sides. Each decoder likewise has a `..._into` form that reuses its outcome's
// strings, the way a caller decoding in a loop would.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parser.hpp>
#include <boost/json/value.hpp>

#include <restop/request.hpp>
#include <restop/response.hpp>

namespace hand {

// RFC 3986 unreserved bytes pass; every other byte becomes %XX (AWS restJson1 labels).
inline constexpr std::array<bool, 256> unreserved = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 256; ++c)
        table[static_cast<std::size_t>(c)] =
            (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    return table;
}();

enum class encode_status { ok, bad_id, bad_token };

// Appends a label: runs of unreserved bytes with one append each (an id with nothing to escape
// is one copy), %XX for every other byte.
inline void append_label(std::string& target, std::string_view label) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::size_t run = 0;
    for (std::size_t i = 0; i < label.size(); ++i) {
        const auto byte = static_cast<unsigned char>(label[i]);
        if (unreserved[byte]) continue;
        target.append(label.data() + run, i - run);
        const char escaped[3] = {'%', hex[byte >> 4], hex[byte & 0xF]};
        target.append(escaped, 3);
        run = i + 1;
    }
    target.append(label.data() + run, label.size() - run);
}

inline void encode_delete_access_token_unchecked(restop::request& req, std::string_view id, std::string_view token) {
    static constexpr std::string_view prefix = "/v1/accessTokens/";
    req.method = restop::http_method::delete_;
    req.target.clear();
    req.target.reserve(prefix.size() + 3 * id.size());
    req.target.append(prefix);
    append_label(req.target, id);
    if (req.headers.size() != 1) req.headers.resize(1);
    restop::header& authorization = req.headers[0];
    authorization.name.assign("Authorization");
    authorization.value.assign("Bearer ");
    authorization.value.append(token);
    req.body.clear();
}

// @length counts scalar values: every byte that does not continue a UTF-8 sequence.
inline std::size_t scalar_count(std::string_view text) noexcept {
    std::size_t scalars = 0;
    for (char c : text) scalars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return scalars;
}

// A token that can go into a header: not empty, no control byte (no header injection).
inline bool usable_token(std::string_view token) noexcept {
    if (token.empty()) return false;
    for (char c : token)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return false;
    return true;
}

inline encode_status encode_delete_access_token(restop::request& req, std::string_view id, std::string_view token) {
    const std::size_t scalars = scalar_count(id);  // @length 1..36
    if (scalars < 1 || scalars > 36) return encode_status::bad_id;
    if (!usable_token(token)) return encode_status::bad_token;
    encode_delete_access_token_unchecked(req, id, token);
    return encode_status::ok;
}

enum class error_code { none, validation, service_quota_exceeded, access_denied, resource_not_found, conflict, throttling, unknown };

struct outcome {
    int status = 0;
    error_code code = error_code::none;
    std::string message;
    std::string name;  // unknown errors only
    std::string body;  // unknown errors only
    char request_id[64];
    std::size_t request_id_size = 0;
};

// The wire name of a code, as restop's error names it ("UnknownError" for one the model does not
// know; the caller has its own name in outcome::name).
inline std::string_view error_name(error_code code) noexcept {
    switch (code) {
        case error_code::none: return "";
        case error_code::validation: return "ValidationException";
        case error_code::service_quota_exceeded: return "ServiceQuotaExceededException";
        case error_code::access_denied: return "AccessDeniedException";
        case error_code::resource_not_found: return "ResourceNotFoundException";
        case error_code::conflict: return "ConflictException";
        case error_code::throttling: return "ThrottlingException";
        case error_code::unknown: return "UnknownError";
    }
    return "";
}

inline bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

inline std::string_view sanitize(std::string_view raw) noexcept {
    raw = raw.substr(0, raw.find_first_of(":,"));
    if (const std::size_t hash = raw.rfind('#'); hash != std::string_view::npos) raw.remove_prefix(hash + 1);
    return raw;
}

inline std::string_view string_member(const boost::json::object& object, std::string_view key) noexcept {
    if (const boost::json::value* v = object.if_contains(key))
        if (const boost::json::string* s = v->if_string()) return std::string_view(s->data(), s->size());
    return {};
}

inline error_code by_name(std::string_view name) noexcept {
    if (name == "ValidationException") return error_code::validation;
    if (name == "ServiceQuotaExceededException") return error_code::service_quota_exceeded;
    if (name == "AccessDeniedException") return error_code::access_denied;
    if (name == "ResourceNotFoundException") return error_code::resource_not_found;
    if (name == "ConflictException") return error_code::conflict;
    if (name == "ThrottlingException") return error_code::throttling;
    return error_code::unknown;
}

inline error_code by_status(int status) noexcept {
    switch (status) {
        case 400: return error_code::validation;
        case 402: return error_code::service_quota_exceeded;
        case 403: return error_code::access_denied;
        case 404: return error_code::resource_not_found;
        case 409: return error_code::conflict;
        case 429: return error_code::throttling;
        default: return error_code::unknown;
    }
}

// Decodes into `out`, reusing its strings: after the first call an error of the same shape
// allocates nothing.
inline void decode_delete_access_token_into(outcome& out, const restop::response& received) {
    out.status = received.status;
    out.code = error_code::none;
    out.message.clear();
    out.name.clear();
    out.body.clear();
    out.request_id_size = 0;
    const std::string* request_id = nullptr;
    const std::string* error_type = nullptr;
    for (const restop::header& field : received.headers) {
        if (!request_id && iequals(field.name, "x-amzn-requestid"))
            request_id = &field.value;
        else if (!error_type && iequals(field.name, "x-amzn-errortype"))
            error_type = &field.value;
    }
    if (request_id) {
        out.request_id_size = std::min(request_id->size(), sizeof out.request_id);
        std::memcpy(out.request_id, request_id->data(), out.request_id_size);
    }
    if (received.status >= 100 && received.status < 300) return;

    std::string_view name = error_type ? sanitize(*error_type) : std::string_view();
    const std::string& body = received.body;
    const std::size_t first = body.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && body[first] == '{') {
        unsigned char dom_buffer[2048];
        unsigned char parse_stack[1024];
        boost::json::monotonic_resource dom_memory(dom_buffer, sizeof dom_buffer);
        boost::json::parser parser(boost::json::storage_ptr(), boost::json::parse_options(), parse_stack, sizeof parse_stack);
        parser.reset(&dom_memory);
        boost::system::error_code ec;
        parser.write(body.data(), body.size(), ec);
        if (!ec) {
            const boost::json::value document = parser.release();
            if (const boost::json::object* object = document.if_object()) {
                if (name.empty()) {
                    std::string_view code = string_member(*object, "code");
                    if (code.empty()) code = string_member(*object, "__type");
                    name = sanitize(code);
                }
                std::string_view message = string_member(*object, "message");
                if (message.empty()) message = string_member(*object, "Message");
                out.message.assign(message);
                // `name` may point into the DOM: settle it while the DOM lives.
                out.code = name.empty() ? by_status(received.status) : by_name(name);
                if (out.code == error_code::unknown) {
                    out.name.assign(name);
                    out.body.assign(body);
                }
                return;
            }
        }
    }
    out.code = name.empty() ? by_status(received.status) : by_name(name);
    if (out.code == error_code::unknown) {
        out.name.assign(name);
        out.body.assign(body);
    }
}

inline outcome decode_delete_access_token(const restop::response& received) {
    outcome out;
    decode_delete_access_token_into(out, received);
    return out;
}

}  // namespace hand
