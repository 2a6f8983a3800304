#pragma once
// restop::transports::transport_options: the settings every bundled transport takes.
//
// The bundled transports (curl.hpp, beast.hpp, httplib.hpp) are opt-in: nothing in the core
// includes them, and each needs its own HTTP stack at compile and link time.

#include <chrono>
#include <cstddef>
#include <string>

namespace restop::transports {

/// Connection settings shared by `curl_transport`, `beast_transport` and `httplib_transport`.
///
///     #include <restop/transports/curl.hpp>
///
///     restop::transports::transport_options options;
///     options.endpoint = "https://codecatalyst.global.api.aws";  // used verbatim
///     options.connect_timeout = std::chrono::seconds(2);
///     options.total_timeout = std::chrono::seconds(10);          // whole request and response
///     options.max_response_body = 1024 * 1024;                   // larger bodies fail
///
///     restop::transports::curl_transport transport(options);
///     restop::request req{restop::http_method::delete_, "/v1/accessTokens/a1b2", {}, {}};
///     req.headers.push_back({"Authorization", "Bearer " + token});
///     restop::transport_result res = transport.send(req);
///     if (!res) std::cerr << res.error() << '\n';            // the token never appears in it
///
/// `endpoint` is `http://` or `https://`, an authority (`host`, `host:port`, `[v6]:port`) and an
/// optional path prefix that is put in front of every request target (trailing `/` dropped, so
/// `http://h/api/` + `/v1/x` gives `/api/v1/x`). The authority is sent verbatim as `Host`.
/// An endpoint that does not parse makes every `send` fail with `transport_error_kind::other`.
///
/// What every bundled transport does: the target goes out byte for byte (no dot-segment
/// removal, no re-encoding), the request's headers and body verbatim, plus Host, User-Agent and
/// Content-Length; every status, 4xx and 5xx included, comes back as a `restop::response`.
/// Before anything is sent, a request is refused (kind `other`) when a header name is not a
/// token, a header value holds CR, LF or NUL, it sets Content-Length or Transfer-Encoding
/// itself, or its target is not origin-form with every byte percent-encoded as needed.
/// Failures map to connection_failed (DNS, connect, TLS), timed_out, connection_closed,
/// response_too_large, protocol_error; messages come from the HTTP stack and never contain
/// the Authorization value.
struct transport_options {
    /// Base URL, e.g. "http://127.0.0.1:8080" or "https://codecatalyst.global.api.aws".
    std::string endpoint{};
    /// Budget for DNS, TCP connect and the TLS handshake of a new connection.
    std::chrono::milliseconds connect_timeout{5000};
    /// Budget for the whole exchange, connection set-up included; exceeding it yields `timed_out`.
    std::chrono::milliseconds total_timeout{30000};
    /// Largest response body accepted, in bytes; a larger one yields `response_too_large`.
    std::size_t max_response_body = 8 * 1024 * 1024;
    /// Sent as `User-Agent` unless the request carries its own.
    std::string user_agent = "restop/0.1";
    /// PEM file of CA certificates to trust for HTTPS instead of the system store (empty: the
    /// system store). Peer certificates and host names are always verified.
    std::string ca_file{};
    /// Whether a request's host prefix (smithy.api#endpoint, restop::request::host_prefix) goes
    /// before the endpoint's host, as the AWS SDKs do unless told not to
    /// (`disableHostPrefixInjection`). curl_transport applies it; beast_transport and
    /// httplib_transport keep one connection to one host, so they refuse such a request unless
    /// this is false (then the prefix is dropped, as for an endpoint that already names the host).
    bool inject_host_prefix = true;
};

}  // namespace restop::transports
