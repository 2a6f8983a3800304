#pragma once
// restop::transports::beast_async_transport: a restop::async_transport on Boost.Beast
// (HTTP/1.1, HTTP and HTTPS) with a connection pool.
//
// Opt-in: include this header and link OpenSSL (`-lssl -lcrypto`); Boost.Beast and Boost.Asio
// are header-only. Needs exceptions enabled (Asio and Beast throw on allocation failure).

#include <openssl/ssl.h>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/compose.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "restop/async.hpp"
#include "restop/header.hpp"
#include "restop/request.hpp"
#include "restop/response.hpp"
#include "restop/transport.hpp"
#include "restop/transports/beast.hpp"
#include "restop/transports/detail/common.hpp"
#include "restop/transports/options.hpp"

namespace restop::transports {

/// The connection pool of a `beast_async_transport`.
struct async_pool_options {
    /// Connections open at once to the endpoint, busy and idle together; a send that finds all
    /// of them busy waits (within its total_timeout) for one to come back.
    std::size_t max_connections = 16;
    /// An idle kept-alive connection older than this is closed instead of reused.
    std::chrono::milliseconds idle_timeout{30000};
};

namespace detail {

// One pooled connection: the stream (plain or TLS) and the read buffer that belongs to it.
struct async_connection {
    std::optional<beast_ns::tcp_stream> plain;
    std::optional<beast_tls_stream> secure;
    beast_ns::flat_buffer buffer;
    std::chrono::steady_clock::time_point idle_since{};

    beast_ns::tcp_stream& lowest() noexcept { return plain ? *plain : beast_ns::get_lowest_layer(*secure); }

    void close() noexcept {
        if (!plain && !secure) return;
        beast_ns::error_code ignored;
        lowest().socket().shutdown(beast_tcp::socket::shutdown_both, ignored);
        lowest().socket().close(ignored);
    }

    // See beast_state::idle_connection_is_dead: a readable idle connection was closed by the
    // server or carries bytes nobody asked for.
    bool idle_is_dead() noexcept {
        if (buffer.size() != 0) return true;
        auto& socket = lowest().socket();
        if (!socket.is_open()) return true;
        beast_ns::error_code ec;
        socket.non_blocking(true, ec);
        if (ec) return true;
        char byte = 0;
        (void)socket.receive(beast_asio::buffer(&byte, 1), beast_tcp::socket::message_peek, ec);
        const bool alive = ec == beast_asio::error::would_block;
        socket.non_blocking(false, ec);
        return !alive || static_cast<bool>(ec);
    }
};

// A send waiting for a free connection slot. `woken` tells a wake-up from a cancellation.
struct async_waiter {
    explicit async_waiter(const boost::asio::any_io_executor& executor) : timer(executor) {}
    boost::asio::steady_timer timer;
    bool woken = false;
    bool waiting = false;
};

struct async_pool {
    async_pool(boost::asio::any_io_executor ex, transport_options transport, async_pool_options pool_settings)
        : executor(std::move(ex)), options(std::move(transport)), pool(pool_settings) {}

    boost::asio::any_io_executor executor;
    transport_options options;
    async_pool_options pool;
    std::optional<transport_error> config_error;
    endpoint_parts endpoint;
    std::optional<beast_asio::ssl::context> tls_context;
    std::vector<std::unique_ptr<async_connection>> idle;  // most recently used last
    std::deque<std::shared_ptr<async_waiter>> waiters;
    std::size_t open = 0;  // busy + idle
    std::size_t connections_opened = 0;

    void close_expired_idle(std::chrono::steady_clock::time_point now) {
        const auto expired = [&](const std::unique_ptr<async_connection>& c) {
            if (now - c->idle_since < pool.idle_timeout) return false;
            c->close();
            --open;
            return true;
        };
        idle.erase(std::remove_if(idle.begin(), idle.end(), expired), idle.end());
    }

    // A slot was freed (a connection closed, or one went back to the pool): wake the oldest waiter.
    void wake_one() {
        while (!waiters.empty()) {
            std::shared_ptr<async_waiter> next = std::move(waiters.front());
            waiters.pop_front();
            if (!next->waiting) continue;  // cancelled or timed out meanwhile
            next->woken = true;
            next->timer.cancel();
            return;
        }
    }

    void give_back(std::unique_ptr<async_connection> connection, bool keep) {
        if (keep) {
            connection->idle_since = std::chrono::steady_clock::now();
            idle.push_back(std::move(connection));
        } else {
            connection->close();
            --open;
        }
        close_expired_idle(std::chrono::steady_clock::now());
        wake_one();
    }
};

// The state of one async_send, on the heap so that the connection, the message and the parser
// stay put while the composed operation moves from handler to handler.
struct async_exchange {
    explicit async_exchange(const boost::asio::any_io_executor& executor) : resolver(executor) {}

