#pragma once
// restop::transports::beast_transport: a restop transport on Boost.Beast (HTTP/1.1, HTTP and HTTPS).
//
// Opt-in: include this header and link OpenSSL (`-lssl -lcrypto`) and threads (`-lpthread`);
// Boost.Beast and Boost.Asio are header-only (Boost >= 1.81 tested). Needs exceptions enabled
// (Asio and Beast throw on allocation failure); `send` catches everything.

#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "restop/header.hpp"
#include "restop/http_method.hpp"
#include "restop/request.hpp"
#include "restop/response.hpp"
#include "restop/transport.hpp"
#include "restop/transports/detail/common.hpp"
#include "restop/transports/options.hpp"

namespace restop::transports {

namespace detail {

namespace beast_ns = boost::beast;
namespace beast_http = boost::beast::http;
namespace beast_asio = boost::asio;
using beast_tcp = boost::asio::ip::tcp;
using beast_tls_stream = beast_ns::ssl_stream<beast_ns::tcp_stream>;

/// Largest response header block accepted (Beast's default is 8 KiB).
inline constexpr std::uint32_t beast_header_limit = 64 * 1024;

/// Everything a connection touches, on the heap: io_context does not move.
struct beast_state {
    transport_options options;
    std::optional<transport_error> config_error;
    endpoint_parts endpoint;
    beast_asio::io_context ioc{1};
    std::optional<beast_asio::ssl::context> tls_context;
    std::optional<beast_ns::tcp_stream> plain;
    std::optional<beast_tls_stream> secure;
    beast_ns::flat_buffer buffer;
    std::size_t connections_opened = 0;

    bool connected() const noexcept { return plain.has_value() || secure.has_value(); }

    beast_ns::tcp_stream& lowest() noexcept { return plain ? *plain : beast_ns::get_lowest_layer(*secure); }

    /// Drops the connection without a TLS close_notify: the client has nothing left to say,
    /// and waiting for the peer's answer could block past the deadline.
    void close() noexcept {
        if (connected()) {
            beast_ns::error_code ignored;
            lowest().socket().shutdown(beast_tcp::socket::shutdown_both, ignored);
            lowest().socket().close(ignored);
        }
        secure.reset();
        plain.reset();
        buffer.consume(buffer.size());
    }

    /// An idle kept-alive connection that is readable has been closed by the server (EOF, a TLS
    /// close_notify) or carries bytes nobody asked for: either way it must not be reused.
    bool idle_connection_is_dead() noexcept {
        if (buffer.size() != 0) return true;
        auto& socket = lowest().socket();
        beast_ns::error_code ec;
        socket.non_blocking(true, ec);
        if (ec) return true;
        char byte = 0;
        (void)socket.receive(beast_asio::buffer(&byte, 1), beast_tcp::socket::message_peek, ec);
        const bool alive = ec == beast_asio::error::would_block;
        socket.non_blocking(false, ec);
        return !alive || static_cast<bool>(ec);
    }

    /// Runs handlers until the operation that sets `done` completes or `until` passes; then
    /// `cancel` is called (it must make the operation complete promptly, e.g. by closing the
    /// socket) and its aborted handler is run. One handler at a time, so that a handler left
    /// over from an earlier call cannot keep this one waiting. False on expiry.
    template <class Cancel>
    bool run(const bool& done, std::chrono::steady_clock::time_point until, Cancel cancel) {
        ioc.restart();
        while (!done && ioc.run_one_until(until) != 0) {
        }
        if (done) return true;
        cancel();
        ioc.restart();
        while (!done && ioc.run_one() != 0) {
        }
        return false;
    }
};

/// Reads a response straight into a restop::response, keeping every field in arrival order
/// (Beast's own fields container groups repeated names together).
class beast_response_parser final : public beast_http::basic_parser<false> {
public:
    explicit beast_response_parser(response& out) noexcept : out_(out) {}

private:
    using string_view = beast_ns::string_view;
    using error_code = beast_ns::error_code;

    static std::string text(string_view view) { return std::string(view.data(), view.size()); }

    void on_request_impl(beast_http::verb, string_view, string_view, int, error_code&) override {}
    void on_response_impl(int code, string_view, int, error_code&) override { out_.status = code; }
    void on_field_impl(beast_http::field, string_view name, string_view value, error_code&) override {
        out_.headers.push_back(header{text(name), text(value)});
    }
    void on_header_impl(error_code&) override {}
    void on_body_init_impl(const boost::optional<std::uint64_t>& length, error_code&) override {
        // body_limit has already refused a larger Content-Length.
        if (length) out_.body.reserve(static_cast<std::size_t>(*length));
    }
    std::size_t on_body_impl(string_view body, error_code&) override {
        out_.body.append(body.data(), body.size());
        return body.size();
    }
    void on_chunk_header_impl(std::uint64_t, string_view, error_code&) override {}
    std::size_t on_chunk_body_impl(std::uint64_t, string_view body, error_code&) override {
        out_.body.append(body.data(), body.size());
        return body.size();
    }
    void on_finish_impl(error_code&) override {}

