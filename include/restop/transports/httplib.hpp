#pragma once
// restop::transports::httplib_transport: a restop transport on cpp-httplib (tested with 0.11.4).
//
// Opt-in: include this header; `httplib.h` must be on the include path. HTTPS needs
// CPPHTTPLIB_OPENSSL_SUPPORT defined for every translation unit (and `-lssl -lcrypto`).
//
// Debian/Ubuntu's libcpp-httplib-dev ships cpp-httplib *compiled*: /usr/include/httplib.h only
// declares, the code is in libcpp-httplib.so, built with CPPHTTPLIB_OPENSSL_SUPPORT,
// CPPHTTPLIB_ZLIB_SUPPORT and CPPHTTPLIB_BROTLI_SUPPORT. Those macros change the layout of
// httplib's classes, so code using that package MUST be compiled with exactly the library's
// flags, `$(pkg-config --cflags cpp-httplib)`, and linked with `-lcpp-httplib`; compiling
// without them links fine and then corrupts memory (this header turns that case into a
// static_assert where it can tell). With the upstream single header no library is needed and
// the macros are optional.
// Needs exceptions enabled (cpp-httplib throws); `send` catches everything.

#include <httplib.h>

#if !defined(_WIN32)
#include <pthread.h>
#include <signal.h>

#include <cerrno>
#include <ctime>
#endif

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include "restop/header.hpp"
#include "restop/http_method.hpp"
#include "restop/request.hpp"
#include "restop/response.hpp"
#include "restop/transport.hpp"
#include "restop/transports/detail/common.hpp"
#include "restop/transports/options.hpp"

#if !defined(CPPHTTPLIB_OPENSSL_SUPPORT)
// Guard for the trap described at the top: the single header defines
// httplib::detail::encode_url; a declarations-only header of a compiled cpp-httplib (Debian's
// 0.11.4) does not, and then the probe below is what overload resolution finds. Best effort:
// newer split headers declare encode_url and pass unnoticed.
namespace httplib::detail {
struct restop_compiled_httplib_probe {};
template <class... Args>
restop_compiled_httplib_probe encode_url(const Args&...);  // never defined, only named in decltype
}  // namespace httplib::detail
static_assert(!std::is_same_v<decltype(httplib::detail::encode_url(std::declval<const std::string&>())),
                              httplib::detail::restop_compiled_httplib_probe>,
              "restop/transports/httplib.hpp: this <httplib.h> only declares a compiled cpp-httplib (e.g. Debian's "
              "libcpp-httplib-dev), whose class layouts depend on CPPHTTPLIB_OPENSSL_SUPPORT: compile with "
              "$(pkg-config --cflags cpp-httplib) and link $(pkg-config --libs cpp-httplib)");
#endif

namespace restop::transports {

namespace detail {

struct httplib_state {
    transport_options options;
    std::optional<transport_error> config_error;
    endpoint_parts endpoint;
    std::unique_ptr<httplib::Client> client;
    std::size_t connections_opened = 0;
};

#if !defined(_WIN32)
/// cpp-httplib writes with send(2) without MSG_NOSIGNAL (CPPHTTPLIB_SEND_FLAGS is 0 unless set
/// when the library was compiled) and through OpenSSL's socket BIO, so writing to a connection
/// the server has reset raises SIGPIPE, whose default action ends the process. For the length
/// of one send, SIGPIPE is blocked in the calling thread and one raised meanwhile is discarded
/// (the signal goes to the thread that wrote); the write itself then fails with EPIPE.
class sigpipe_guard {
public:
    sigpipe_guard() noexcept {
        sigemptyset(&pipe_);
        sigaddset(&pipe_, SIGPIPE);
        sigemptyset(&old_);
        if (pthread_sigmask(SIG_BLOCK, &pipe_, &old_) != 0) return;
        active_ = true;
        // Already blocked by the caller: leave whatever arrives to the caller.
        already_blocked_ = sigismember(&old_, SIGPIPE) == 1;
    }
    sigpipe_guard(const sigpipe_guard&) = delete;
    sigpipe_guard& operator=(const sigpipe_guard&) = delete;
    ~sigpipe_guard() {
        if (!active_) return;
        if (!already_blocked_) {
            sigset_t pending;
            sigemptyset(&pending);
            if (sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE) == 1) {
                const timespec zero{0, 0};
                while (sigtimedwait(&pipe_, nullptr, &zero) == -1 && errno == EINTR) {
                }
            }
        }
        pthread_sigmask(SIG_SETMASK, &old_, nullptr);
    }

private:
    sigset_t pipe_{};
    sigset_t old_{};
    bool active_ = false;
    bool already_blocked_ = false;
};
#else
struct sigpipe_guard {};
#endif

inline std::string httplib_message(httplib::Error error, const endpoint_parts& endpoint) {
    return "cpp-httplib: " + httplib::to_string(error) + " (" + endpoint.scheme + "://" + endpoint.authority + ")";
}

}  // namespace detail

