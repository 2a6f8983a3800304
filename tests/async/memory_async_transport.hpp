#pragma once
// An in-memory restop::async_transport for unit tests: answers from a script, each after an
// optional delay on a steady_timer, or never (until cancelled). It honours terminal
// cancellation through the handler's slot, as a real transport must.

#include <chrono>
#include <cstddef>
#include <deque>
#include <list>
#include <optional>
#include <utility>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/compose.hpp>
#include <boost/asio/steady_timer.hpp>

#include <restop/async.hpp>

namespace restop_test {

struct scripted_answer {
    std::optional<restop::transport_result> answer;  ///< nullopt: never answers; only cancellation ends it
    std::chrono::milliseconds delay{0};
};

inline scripted_answer answer(int status, std::string body = "{}", restop::header_list headers = {}) {
    return {restop::transport_result(restop::response{status, std::move(headers), std::move(body)}), {}};
}
inline scripted_answer hang() { return {std::nullopt, {}}; }

class memory_async_transport {
public:
    using executor_type = boost::asio::any_io_executor;

    explicit memory_async_transport(executor_type executor, std::vector<scripted_answer> script = {})
        : executor_(std::move(executor)), script_(script.begin(), script.end()) {}

    executor_type get_executor() const { return executor_; }

    template <class CompletionToken>
    auto async_send(const restop::request& req, CompletionToken&& token) {
        return boost::asio::async_compose<CompletionToken, void(restop::transport_result)>(send_op{this, &req, {}, nullptr},
                                                                                          token, executor_);
    }

    std::vector<restop::request> sent;  ///< every request, copied when its send started
    int cancelled = 0;                  ///< sends ended by cancellation
    int in_flight = 0;                  ///< sends started and not yet completed

private:
    struct send_op {
        memory_async_transport* transport;
        const restop::request* req;
        std::optional<restop::transport_result> answer;
        boost::asio::steady_timer* timer;

        template <class Self>
        void operator()(Self& self) {
            memory_async_transport& t = *transport;
            t.sent.push_back(*req);
            ++t.in_flight;
            scripted_answer next = answer_for_empty_script();
            if (!t.script_.empty()) {
                next = std::move(t.script_.front());
                t.script_.pop_front();
            }
            answer = std::move(next.answer);
            // Timers live in the transport, so that none is destroyed inside its own handler.
            timer = &t.timers_.emplace_back(t.executor_);
            if (answer)
                timer->expires_after(next.delay);
            else
                timer->expires_at(boost::asio::steady_timer::time_point::max());
            timer->async_wait(std::move(self));
        }

        template <class Self>
        void operator()(Self& self, boost::system::error_code ec) {
            --transport->in_flight;
            if (ec || !answer) {
                ++transport->cancelled;
                return self.complete(restop::failure(
                    restop::transport_error{restop::transport_error_kind::cancelled, "memory transport: cancelled"}));
            }
            self.complete(std::move(*answer));
        }

        static scripted_answer answer_for_empty_script() {
            return {restop::transport_result(restop::response{500, {}, "the script has run out"}), {}};
        }
    };

    executor_type executor_;
    std::deque<scripted_answer> script_;
    std::list<boost::asio::steady_timer> timers_;
};

static_assert(restop::async_transport<memory_async_transport>);

}  // namespace restop_test