    response& out_;
};

inline beast_http::verb to_verb(http_method method) noexcept {
    switch (method) {
        case http_method::get:
            return beast_http::verb::get;
        case http_method::put:
            return beast_http::verb::put;
        case http_method::post:
            return beast_http::verb::post;
        case http_method::delete_:
            return beast_http::verb::delete_;
        case http_method::patch:
            return beast_http::verb::patch;
        case http_method::head:
            return beast_http::verb::head;
    }
    return beast_http::verb::get;
}

enum class beast_phase { resolve, connect, handshake, write, read };

constexpr const char* to_string(beast_phase phase) noexcept {
    switch (phase) {
        case beast_phase::resolve:
            return "resolve";
        case beast_phase::connect:
            return "connect";
        case beast_phase::handshake:
            return "TLS handshake";
        case beast_phase::write:
            return "write";
        case beast_phase::read:
            return "read";
    }
    return "?";
}

/// The peer went away (what a kept-alive connection closed by the server looks like).
inline bool beast_is_disconnect(const beast_ns::error_code& ec) noexcept {
    return ec == beast_http::error::end_of_stream || ec == beast_http::error::partial_message ||
           ec == beast_asio::error::eof || ec == beast_asio::error::connection_reset ||
           ec == beast_asio::error::broken_pipe || ec == beast_asio::error::connection_aborted ||
           ec == beast_asio::ssl::error::stream_truncated;
}

inline transport_error beast_error(beast_phase phase, const beast_ns::error_code& ec, std::size_t cap) {
    const std::string stack = std::string("beast: ") + to_string(phase) + ": " + ec.message();
    if (ec == beast_ns::error::timeout) return make_error(transport_error_kind::timed_out, stack);
    if (ec == beast_http::error::body_limit)
        return make_error(transport_error_kind::response_too_large, too_large_message(cap) + " (" + stack + ")");
    if (ec == beast_http::error::header_limit || ec == beast_http::error::buffer_overflow)
        return make_error(
            transport_error_kind::response_too_large,
            "response header block exceeds " + std::to_string(beast_header_limit) + " bytes (" + stack + ")");
    if (phase == beast_phase::resolve || phase == beast_phase::connect || phase == beast_phase::handshake)
        return make_error(transport_error_kind::connection_failed, stack);
    if (beast_is_disconnect(ec)) return make_error(transport_error_kind::connection_closed, stack);
    if (ec.category() == beast_ns::error_code(beast_http::error::bad_version).category())
        return make_error(transport_error_kind::protocol_error, stack);
    if (ec.category() == beast_asio::error::get_ssl_category())
        return make_error(transport_error_kind::protocol_error, stack);
    return make_error(transport_error_kind::other, stack);
}

}  // namespace detail

/// A restop transport on Boost.Beast's HTTP/1.1 client, for `http://` and `https://` endpoints.
/// One keep-alive connection is opened on first use, reused by later calls, and re-opened when
/// the server closed it (checked before each reuse; an idempotent request whose reused
/// connection dies before any response byte is sent again once). Move-only; not for
/// concurrent use (one per thread).
///
///     #include <restop/transports/beast.hpp>
///
///     restop::transports::transport_options options;
///     options.endpoint = "https://codecatalyst.global.api.aws";
///     options.total_timeout = std::chrono::seconds(10);
///     restop::transports::beast_transport transport(options);  // verifies certificates
///
///     restop::request req;
///     req.method = restop::http_method::delete_;
///     req.target = "/v1/accessTokens/a1b2c3d4";
///     req.headers.push_back({"Authorization", "Bearer " + token});
///     restop::transport_result res = transport.send(req);
///     if (!res) std::cerr << res.error() << '\n';           // timed_out, connection_closed, ...
///     else std::cout << res->status << '\n';                // 4xx/5xx are responses too
///
/// HTTPS: TLS via OpenSSL, the system CA store (or `options.ca_file`), peer verification with
/// RFC 2818 host-name checking, and SNI, always. The target is set verbatim on the request
/// line (after the endpoint's path prefix); the request's headers go out in order after Host,
/// then User-Agent (unless the request has one) and Content-Length (for a body or
/// POST/PUT/PATCH). Nothing else is added. The body cap is Beast's parser body_limit
/// (checked against Content-Length before reading, and while reading chunked bodies).
/// Link: `-lssl -lcrypto -lpthread`.
class beast_transport : public detail::transport_base<beast_transport, detail::beast_state> {
public:
    static constexpr std::string_view name = "beast_transport";