/// A restop transport on cpp-httplib's blocking client. The connection is kept alive and
/// reused across calls; cpp-httplib checks it before each reuse and re-opens it when the
/// server closed it. Move-only; not for concurrent use (one per thread).
///
///     #include <restop/transports/httplib.hpp>
///
///     restop::transports::transport_options options;
///     options.endpoint = "http://127.0.0.1:8080";   // https:// needs CPPHTTPLIB_OPENSSL_SUPPORT
///     options.total_timeout = std::chrono::seconds(5);
///     restop::transports::httplib_transport transport(options);
///
///     restop::request req;
///     req.method = restop::http_method::delete_;
///     req.target = "/v1/accessTokens/a%2Fb";       // sent as is: url_encode is off
///     req.headers.push_back({"Authorization", "Bearer " + token});
///     restop::transport_result res = transport.send(req);
///     if (!res) std::cerr << res.error() << '\n';
///     else std::cout << res->status << '\n';        // 4xx/5xx are responses too
///
/// Exact targets: cpp-httplib percent-encodes the path by default (space, `+`, `,`, `;`, `'`
/// and non-ASCII bytes: `x+y` would become `x%2By`), so this transport calls
/// `set_url_encode(false)`; it normalises nothing else. What cpp-httplib 0.11.4 cannot be
/// told not to do, and so differs from the other transports: it sends the request's header
/// fields sorted by name (repeated names keep their order), adds `Accept: */*` when the
/// request has no Accept, and hands back response fields sorted by name (repeated names keep
/// their order). The body is passed through a content provider so that no
/// `Content-Type: text/plain` is invented. Timeouts: connect_timeout for the connect,
/// total_timeout for each socket read/write and as a deadline checked while the body arrives.
/// A malformed status line is reported by cpp-httplib as a read error, hence
/// `connection_closed`, not `protocol_error`. SIGPIPE (cpp-httplib does not suppress it) is
/// blocked in the calling thread during `send`. Link: see the top of this header.
class httplib_transport : public detail::transport_base<httplib_transport, detail::httplib_state> {
public:
    static constexpr std::string_view name = "httplib_transport";

