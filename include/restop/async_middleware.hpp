#pragma once
// The async twins of restop/middleware.hpp: an observer hook and a logger that decorate any
// restop::async_transport. Needs Boost.Asio, like restop/async.hpp.

#include <chrono>
#include <ostream>
#include <utility>

#include <boost/asio/compose.hpp>
#include <boost/asio/post.hpp>

#include "restop/async.hpp"
#include "restop/middleware.hpp"
#include "restop/recording.hpp"

namespace restop {

namespace detail {
// The observer of recording_async_transport: unlike an exchange_record observer it is handed the
// whole exchange, which exchange_line redacts as it writes.
struct async_recorder {
    std::ostream* out;
    recording_options options;
    void operator()(const request& req, const transport_result& outcome) const {
        *out << exchange_line(req, outcome, options) << '\n';
        out->flush();
    }
};

template <class Observer>
concept exchange_observer = requires(Observer& o, const request& req, const transport_result& outcome) { o(req, outcome); };
}  // namespace detail

/// An async transport that calls `observer(const exchange_record&)` when each send of `inner`
/// completes, then completes with the outcome untouched. Cancellation reaches `inner` through
/// the same slot.
///
///     auto observed = restop::observing_async_transport(std::move(beast), [&](const restop::exchange_record& r) {
///         metrics.observe(to_string(r.method), r.status, r.latency);
///     });
///     co_await restop::async_call(observed, op, token, boost::asio::use_awaitable);
template <async_transport Inner, class Observer>
class observing_async_transport {
public:
    observing_async_transport(Inner inner, Observer observer) : inner_(std::move(inner)), observer_(std::move(observer)) {}

    auto get_executor() { return inner_.get_executor(); }

    template <class CompletionToken>
    auto async_send(const request& req, CompletionToken&& token) {
        auto executor = inner_.get_executor();
        return boost::asio::async_compose<CompletionToken, void(transport_result)>(
            send_op{this, &req, {}, 0}, token, executor);
    }

    Inner& inner() noexcept { return inner_; }
    Observer& observer() noexcept { return observer_; }

private:
    struct send_op {
        observing_async_transport* owner;
        const request* req;
        std::chrono::steady_clock::time_point started;
        int attempt;

        template <class Self>
        void operator()(Self& self) {
            attempt = owner->attempts_.start(*req);
            started = std::chrono::steady_clock::now();
            owner->inner_.async_send(*req, std::move(self));
        }

        template <class Self>
        void operator()(Self& self, transport_result outcome) {
            owner->attempts_.finish(*req, outcome);
            if constexpr (detail::exchange_observer<Observer>)
                owner->observer_(*req, outcome);  // the recorder: sees the whole exchange, redacts it itself
            else
                owner->observer_(detail::make_record(*req, outcome, std::chrono::steady_clock::now() - started, attempt));
            self.complete(std::move(outcome));
        }
    };

    Inner inner_;
    Observer observer_;
    detail::attempt_counter attempts_;
};

/// The async logger: an observing_async_transport writing one line per send to `out`.
template <async_transport Inner>
observing_async_transport<Inner, log_sink> logging_async_transport(Inner inner, std::ostream& out) {
    return observing_async_transport<Inner, log_sink>(std::move(inner), log_sink{&out});
}

/// A reference to an async transport, itself an async transport.
template <async_transport Inner>
struct async_transport_ref {
    Inner* inner;
    auto get_executor() { return inner->get_executor(); }
    template <class CompletionToken>
    auto async_send(const request& req, CompletionToken&& token) {
        return inner->async_send(req, std::forward<CompletionToken>(token));
    }
};

/// The async recorder: every exchange of `inner` appended to `out` as one JSON line, as
/// recording_transport writes it (Authorization and `secret` members redacted).
template <async_transport Inner>
auto recording_async_transport(Inner inner, std::ostream& out, recording_options options = {}) {
    return observing_async_transport(std::move(inner), detail::async_recorder{&out, std::move(options)});
}

/// A replaying_transport for async code: the same recorded exchanges, each completed through
/// `executor` (never inline).
///
///     std::ifstream file("delete_token.jsonl");
///     restop::replaying_async_transport replay(io.get_executor(), file);
///     auto outcome = co_await restop::async_call(replay, op, token, boost::asio::use_awaitable);
template <class Executor>
class replaying_async_transport {
public:
    replaying_async_transport(Executor executor, std::istream& in) : executor_(std::move(executor)), replay_(in) {}

    Executor get_executor() const { return executor_; }

    template <class CompletionToken>
    auto async_send(const request& req, CompletionToken&& token) {
        return boost::asio::async_compose<CompletionToken, void(transport_result)>(
            send_op{this, &req, std::nullopt}, token, executor_);
    }

    std::size_t remaining() const noexcept { return replay_.remaining(); }

private:
    struct send_op {
        replaying_async_transport* owner;
        const request* req;
        std::optional<transport_result> outcome;

        template <class Self>
        void operator()(Self& self) {
            if (outcome) return self.complete(std::move(*outcome));
            outcome.emplace(owner->replay_.send(*req));
            auto executor = owner->executor_;
            boost::asio::post(executor, std::move(self));
        }
    };

    Executor executor_;
    replaying_transport replay_;
};

}  // namespace restop