    beast_http::request<beast_http::string_body> message;
    std::chrono::steady_clock::time_point deadline{};
    std::unique_ptr<async_connection> connection;
    std::shared_ptr<async_waiter> waiter;
    beast_tcp::resolver resolver;
    response out;
    std::optional<beast_response_parser> parser;
    bool reused = false;
    bool fresh_only = false;  // the reused connection broke once: the retry takes a new one
    bool cancelled = false;

    void cancel_io() noexcept {
        cancelled = true;
        resolver.cancel();
        if (waiter) waiter->timer.cancel();
        if (connection) connection->close();
    }
};

}  // namespace detail

/// A restop::async_transport on Boost.Beast's HTTP/1.1 client, for `http://` and `https://`,
/// with a pool of keep-alive connections to its endpoint. Takes the same transport_options as
/// the sync transports (timeouts, body cap, user agent, CA file), and does the same on the wire:
/// the target byte for byte, the request's headers in order after Host, then User-Agent and
/// Content-Length; every status comes back as a response.
///
///     boost::asio::io_context io;
///     restop::transports::transport_options options;
///     options.endpoint = "https://codecatalyst.global.api.aws";
///     restop::transports::beast_async_transport transport(io.get_executor(), options, {.max_connections = 8});
///     restop::async_call(transport, cc::delete_access_token{.id = id}, token,
///                        [](auto outcome) { if (!outcome) std::cerr << outcome.error() << '\n'; });
///     io.run();
///
/// Pool: at most `max_connections` open at once (a send finding all busy waits for one, within
/// its total_timeout); a connection goes back to the pool after a complete keep-alive
/// response, is closed when idle longer than `idle_timeout` (checked whenever the pool is
/// used) and is checked for a server-side close before reuse. A reused connection that breaks
/// before any response byte arrived is replaced by a fresh one once, and the request sent
/// again, only when nothing of it was sent (the write failed at its first byte) or when the
/// method is idempotent (RFC 9110 §9.2.2). Terminal cancellation through the handler's slot
/// closes the connection and completes with kind `cancelled`; `total_timeout` bounds each send.
///
/// The transport and everything it completes run on `executor`: with an io_context run by
/// several threads, pass a strand. The transport must outlive its sends.
class beast_async_transport {
public:
    using executor_type = boost::asio::any_io_executor;

    beast_async_transport(executor_type executor, transport_options options, async_pool_options pool = {})
        : state_(std::make_shared<detail::async_pool>(std::move(executor), std::move(options), pool)) {
        detail::async_pool& state = *state_;
        auto parts = detail::parse_endpoint(state.options.endpoint);
        if (!parts) {
            state.config_error = std::move(parts).error();
            return;
        }
        state.endpoint = std::move(*parts);
        if (state.pool.max_connections == 0) state.pool.max_connections = 1;
        if (!state.endpoint.tls) return;
        try {
            state.tls_context.emplace(boost::asio::ssl::context::tls_client);
            boost::beast::error_code ec;
            if (state.options.ca_file.empty())
                state.tls_context->set_default_verify_paths(ec);
            else
                state.tls_context->load_verify_file(state.options.ca_file, ec);
            if (ec) {
                state.config_error =
                    detail::make_error(transport_error_kind::other, "beast: loading CA certificates: " + ec.message());
                return;
            }
            state.tls_context->set_verify_mode(boost::asio::ssl::verify_peer);
        } catch (const std::exception& e) {
            state.config_error = detail::make_error(transport_error_kind::other, std::string("beast: TLS context: ") + e.what());
        }
    }

    executor_type get_executor() const noexcept { return state_->executor; }

    /// Sends `req` (which must stay alive until completion); completes with
    /// `void(restop::transport_result)`: the response, whatever its status, or why there is none.
    template <class CompletionToken>
    auto async_send(const request& req, CompletionToken&& token) {
        return boost::asio::async_initiate<CompletionToken, void(transport_result)>(
            [](auto handler, std::shared_ptr<detail::async_pool> pool, const request* sent) {
                auto handler_executor = boost::asio::get_associated_executor(handler, pool->executor);
                static_assert(std::is_convertible_v<decltype(handler_executor), executor_type>,
                              "the completion handler's associated executor must convert to boost::asio::any_io_executor, "
                              "as every Asio I/O executor and strand does");
                start(std::move(pool), sent, any_send_handler(std::move(handler)), std::move(handler_executor));
            },
            token, state_, &req);
    }

