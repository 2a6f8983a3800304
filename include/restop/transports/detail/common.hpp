#pragma once
// Helpers shared by the bundled transports: endpoint parsing, pre-send validation, messages.
// Internal: not part of restop's public interface.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "restop/header.hpp"
#include "restop/http_method.hpp"
#include "restop/request.hpp"
#include "restop/transport.hpp"
#include "restop/transports/options.hpp"

namespace restop::transports::detail {

/// The parts of `transport_options::endpoint` a transport needs.
struct endpoint_parts {
    bool tls = false;         ///< https
    std::string scheme;       ///< "http" or "https", lower case
    std::string authority;    ///< as written: "host", "host:port", "[::1]:port"; sent as Host
    std::string host;         ///< without brackets: "127.0.0.1", "::1", "example.com"
    std::uint16_t port = 0;   ///< explicit or the scheme's default
    std::string path_prefix;  ///< "" or "/prefix" (no trailing slash), prepended to targets
};

inline transport_error make_error(transport_error_kind kind, std::string message) {
    return transport_error{kind, std::move(message)};
}

/// Parses `scheme://authority[/prefix]`; an error (kind `other`) names what is wrong.
inline result<endpoint_parts, transport_error> parse_endpoint(std::string_view endpoint) {
    auto bad = [&](std::string_view why) {
        return failure(make_error(transport_error_kind::other,
                                  "invalid endpoint \"" + std::string(endpoint) + "\": " + std::string(why)));
    };
    endpoint_parts parts;
    const std::size_t colon = endpoint.find("://");
    if (colon == std::string_view::npos) return bad("expected http://host[:port][/prefix] or https://...");
    const std::string_view scheme = endpoint.substr(0, colon);
    if (iequals(scheme, "http")) {
        parts.scheme = "http";
        parts.port = 80;
    } else if (iequals(scheme, "https")) {
        parts.scheme = "https";
        parts.tls = true;
        parts.port = 443;
    } else {
        return bad("the scheme must be http or https");
    }
    std::string_view rest = endpoint.substr(colon + 3);
    const std::size_t slash = rest.find('/');
    const std::string_view authority = rest.substr(0, slash);
    std::string_view prefix = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash);
    for (char c : endpoint)
        if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f)
            return bad("it contains a space, a control byte or a non-ASCII byte");
    if (authority.empty()) return bad("the host is missing");
    if (authority.find_first_of("@?#") != std::string_view::npos)
        return bad("user info, query and fragment are not supported in the authority");
    if (prefix.find_first_of("?#") != std::string_view::npos) return bad("query and fragment are not supported");
    while (!prefix.empty() && prefix.back() == '/') prefix.remove_suffix(1);

    std::string_view host = authority;
    std::string_view port_text;
    if (authority.front() == '[') {
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos) return bad("unterminated IPv6 literal");
        host = authority.substr(1, close - 1);
        std::string_view after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':') return bad("unexpected text after the IPv6 literal");
            port_text = after.substr(1);
        }
    } else {
        const std::size_t port_colon = authority.rfind(':');
        if (port_colon != std::string_view::npos) {
            host = authority.substr(0, port_colon);
            port_text = authority.substr(port_colon + 1);
        }
    }
    if (host.empty()) return bad("the host is missing");
    if (!port_text.empty()) {
        unsigned long value = 0;
        for (char c : port_text) {
            if (c < '0' || c > '9') return bad("the port is not a number");
            value = value * 10 + static_cast<unsigned long>(c - '0');
            if (value > 65535) return bad("the port is out of range");
        }
        if (value == 0) return bad("the port is out of range");
        parts.port = static_cast<std::uint16_t>(value);
    }
    parts.authority = std::string(authority);
    parts.host = std::string(host);
    parts.path_prefix = std::string(prefix);
    return parts;
}

/// RFC 9110 §5.6.2 tchar: the bytes a field name may contain.
constexpr bool is_tchar(char c) noexcept {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

/// Defence in depth (the core already refuses these): a request that would let a header or the
/// target inject bytes into the message framing is refused before anything is sent. Messages
/// name the offending header but never quote a value (it may be the bearer token).
inline std::optional<transport_error> validate(const request& req) {
    auto refuse = [](std::string message) {
        return std::optional<transport_error>(make_error(transport_error_kind::other, std::move(message)));
    };
    if (req.target.empty() || req.target.front() != '/')
        return refuse("request target must be origin-form (start with '/'); refused before sending");
    for (char c : req.target) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte >= 0x7f || c == '#')
            return refuse(
                "request target contains a space, a control byte, '#' or a non-ASCII byte "
                "(it must be percent-encoded); refused before sending");
    }
    for (const header& field : req.headers) {
        if (field.name.empty()) return refuse("a header has an empty name; refused before sending");
        for (char c : field.name)
            if (!is_tchar(c))
                return refuse(
                    "a header name contains a byte that is not allowed in a field name (CR, LF, NUL, "
                    "space, ':' ...); refused before sending");
        if (field.value.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos)
            return refuse("header \"" + field.name + "\" contains CR, LF or NUL; refused before sending");
        if (iequals(field.name, "content-length") || iequals(field.name, "transfer-encoding"))
            return refuse("header \"" + field.name +
                          "\" is set by the transport from the body; refused before sending");
    }
    return std::nullopt;
}

