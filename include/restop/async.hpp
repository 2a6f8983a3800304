#pragma once
// restop/async.hpp: calls on an Asio event loop. The async transport concept, async_call,
// async_call_with_retries (the standard retry mode with its backoff on a steady_timer, never
// blocking a thread), a per-call deadline, per-operation cancellation, and an async paginator.
//
// Opt-in, like the transports: it needs Boost.Asio (header-only). Nothing in the core or the
// single header includes it. Every operation here works with any Asio completion token: a
// callback, boost::asio::use_future, boost::asio::use_awaitable, boost::asio::deferred.

#include <array>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <boost/asio/async_result.hpp>
#include <boost/asio/cancellation_type.hpp>
#include <boost/asio/compose.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include "restop/bearer_token.hpp"
#include "restop/call.hpp"
#include "restop/decode.hpp"
#include "restop/encode.hpp"
#include "restop/pagination.hpp"
#include "restop/reply.hpp"
#include "restop/retry.hpp"
#include "restop/transport.hpp"

namespace restop {

namespace detail {
// A completion handler of the transport's signature, to check the concept with.
struct async_send_probe {
    void operator()(transport_result) const {}
};
}  // namespace detail

/// Anything that sends a request asynchronously, Asio style: `get_executor()` and
/// `async_send(const request&, CompletionToken&&)` with the completion signature
/// `void(restop::transport_result)`. The request stays alive until the send completes.
///
///     struct my_async_transport {
///         boost::asio::any_io_executor get_executor();
///         template <class CompletionToken>
///         auto async_send(const restop::request& req, CompletionToken&& token);  // void(transport_result)
///     };
///     static_assert(restop::async_transport<my_async_transport>);
///
/// A transport should honour terminal cancellation through the handler's cancellation slot by
/// completing promptly with a transport_error of kind `cancelled`: that is how a deadline and
/// a caller's cancellation cut an attempt in flight. One that does not is waited for.
template <class T>
concept async_transport = requires(T& t, const request& req) {
    t.get_executor();
    t.async_send(req, detail::async_send_probe{});
};

namespace detail {

// Everything a call owns while it runs, on the heap: the transport receives a reference to the
// request, which must stay put while the composed operation moves from handler to handler.
template <class Transport>
struct async_call_state {
    using executor_type = decltype(std::declval<Transport&>().get_executor());

    async_call_state(Transport& t, const retry_options& retry)
        : transport(t), options(retry), schedule(retry, retry_schedule::clock::now()),
          backoff(t.get_executor()), deadline(t.get_executor()) {}

    Transport& transport;
    request req;
    std::optional<validation_error> refused;
    retry_options options;
    retry_schedule schedule;
    boost::asio::steady_timer backoff;
    boost::asio::steady_timer deadline;
};

inline transport_error cancelled_error() {
    return transport_error{transport_error_kind::cancelled, "the call was cancelled"};
}

// The composed operation behind async_call and async_call_with_retries: send, decode, decide
// through the shared retry_schedule, back off on a timer, send again.
template <class Op, class Transport, class Jitter>
struct async_call_op {
    enum class stage { start, finishing, running };

    std::unique_ptr<async_call_state<Transport>> state;
    Jitter jitter;
    stage at = stage::start;
    std::optional<result_of<Op>> early{};  // an outcome known before anything was sent

    // Start (and the posted second half of an early completion: never complete inline, as Asio
    // requires of an initiating function).
    template <class Self>
    void operator()(Self& self) {
        if (at == stage::finishing) return self.complete(std::move(*early));
        at = stage::running;
        async_call_state<Transport>& s = *state;
        // The deadline counts from the moment the operation starts, not from when it was made
        // (a deferred operation may be launched much later).
        s.schedule = retry_schedule(s.options, retry_schedule::clock::now());
        if (s.refused) return finish_early(self, failure(error_of<Op>(std::move(*s.refused))));
        send(self);
    }

    // The transport's answer, without a deadline to race.
    template <class Self>
    void operator()(Self& self, transport_result sent) {
        on_sent(self, std::move(sent), false);
    }

    // The transport's answer raced against the deadline timer: both have completed.
    template <class Self>
    void operator()(Self& self, std::array<std::size_t, 2> order, transport_result sent, boost::system::error_code timer) {
        const bool deadline_first = order[0] == 1 && !timer;
        on_sent(self, std::move(sent), deadline_first);
    }

    // The backoff timer.
    template <class Self>
    void operator()(Self& self, boost::system::error_code ec) {
        if (ec || self.cancelled() != boost::asio::cancellation_type::none)
            return self.complete(failure(error_of<Op>(cancelled_error())));
        send(self);
    }

private:
    template <class Self>
    void finish_early(Self& self, result_of<Op> outcome) {
        early.emplace(std::move(outcome));
        at = stage::finishing;
        auto executor = state->transport.get_executor();
        boost::asio::post(executor, std::move(self));
    }