    /// TCP connections established so far.
    std::size_t connections_opened() const noexcept { return state_->connections_opened; }
    /// Connections open now, busy and idle.
    std::size_t connections_open() const noexcept { return state_->open; }
    /// Idle connections in the pool now.
    std::size_t connections_idle() const noexcept { return state_->idle.size(); }

    const transport_options& options() const noexcept { return state_->options; }

private:
    // Every handler is erased to this one type before the exchange starts, so that its machinery
    // (resolve, connect, TLS, write, read, each with its pool and cancellation paths) is compiled
    // once per program and not once per completion handler: a distinct lambda at each call site
    // made a test of a dozen calls take seven minutes to compile with g++. The price is one
    // allocation per send, next to the exchange's own and to a network round trip. The wrapper
    // keeps the handler's allocator and cancellation slot; its executor is bound beside it as an
    // any_io_executor, since Beast's operations require blocking.never of it, which the
    // wrapper's own executor type does not offer in Boost 1.81.
    using any_send_handler = boost::asio::any_completion_handler<void(transport_result)>;

    enum class stage { start, early, waiting, resolving, connecting, handshaking, writing, reading };

    struct send_op {
        std::shared_ptr<detail::async_pool> pool;
        const request* req;
        std::unique_ptr<detail::async_exchange> ex{};
        stage at = stage::start;
        std::optional<transport_error> early{};
        detail::beast_tcp::resolver::results_type endpoints{};

        // The handler for a child operation: cancellation reaches the children through
        // cancel_io (which closes the socket), not through their own slots. It moves `self`
        // (and so this operation's members) at once: read members into locals before.
        // Asio clears the slot's handler each time the operation resumes, so it is put back here,
        // before every child operation.
        template <class Self>
        auto child(Self& self) {
            auto slot = self.get_cancellation_state().slot();
            if (slot.is_connected()) {
                detail::async_exchange* exchange = ex.get();
                slot.assign([exchange](boost::asio::cancellation_type) { exchange->cancel_io(); });
            }
            return boost::asio::bind_cancellation_slot(boost::asio::cancellation_slot(), std::move(self));
        }

        // A cancellation that arrived while no child was running is remembered by the state.
        template <class Self>
        void note_cancellation(Self& self) {
            if (ex && self.cancelled() != boost::asio::cancellation_type::none) ex->cancel_io();
        }

        template <class Self>
        void operator()(Self& self) {
            if (at == stage::early) return finish(self, failure(std::move(*early)));
            if (at == stage::waiting) return acquire(self);
            try {
                if (pool->config_error) return complete_early(self, *pool->config_error);
                if (auto refused = detail::validate(*req)) return complete_early(self, std::move(*refused));
                if (auto refused = detail::refuse_host_prefix(*req, pool->options, "beast_async_transport"))
                    return complete_early(self, std::move(*refused));
                ex = std::make_unique<detail::async_exchange>(pool->executor);
                ex->deadline = std::chrono::steady_clock::now() + pool->options.total_timeout;
                auto& message = ex->message;
                message.version(11);
                message.method(detail::to_verb(req->method));
                message.target(pool->endpoint.path_prefix + req->target);
                if (!detail::has_header(*req, "host")) message.set(boost::beast::http::field::host, pool->endpoint.authority);
                for (const header& field : req->headers) message.insert(field.name, field.value);
                if (!detail::has_header(*req, "user-agent"))
                    message.set(boost::beast::http::field::user_agent, pool->options.user_agent);
                if (!req->body.empty() || detail::sends_content_length_when_empty(req->method)) {
                    message.body() = req->body;
                    message.content_length(req->body.size());
                }
            } catch (const std::exception& e) {
                return complete_early(self, detail::make_error(transport_error_kind::other,
                                                               detail::redact(std::string("beast_async_transport: ") + e.what(), *req)));
            }
            acquire(self);
        }

        // The waiter's timer: woken (a slot is free), cancelled, or out of time.
        template <class Self>
        void operator()(Self& self, boost::system::error_code ec) {
            note_cancellation(self);
            if (at == stage::waiting) {
                ex->waiter->waiting = false;
                const bool woken = ex->waiter->woken;
                ex->waiter.reset();
                if (ex->cancelled) {
                    if (woken) pool->wake_one();  // pass the free slot on
                    return cancelled(self);
                }
                if (!woken && !ec)
                    return finish(self, failure(detail::make_error(
                                            transport_error_kind::timed_out,
                                            "beast: no pooled connection came free within total_timeout")));
                return acquire(self);
            }
            // The connect, the TLS handshake: with their own stage.
            on_step(self, ec, 0);
        }