/// Whether the request carries a field named `name` (any case).
inline bool has_header(const request& req, std::string_view name) noexcept {
    return find_header(req.headers, name) != nullptr;
}

/// Removes every occurrence of the request's credentials from a message from an HTTP stack,
/// so that no path can leak the bearer token into a transport_error.
inline std::string redact(std::string message, const request& req) {
    auto erase_all = [&message](std::string_view secret) {
        if (secret.size() < 4) return;  // too short to be a credential; avoids mangling text
        for (std::size_t at = message.find(secret); at != std::string::npos; at = message.find(secret, at))
            message.replace(at, secret.size(), "<redacted>");
    };
    for (const header& field : req.headers) {
        if (!iequals(field.name, "authorization") && !iequals(field.name, "proxy-authorization")) continue;
        erase_all(field.value);
        const std::size_t space = field.value.find(' ');
        if (space != std::string::npos) erase_all(std::string_view(field.value).substr(space + 1));
    }
    return message;
}

/// The message every transport uses when the body cap is exceeded.
inline std::string too_large_message(std::size_t cap) {
    return "response body exceeds max_response_body (" + std::to_string(cap) + " bytes)";
}

/// Whether the method carries a body by definition, so an empty one is sent as Content-Length: 0.
constexpr bool sends_content_length_when_empty(http_method method) noexcept {
    return method == http_method::post || method == http_method::put || method == http_method::patch;
}

/// RFC 9110 §9.2.2: methods a client may repeat after a connection died before any response byte.
constexpr bool is_idempotent(http_method method) noexcept {
    return method == http_method::get || method == http_method::head || method == http_method::put ||
           method == http_method::delete_;
}

/// Milliseconds left until `deadline`, never negative.
inline std::chrono::milliseconds remaining(std::chrono::steady_clock::time_point deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    return left.count() > 0 ? left : std::chrono::milliseconds(0);
}

/// What the three bundled transports share: their state on the heap (so that moving a transport
/// moves one pointer and an HTTP stack's callbacks may keep pointing at the state), move-only
/// semantics, and the `send` wrapper: used after move, a bad endpoint, a request no HTTP/1.1
/// message can carry, and any exception from the HTTP stack all become a transport_error. A
/// transport implements `exchange(State&, const request&)` and names itself in `name`; it may
/// define `on_exception(State&)` to drop a connection left in an unknown state.
template <class Transport, class State>
class transport_base {
public:
    transport_base(transport_base&&) noexcept = default;
    transport_base& operator=(transport_base&&) noexcept = default;
    transport_base(const transport_base&) = delete;
    transport_base& operator=(const transport_base&) = delete;
    ~transport_base() = default;

    /// Sends `req` and returns the response, whatever its status, or why there is none.
    /// Never throws.
    transport_result send(const request& req) noexcept {
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
        try {
            return checked_exchange(req);
        } catch (const std::exception& e) {
            dropped();
            return failure(make_error(transport_error_kind::other,
                                      redact(std::string(Transport::name) + ": " + e.what(), req)));
        } catch (...) {
            dropped();
            return failure(make_error(transport_error_kind::other, std::string(Transport::name) + ": unknown exception"));
        }
#else
        return checked_exchange(req);
#endif
    }

    /// How many connections have been opened so far: stays at 1 over several calls while the
    /// server keeps the connection alive.
    std::size_t connections_opened() const noexcept { return state_ ? state_->connections_opened : 0; }

    /// The options this transport was built with (not on a moved-from transport).
    const transport_options& options() const noexcept { return state_->options; }

protected:
    transport_base() : state_(std::make_unique<State>()) {}

    std::unique_ptr<State> state_;

private:
    transport_result checked_exchange(const request& req) {
        if (!state_) return failure(make_error(transport_error_kind::other, std::string(Transport::name) + ": used after move"));
        if (state_->config_error) return failure(*state_->config_error);
        if (auto refused = validate(req)) return failure(std::move(*refused));
        return static_cast<Transport&>(*this).exchange(*state_, req);
    }

    void dropped() noexcept {
        if constexpr (requires(Transport& t, State& s) { t.on_exception(s); })
            if (state_) static_cast<Transport&>(*this).on_exception(*state_);
    }
};

}  // namespace restop::transports::detail
