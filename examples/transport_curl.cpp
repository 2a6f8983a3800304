#include <cstdlib>
#include <iostream>
#include <restop/restop.hpp>
#include <restop/transports/curl.hpp>

int main(int argc, char** argv) {  // transport_curl ENDPOINT ID, token in $CODECATALYST_TOKEN
    if (argc != 3) return 2;
    restop::transports::transport_options options;
    options.endpoint = argv[1];  // e.g. https://codecatalyst.global.api.aws
    restop::transports::curl_transport transport(options);
    const char* secret = std::getenv("CODECATALYST_TOKEN");
    const restop::bearer_token token(secret ? secret : "");
    auto outcome = restop::call(transport, restop::codecatalyst::delete_access_token{.id = argv[2]}, token);
    if (!outcome) return std::cerr << outcome.error() << '\n', 1;
    std::cout << "deleted, request id " << outcome->request_id << '\n';
}