    /// Builds the client; nothing is connected yet. A bad endpoint (or https without
    /// CPPHTTPLIB_OPENSSL_SUPPORT) makes every `send` fail with kind `other`.
    explicit httplib_transport(transport_options options) {
        detail::httplib_state& state = *state_;
        state.options = std::move(options);
        auto parts = detail::parse_endpoint(state.options.endpoint);
        if (!parts) {
            state.config_error = std::move(parts).error();
            return;
        }
        state.endpoint = std::move(*parts);
#ifndef CPPHTTPLIB_OPENSSL_SUPPORT
        if (state.endpoint.tls) {
            state.config_error = detail::make_error(
                transport_error_kind::other,
                "httplib_transport: https needs CPPHTTPLIB_OPENSSL_SUPPORT defined before <httplib.h>");
            return;
        }
#endif
        try {
            const std::string host = state.endpoint.host.find(':') != std::string::npos
                                         ? "[" + state.endpoint.host + "]"
                                         : state.endpoint.host;
            state.client = std::make_unique<httplib::Client>(state.endpoint.scheme + "://" + host + ":" +
                                                             std::to_string(state.endpoint.port));
            httplib::Client& client = *state.client;
            client.set_keep_alive(true);
            client.set_url_encode(false);
            client.set_follow_location(false);
            client.set_decompress(false);  // no Accept-Encoding is sent; never rewrite a body
            client.set_connection_timeout(state.options.connect_timeout);
            client.set_read_timeout(state.options.total_timeout);
            client.set_write_timeout(state.options.total_timeout);
            detail::httplib_state* self = &state;
            client.set_socket_options([self](auto) { ++self->connections_opened; });
#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
            client.enable_server_certificate_verification(true);
            if (!state.options.ca_file.empty()) client.set_ca_cert_path(state.options.ca_file);
#endif
        } catch (const std::exception& e) {
            state.client.reset();
            state.config_error =
                detail::make_error(transport_error_kind::other, std::string("cpp-httplib: ") + e.what());
        }
    }

private:
    friend class detail::transport_base<httplib_transport, detail::httplib_state>;
    // The exchange itself; transport_base::send has checked the state and the request.
    transport_result exchange(detail::httplib_state& state, const request& req) {

        const auto start = std::chrono::steady_clock::now();
        const auto deadline = start + state.options.total_timeout;
        const std::size_t cap = state.options.max_response_body;

        httplib::Request message;
        message.method = std::string(to_string(req.method));
        message.path = state.endpoint.path_prefix + req.target;
        if (!detail::has_header(req, "host")) message.headers.emplace("Host", state.endpoint.authority);
        for (const header& field : req.headers) message.headers.emplace(field.name, field.value);
        if (!detail::has_header(req, "user-agent")) message.headers.emplace("User-Agent", state.options.user_agent);
        bool upload_failed = false;
        if (!req.body.empty()) {
            // A provider, not Request::body: for a body, cpp-httplib adds Content-Type: text/plain.
            message.content_length_ = req.body.size();
            const std::string* body = &req.body;
            message.content_provider_ = [body, &upload_failed](std::size_t offset, std::size_t length,
                                                               httplib::DataSink& sink) {
                if (sink.write(body->data() + offset, length)) return true;
                upload_failed = true;  // cpp-httplib reports this as Canceled
                return false;
            };
        }  // an empty POST/PUT/PATCH gets Content-Length: 0 from cpp-httplib

        response out;
        bool too_large = false;
        bool late = false;
        message.response_handler = [&](const httplib::Response& head) {
            const auto length = head.headers.find("Content-Length");
            if (length != head.headers.end() && length->second.size() < 20 &&
                std::strtoull(length->second.c_str(), nullptr, 10) > cap) {
                too_large = true;
                return false;
            }
            return true;
        };
        message.content_receiver = [&](const char* data, std::size_t size, std::uint64_t, std::uint64_t) {
            if (size > cap - out.body.size()) {
                too_large = true;
                return false;
            }
            if (std::chrono::steady_clock::now() > deadline) {
                late = true;
                return false;
            }
            out.body.append(data, size);
            return true;
        };

        httplib::Response received;
        httplib::Error error = httplib::Error::Success;
        bool ok = false;
        {
            const detail::sigpipe_guard no_sigpipe;
            ok = state.client->send(message, received, error);
        }
        if (!ok || error != httplib::Error::Success) {
            transport_error_kind kind = transport_error_kind::other;
            std::string message_text = detail::httplib_message(error, state.endpoint);
            switch (error) {
                case httplib::Error::Connection:
                case httplib::Error::BindIPAddress:
                case httplib::Error::SSLConnection:
                case httplib::Error::SSLLoadingCerts:
                case httplib::Error::SSLServerVerification:
                    kind = transport_error_kind::connection_failed;
                    break;
                case httplib::Error::ConnectionTimeout:
                    kind = transport_error_kind::timed_out;
                    break;
                case httplib::Error::Read:
                case httplib::Error::Write:
                    // cpp-httplib says "Read" both for a peer that closed and for a read that
                    // timed out; the clock tells them apart.
                    if (std::chrono::steady_clock::now() - start >= state.options.total_timeout) {
                        kind = transport_error_kind::timed_out;
                        message_text += ": no data within total_timeout (" +
                                        std::to_string(state.options.total_timeout.count()) + " ms)";
                    } else {
                        kind = transport_error_kind::connection_closed;
                        message_text += ": the connection closed before a complete response";
                    }
                    break;
                case httplib::Error::Canceled:
                    if (too_large) {
                        kind = transport_error_kind::response_too_large;
                        message_text = detail::too_large_message(cap) + " (" + message_text + ")";
                    } else if (upload_failed) {
                        kind = transport_error_kind::connection_closed;
                        message_text += ": the connection closed while the request body was being sent";
                    } else if (late) {
                        kind = transport_error_kind::timed_out;
                        message_text += ": total_timeout (" + std::to_string(state.options.total_timeout.count()) +
                                        " ms) expired while receiving the body";
                    }
                    break;
                case httplib::Error::Compression:
                    kind = transport_error_kind::protocol_error;
                    break;
                default:
                    break;
            }
            return failure(detail::make_error(kind, detail::redact(std::move(message_text), req)));
        }

        out.status = received.status;
        out.headers.reserve(received.headers.size());
        for (const auto& [field_name, field_value] : received.headers) out.headers.push_back(header{field_name, field_value});
        return out;
    }

    std::unique_ptr<detail::httplib_state> state_;
};

}  // namespace restop::transports

static_assert(restop::transport<restop::transports::httplib_transport>);