        template <class Self>
        void operator()(Self& self, boost::system::error_code ec, detail::beast_tcp::resolver::results_type results) {
            endpoints = std::move(results);
            note_cancellation(self);
            on_step(self, ec, 0);
        }

        template <class Self>
        void operator()(Self& self, boost::system::error_code ec, const detail::beast_tcp::endpoint&) {
            note_cancellation(self);
            on_step(self, ec, 0);
        }

        template <class Self>
        void operator()(Self& self, boost::system::error_code ec, std::size_t bytes) {
            note_cancellation(self);
            on_step(self, ec, bytes);
        }

    private:
        template <class Self>
        void complete_early(Self& self, transport_error error) {
            early.emplace(std::move(error));
            at = stage::early;
            auto executor = pool->executor;
            boost::asio::post(executor, std::move(self));
        }

        template <class Self>
        void finish(Self& self, transport_result result) {
            self.get_cancellation_state().slot().clear();
            if (!result && ex) result.error().message = detail::redact(std::move(result.error().message), *req);
            self.complete(std::move(result));
        }

        template <class Self>
        void cancelled(Self& self) {
            finish(self, failure(detail::make_error(transport_error_kind::cancelled, "beast: the send was cancelled")));
        }

        template <class Self>
        void fail(Self& self, detail::beast_phase phase, const boost::system::error_code& ec) {
            drop_connection();
            if (ex->cancelled) return cancelled(self);
            finish(self, failure(detail::beast_error(phase, ec, pool->options.max_response_body)));
        }

        void drop_connection() {
            if (ex->connection) pool->give_back(std::move(ex->connection), false);
        }

        template <class Self>
        void acquire(Self& self) {
            detail::async_pool& p = *pool;
            if (ex->cancelled) return cancelled(self);
            const auto now = std::chrono::steady_clock::now();
            p.close_expired_idle(now);
            while (!ex->fresh_only && !p.idle.empty()) {
                std::unique_ptr<detail::async_connection> candidate = std::move(p.idle.back());
                p.idle.pop_back();
                if (candidate->idle_is_dead()) {
                    candidate->close();
                    --p.open;
                    continue;
                }
                ex->connection = std::move(candidate);
                ex->reused = true;
                return write(self);
            }
            if (p.open >= p.pool.max_connections && ex->fresh_only && !p.idle.empty()) {
                // Make room for the fresh connection by closing an idle one.
                p.idle.front()->close();
                p.idle.erase(p.idle.begin());
                --p.open;
            }
            if (p.open < p.pool.max_connections) {
                ++p.open;
                ex->connection = std::make_unique<detail::async_connection>();
                ex->reused = false;
                return resolve(self);
            }
            at = stage::waiting;
            ex->waiter = std::make_shared<detail::async_waiter>(p.executor);
            ex->waiter->waiting = true;
            ex->waiter->timer.expires_at(ex->deadline);
            p.waiters.push_back(ex->waiter);
            boost::asio::steady_timer& timer = ex->waiter->timer;  // child(self) moves `ex` away
            timer.async_wait(child(self));
        }

        template <class Self>
        void resolve(Self& self) {
            at = stage::resolving;
            // Everything read from the operation is read before child(self) moves it away.
            detail::beast_tcp::resolver& resolver = ex->resolver;
            const std::string host = pool->endpoint.host;
            const std::string port = std::to_string(pool->endpoint.port);
            resolver.async_resolve(host, port, child(self));
        }

        template <class Self>
        void on_step(Self& self, const boost::system::error_code& ec, std::size_t bytes) {
            using detail::beast_phase;
            if (ex->cancelled && at != stage::reading && at != stage::writing) {
                drop_connection();
                return cancelled(self);
            }
            switch (at) {
                case stage::resolving: {
                    if (ec) return fail(self, beast_phase::resolve, ec);
                    at = stage::connecting;
                    boost::beast::tcp_stream& stream = ex->connection->plain.emplace(pool->executor);
                    const auto budget = std::min(pool->options.connect_timeout, detail::remaining(ex->deadline));
                    stream.expires_after(budget);
                    const auto targets = std::move(endpoints);
                    stream.async_connect(targets, child(self));
                    return;
                }
                case stage::connecting: {
                    if (ec) return fail(self, beast_phase::connect, ec);
                    ++pool->connections_opened;
                    if (!pool->endpoint.tls) return write(self);
                    return handshake(self);
                }
                case stage::handshaking:
                    if (ec) return fail(self, beast_phase::handshake, ec);
                    return write(self);
                case stage::writing:
                    return on_written(self, ec, bytes);
                case stage::reading:
                    return on_read(self, ec);
                default:
                    return;
            }
        }

