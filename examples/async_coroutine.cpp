#include <boost/asio.hpp>
#include <cstdlib>
#include <iostream>
#include <restop/async.hpp>
#include <restop/restop.hpp>
#include <restop/transports/beast_async.hpp>
namespace asio = boost::asio;

int main(int argc, char** argv) {  // async_coroutine ENDPOINT ID, token in $CODECATALYST_TOKEN
    if (argc != 3) return 2;
    asio::io_context io;
    restop::transports::transport_options options;
    options.endpoint = argv[1];
    restop::transports::beast_async_transport transport(io.get_executor(), options);
    const char* secret = std::getenv("CODECATALYST_TOKEN");
    const restop::bearer_token token(secret ? secret : "");
    int status = 1;
    asio::co_spawn(io, [&]() -> asio::awaitable<void> {
        auto outcome = co_await restop::async_call_with_retries(transport, restop::codecatalyst::delete_access_token{.id = argv[2]},
                                                                token, {.deadline = std::chrono::seconds(5)}, asio::use_awaitable);
        if (!outcome) std::cerr << outcome.error() << '\n';
        else std::cout << "deleted, request id " << outcome->request_id << '\n', status = 0;
    }, asio::detached);
    io.run();
    return status;
}