    /// Builds the transport; for https, a TLS client context with the system trust store (or
    /// `options.ca_file`). Nothing is connected yet. A bad endpoint or CA file makes every
    /// `send` fail with kind `other`.
    explicit beast_transport(transport_options options) : beast_transport(std::move(options), std::nullopt) {}

    /// Same, with a caller-made TLS context (client certificates, pinned CAs, ...). Peer
    /// verification and host-name checking are still switched on for every connection.
    beast_transport(transport_options options, boost::asio::ssl::context tls_context)
        : beast_transport(std::move(options), std::optional<boost::asio::ssl::context>(std::move(tls_context))) {}

private:
    friend class detail::transport_base<beast_transport, detail::beast_state>;
    // An exception may leave the stream mid-message: the next call starts on a fresh connection.
    static void on_exception(detail::beast_state& state) noexcept { state.close(); }

    beast_transport(transport_options options, std::optional<boost::asio::ssl::context> tls_context) {
        detail::beast_state& state = *state_;
        state.options = std::move(options);
        auto parts = detail::parse_endpoint(state.options.endpoint);
        if (!parts) {
            state.config_error = std::move(parts).error();
            return;
        }
        state.endpoint = std::move(*parts);
        if (!state.endpoint.tls) return;
        try {
            if (tls_context) {
                state.tls_context.emplace(std::move(*tls_context));
            } else {
                state.tls_context.emplace(boost::asio::ssl::context::tls_client);
                boost::beast::error_code ec;
                if (state.options.ca_file.empty())
                    state.tls_context->set_default_verify_paths(ec);
                else
                    state.tls_context->load_verify_file(state.options.ca_file, ec);
                if (ec) {
                    state.config_error = detail::make_error(transport_error_kind::other,
                                                            "beast: loading CA certificates: " + ec.message());
                    return;
                }
            }
            state.tls_context->set_verify_mode(boost::asio::ssl::verify_peer);
        } catch (const std::exception& e) {
            state.config_error =
                detail::make_error(transport_error_kind::other, std::string("beast: TLS context: ") + e.what());
        }
    }

    /// The stream the HTTP messages go through, plain or TLS.
    template <class F>
    auto with_stream(F&& f) {
        detail::beast_state& state = *state_;
        if (state.secure) return f(*state.secure);
        return f(*state.plain);
    }

    std::optional<transport_error> connect(std::chrono::steady_clock::time_point deadline) {
        namespace asio = boost::asio;
        using detail::beast_phase;
        detail::beast_state& state = *state_;
        const auto budget = std::min(state.options.connect_timeout, detail::remaining(deadline));
        const auto connect_deadline = std::chrono::steady_clock::now() + budget;
        const std::size_t cap = state.options.max_response_body;

        // getaddrinfo runs on Asio's resolver thread and cannot be interrupted: on expiry the
        // lookup is abandoned, and its late handler only touches this shared outcome.
        struct resolve_outcome {
            boost::beast::error_code ec;
            detail::beast_tcp::resolver::results_type endpoints;
            bool done = false;
        };
        const auto outcome = std::make_shared<resolve_outcome>();
        detail::beast_tcp::resolver resolver(state.ioc);
        resolver.async_resolve(
            state.endpoint.host, std::to_string(state.endpoint.port),
            [outcome](const boost::beast::error_code& e, detail::beast_tcp::resolver::results_type r) {
                outcome->ec = e;
                outcome->endpoints = std::move(r);
                outcome->done = true;
            });
        state.ioc.restart();
        while (!outcome->done && state.ioc.run_one_until(connect_deadline) != 0) {
        }
        if (!outcome->done) {
            resolver.cancel();
            return detail::beast_error(beast_phase::resolve, boost::beast::error::timeout, cap);
        }
        if (outcome->ec) return detail::beast_error(beast_phase::resolve, outcome->ec, cap);

        boost::beast::error_code ec;
        bool done = false;
        boost::beast::tcp_stream stream(state.ioc);
        stream.expires_at(connect_deadline);
        stream.async_connect(outcome->endpoints,
                             [&](const boost::beast::error_code& e, const detail::beast_tcp::endpoint&) {
                                 ec = e;
                                 done = true;
                             });
        if (!state.run(done, connect_deadline + std::chrono::seconds(1), [&] { stream.close(); }))
            ec = boost::beast::error::timeout;
        if (ec) return detail::beast_error(beast_phase::connect, ec, cap);
        ++state.connections_opened;

        if (!state.endpoint.tls) {
            state.plain.emplace(std::move(stream));
            return std::nullopt;
        }
        state.secure.emplace(std::move(stream), *state.tls_context);
        detail::beast_tls_stream& tls = *state.secure;
        boost::beast::error_code not_ip;
        (void)asio::ip::make_address(state.endpoint.host, not_ip);
        if (not_ip && SSL_set_tlsext_host_name(tls.native_handle(), state.endpoint.host.c_str()) != 1) {
            state.close();
            return detail::make_error(transport_error_kind::connection_failed, "beast: TLS handshake: cannot set SNI");
        }
        tls.set_verify_mode(asio::ssl::verify_peer);
        tls.set_verify_callback(asio::ssl::host_name_verification(state.endpoint.host));
        state.lowest().expires_at(connect_deadline);
        done = false;
        tls.async_handshake(asio::ssl::stream_base::client, [&](const boost::beast::error_code& e) {
            ec = e;
            done = true;
        });
        if (!state.run(done, connect_deadline + std::chrono::seconds(1), [&] { state.close(); }))
            ec = boost::beast::error::timeout;
        if (ec) {
            state.close();
            return detail::beast_error(beast_phase::handshake, ec, cap);
        }
        return std::nullopt;
    }