    template <class Self>
    void send(Self& self) {
        async_call_state<Transport>& s = *state;
        if (s.schedule.expired(retry_schedule::clock::now())) {
            if (s.schedule.attempts() == 0) return finish_early(self, failure(error_of<Op>(s.schedule.deadline_error())));
            return self.complete(failure(error_of<Op>(s.schedule.deadline_error())));
        }
        if (const auto deadline = s.schedule.deadline()) {
            // Whichever ends first cancels the other; the group completes once both have.
            s.deadline.expires_at(*deadline);
            boost::asio::experimental::make_parallel_group(s.transport.async_send(s.req, boost::asio::deferred),
                                                           s.deadline.async_wait(boost::asio::deferred))
                .async_wait(boost::asio::experimental::wait_for_one(), std::move(self));
        } else {
            s.transport.async_send(static_cast<const request&>(s.req), std::move(self));
        }
    }

    template <class Self>
    void on_sent(Self& self, transport_result sent, bool deadline_first) {
        async_call_state<Transport>& s = *state;
        if (deadline_first) {
            // The attempt was cut at the deadline. An answer that slipped in just before the
            // cancellation is still the answer.
            if (!sent) {
                s.schedule.count_cut_attempt();
                return self.complete(failure(error_of<Op>(s.schedule.deadline_error())));
            }
        }
        if (self.cancelled() != boost::asio::cancellation_type::none ||
            (!sent && sent.error().kind == transport_error_kind::cancelled))
            return self.complete(failure(error_of<Op>(cancelled_error())));
        result_of<Op> outcome = sent ? decode<Op>(*sent) : result_of<Op>(failure(error_of<Op>(std::move(sent.error()))));
        const retry_decision next = s.schedule.after_attempt(outcome, jitter(), retry_schedule::clock::now());
        if (next.verdict == retry_verdict::finish) return self.complete(std::move(outcome));
        if (next.verdict == retry_verdict::deadline_passed)
            return self.complete(failure(error_of<Op>(s.schedule.deadline_error())));
        s.backoff.expires_after(next.delay);
        s.backoff.async_wait(std::move(self));
    }
};

template <class Op, class Transport, class Identity, class Jitter, class CompletionToken>
auto start_async_call(Transport& t, const Op& op, const Identity& token, const retry_options& retry,
                      const call_options& options, Jitter jitter, CompletionToken&& completion) {
    static_assert(!is_signing_identity<Identity>,
                  "restop: async calls do not sign with SigV4 yet; sign in your async transport and pass restop::anonymous, "
                  "or call restop::call");
    auto state = std::make_unique<async_call_state<Transport>>(t, retry);
    // Validated and encoded here, at once: the operation (often views into the caller's strings)
    // need not outlive this call, and refused input never reaches the transport.
    if (auto encoded = encode_into(state->req, op, token, encode_options{options.level}); !encoded)
        state->refused.emplace(std::move(encoded.error()));
    auto executor = t.get_executor();
    return boost::asio::async_compose<CompletionToken, void(result_of<Op>)>(
        async_call_op<Op, Transport, Jitter>{std::move(state), std::move(jitter)}, completion, executor);
}

}  // namespace detail

/// Validates, encodes, sends through an async transport and decodes, once. Completes with
/// `void(restop::result_of<Op>)`. Refused input completes with its validation error and nothing
/// is sent; the request is owned by the operation until the send completes. Terminal
/// cancellation through the completion handler's slot completes it with a transport_error of
/// kind `cancelled`.
///
///     auto outcome = co_await restop::async_call(t, cc::delete_access_token{.id = id}, token,
///                                                boost::asio::use_awaitable);
///     if (!outcome) std::cerr << outcome.error() << '\n';
template <class Op, async_transport Transport, call_identity Identity, class CompletionToken>
auto async_call(Transport& t, const Op& op, const Identity& token, CompletionToken&& completion) {
    return detail::start_async_call(t, op, token, retry_options{.max_attempts = 1}, call_options{}, jitter_source{},
                                    std::forward<CompletionToken>(completion));
}

/// async_call with the AWS standard retry mode: the same rules and options as
/// call_with_retries (one retry_schedule decides for both), the backoff on a steady_timer of
/// the transport's executor, never blocking a thread. `retry.deadline` bounds the whole call:
/// the attempt in flight is cancelled when it passes, and the call completes with a
/// transport_error of kind `deadline_exceeded`.
///
///     restop::async_call_with_retries(t, op, token, {.max_attempts = 5, .deadline = std::chrono::seconds(2)},
///                                     [](restop::result_of<cc::delete_access_token> outcome) { ... });
template <class Op, async_transport Transport, call_identity Identity, class CompletionToken>
auto async_call_with_retries(Transport& t, const Op& op, const Identity& token, const retry_options& retry,
                             CompletionToken&& completion) {
    return detail::start_async_call(t, op, token, retry, call_options{}, jitter_source{},
                                    std::forward<CompletionToken>(completion));
}

/// The same with call options and an injected jitter source (tests fix it for exact delays).
template <class Op, async_transport Transport, call_identity Identity, class Jitter, class CompletionToken>
auto async_call_with_retries(Transport& t, const Op& op, const Identity& token, const retry_options& retry,
                             const call_options& options, Jitter jitter, CompletionToken&& completion) {
    return detail::start_async_call(t, op, token, retry, options, std::move(jitter),
                                    std::forward<CompletionToken>(completion));
}

/// The pages of a paginated operation, fetched one at a time with `async_next`, each through
/// async_call_with_retries. `async_next` completes with `void(std::optional<result_of<Op>>)`:
/// a page (or an error page, after which the reader is done), or nullopt once there are no
/// more pages. It ends, like restop::pages, after a page without a next token, after an error,
/// or when the service hands back the token it was just given. The reader and the transport
/// must outlive each `async_next` (the reader keeps a copy of the identity); one `async_next` at
/// a time.
///
///     auto reader = restop::async_pages(t, cc::list_access_tokens{.max_results = 10}, token);
///     while (auto page = co_await reader.async_next(boost::asio::use_awaitable)) {
///         if (!*page) { report(page->error()); break; }
///         for (const auto& item : (*page)->output.items) std::cout << item.name << '\n';
///     }
template <class Op, async_transport Transport, call_identity Identity = bearer_token>
    requires detail::is_paginated<Op>
class async_page_reader {
    using pagination = typename Op::pagination;
    static_assert(!detail::is_signing_identity<Identity>,
                  "restop: async calls do not sign with SigV4 yet; sign in your async transport and pass restop::anonymous, "
                  "or call restop::call");

public:
    using page_type = result_of<Op>;

