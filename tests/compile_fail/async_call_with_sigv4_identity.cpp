// expect: async calls do not sign with SigV4 yet; sign in your async transport and pass restop::anonymous, or call restop::call
#include <boost/asio/io_context.hpp>
#include <restop/async.hpp>
#include <restop/auth/sigv4.hpp>
#include <restop/restop.hpp>

namespace {
struct signing_service {
    using auth = restop::sigv4_auth<"widgets">;
};
struct list_widgets {
    using description = restop::operation<restop::http_method::get, "/widgets", 200, restop::members<>, restop::errors<>>;
    using service = signing_service;
};
struct async_loopback {
    boost::asio::io_context::executor_type executor;
    boost::asio::io_context::executor_type get_executor() const { return executor; }
    template <class CompletionToken>
    void async_send(const restop::request&, CompletionToken&& token) {
        std::move(token)(restop::transport_result(restop::response{200, {}, ""}));
    }
};
}  // namespace

int main() {
    boost::asio::io_context io;
    async_loopback t{io.get_executor()};
    auto credentials = restop::aws_credentials::make("AKID", "secret");
    restop::async_call(t, list_widgets{}, restop::sigv4_identity{*credentials, "us-west-2"},
                       [](restop::result_of<list_widgets>) {});
}