    // The exchange itself; transport_base::send has checked the state and the request.
    transport_result exchange(detail::beast_state& state, const request& req) {
        namespace http = boost::beast::http;
        using detail::beast_phase;

        const auto deadline = std::chrono::steady_clock::now() + state.options.total_timeout;
        const std::size_t cap = state.options.max_response_body;

        http::request<http::string_body> message{detail::to_verb(req.method), state.endpoint.path_prefix + req.target,
                                                 11};
        if (!detail::has_header(req, "host")) message.set(http::field::host, state.endpoint.authority);
        for (const header& field : req.headers) message.insert(field.name, field.value);
        if (!detail::has_header(req, "user-agent")) message.set(http::field::user_agent, state.options.user_agent);
        if (!req.body.empty() || detail::sends_content_length_when_empty(req.method)) {
            message.body() = req.body;
            message.content_length(req.body.size());
        }

        for (int attempt = 0;; ++attempt) {
            const bool reused = state.connected() && !state.idle_connection_is_dead();
            if (!reused) state.close();
            if (!state.connected()) {
                if (auto failed = connect(deadline)) {
                    failed->message = detail::redact(std::move(failed->message), req);
                    return failure(std::move(*failed));
                }
            }
            const bool may_retry = reused && attempt == 0 && detail::is_idempotent(req.method);

            boost::beast::error_code ec;
            bool done = false;
            state.lowest().expires_at(deadline);
            with_stream([&](auto& stream) {
                http::async_write(stream, message, [&](const boost::beast::error_code& e, std::size_t) {
                    ec = e;
                    done = true;
                });
            });
            if (!state.run(done, deadline + std::chrono::seconds(1), [&] { state.close(); }))
                ec = boost::beast::error::timeout;
            if (ec) {
                state.close();
                if (may_retry && detail::beast_is_disconnect(ec)) continue;
                return failure(detail::beast_error(beast_phase::write, ec, cap));
            }

            // Interim 1xx responses (103 Early Hints, a stray 100 Continue) precede the real one.
            response out;
            bool nothing_received = true;
            for (;;) {
                out = response{};
                detail::beast_response_parser parser(out);
                parser.header_limit(detail::beast_header_limit);
                parser.body_limit(static_cast<std::uint64_t>(cap));
                if (req.method == http_method::head) parser.skip(true);
                done = false;
                state.lowest().expires_at(deadline);
                with_stream([&](auto& stream) {
                    http::async_read(stream, state.buffer, parser, [&](const boost::beast::error_code& e, std::size_t) {
                        ec = e;
                        done = true;
                    });
                });
                if (!state.run(done, deadline + std::chrono::seconds(1), [&] { state.close(); }))
                    ec = boost::beast::error::timeout;
                if (parser.got_some()) nothing_received = false;
                if (ec) break;
                if (out.status >= 100 && out.status < 200 && out.status != 101) continue;
                if (!parser.keep_alive() || state.buffer.size() != 0) state.close();
                break;
            }
            if (ec) {
                state.close();
                if (may_retry && nothing_received && detail::beast_is_disconnect(ec)) continue;
                return failure(detail::beast_error(beast_phase::read, ec, cap));
            }
            return out;
        }
    }

    std::unique_ptr<detail::beast_state> state_;
};

}  // namespace restop::transports

static_assert(restop::transport<restop::transports::beast_transport>);