        template <class Self>
        void handshake(Self& self) {
            namespace asio = boost::asio;
            detail::async_connection& c = *ex->connection;
            c.secure.emplace(std::move(*c.plain), *pool->tls_context);
            c.plain.reset();
            boost::beast::error_code not_ip;
            (void)asio::ip::make_address(pool->endpoint.host, not_ip);
            if (not_ip && SSL_set_tlsext_host_name(c.secure->native_handle(), pool->endpoint.host.c_str()) != 1) {
                drop_connection();
                return finish(self, failure(detail::make_error(transport_error_kind::connection_failed,
                                                               "beast: TLS handshake: cannot set SNI")));
            }
            c.secure->set_verify_mode(asio::ssl::verify_peer);
            c.secure->set_verify_callback(asio::ssl::host_name_verification(pool->endpoint.host));
            const auto budget = std::min(pool->options.connect_timeout, detail::remaining(ex->deadline));
            c.lowest().expires_after(budget);
            at = stage::handshaking;
            c.secure->async_handshake(asio::ssl::stream_base::client, child(self));
        }

        template <class Self>
        void write(Self& self) {
            at = stage::writing;
            detail::async_connection& c = *ex->connection;
            c.lowest().expires_at(ex->deadline);
            auto& message = ex->message;
            if (c.secure)
                boost::beast::http::async_write(*c.secure, message, child(self));
            else
                boost::beast::http::async_write(*c.plain, message, child(self));
        }

        template <class Self>
        void on_written(Self& self, const boost::system::error_code& ec, std::size_t bytes) {
            if (!ec && !ex->cancelled) return read(self);
            if (ex->cancelled) {
                drop_connection();
                return cancelled(self);
            }
            // A kept-alive connection the server had closed: nothing of the request went out,
            // or an idempotent request may go out again.
            if (ex->reused && !ex->fresh_only && detail::beast_is_disconnect(ec) &&
                (bytes == 0 || detail::is_idempotent(req->method)))
                return retry_fresh(self);
            fail(self, detail::beast_phase::write, ec);
        }

        template <class Self>
        void retry_fresh(Self& self) {
            drop_connection();
            ex->fresh_only = true;
            acquire(self);
        }

        template <class Self>
        void read(Self& self) {
            at = stage::reading;
            detail::async_connection& c = *ex->connection;
            ex->out = response{};
            ex->parser.reset();
            ex->parser.emplace(ex->out);
            ex->parser->header_limit(detail::beast_header_limit);
            ex->parser->body_limit(static_cast<std::uint64_t>(pool->options.max_response_body));
            if (req->method == http_method::head) ex->parser->skip(true);
            c.lowest().expires_at(ex->deadline);
            detail::beast_response_parser& parser = *ex->parser;
            if (c.secure)
                boost::beast::http::async_read(*c.secure, c.buffer, parser, child(self));
            else
                boost::beast::http::async_read(*c.plain, c.buffer, parser, child(self));
        }

        template <class Self>
        void on_read(Self& self, const boost::system::error_code& ec) {
            if (ex->cancelled) {
                drop_connection();
                return cancelled(self);
            }
            if (ec) {
                if (ex->reused && !ex->fresh_only && !ex->parser->got_some() && detail::is_idempotent(req->method) &&
                    detail::beast_is_disconnect(ec))
                    return retry_fresh(self);
                return fail(self, detail::beast_phase::read, ec);
            }
            // Interim 1xx responses (103 Early Hints, a stray 100 Continue) precede the real one.
            if (ex->out.status >= 100 && ex->out.status < 200 && ex->out.status != 101) return read(self);
            const bool keep = ex->parser->keep_alive() && ex->connection->buffer.size() == 0;
            ex->parser.reset();
            pool->give_back(std::move(ex->connection), keep);
            finish(self, std::move(ex->out));
        }
    };

    static void start(std::shared_ptr<detail::async_pool> pool, const request* req, any_send_handler handler,
                      executor_type handler_executor) {
        using bound_handler = boost::asio::executor_binder<any_send_handler, executor_type>;
        bound_handler bound = boost::asio::bind_executor(std::move(handler_executor), std::move(handler));
        // async_compose takes the handler by reference and, told its type is not a reference, moves it.
        const executor_type executor = pool->executor;
        boost::asio::async_compose<bound_handler, void(transport_result)>(send_op{std::move(pool), req}, bound, executor);
    }

    std::shared_ptr<detail::async_pool> state_;
};

static_assert(restop::async_transport<beast_async_transport>);

}  // namespace restop::transports