    // The identity is copied, like restop::pages does, so that a temporary one is safe.
    async_page_reader(Transport& t, Op first, Identity identity, retry_options retry = {})
        : transport_(&t), op_(std::move(first)), identity_(std::move(identity)), retry_(retry) {}

    async_page_reader(const async_page_reader&) = delete;  // the operation's token views token_storage_
    async_page_reader& operator=(const async_page_reader&) = delete;

    /// Whether the last page has been handed out.
    bool done() const noexcept { return done_; }

    /// Fetches the next page; completes with `void(std::optional<result_of<Op>>)`.
    template <class CompletionToken>
    auto async_next(CompletionToken&& completion) {
        auto executor = transport_->get_executor();
        return boost::asio::async_compose<CompletionToken, void(std::optional<page_type>)>(
            next_op{this, false}, completion, executor);
    }

private:
    struct next_op {
        async_page_reader* reader;
        bool posted;

        template <class Self>
        void operator()(Self& self) {
            if (reader->done_) {
                if (posted) return self.complete(std::optional<page_type>());
                posted = true;
                auto executor = reader->transport_->get_executor();
                return boost::asio::post(executor, std::move(self));
            }
            async_call_with_retries(*reader->transport_, reader->op_, reader->identity_, reader->retry_, std::move(self));
        }

        template <class Self>
        void operator()(Self& self, page_type page) {
            reader->advance(page);
            self.complete(std::optional<page_type>(std::move(page)));
        }
    };

    void advance(const page_type& page) {
        if (!page) {
            done_ = true;
            return;
        }
        const std::optional<std::string>& next = page->output.*pagination::output_token;
        if (!next || next->empty() || (has_token_ && *next == token_storage_)) {
            done_ = true;
            return;
        }
        token_storage_ = *next;
        has_token_ = true;
        op_.*pagination::input_token = std::string_view(token_storage_);
    }

    Transport* transport_;
    Op op_;
    Identity identity_;
    retry_options retry_;
    std::string token_storage_;
    bool has_token_ = false;
    bool done_ = false;
};

/// A reader over the pages of `first`; see async_page_reader.
template <class Op, async_transport Transport, call_identity Identity>
    requires detail::is_paginated<Op>
async_page_reader<Op, Transport, Identity> async_pages(Transport& t, Op first, const Identity& token, retry_options retry = {}) {
    return async_page_reader<Op, Transport, Identity>(t, std::move(first), token, retry);
}

}  // namespace restop
