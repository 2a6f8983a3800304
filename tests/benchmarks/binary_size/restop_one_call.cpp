// One DeleteAccessToken call with restop and its curl transport, for tools/binary_size.sh: the
// stripped size of this program is set against hand_one_call.cpp, the same program written by
// hand. Both print the same line for the same response.
//
//   restop_one_call ENDPOINT ID TOKEN_FILE
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include <restop/codecatalyst/delete_access_token.hpp>
#include <restop/core.hpp>
#include <restop/transports/curl.hpp>

int main(int argc, char** argv) {
    if (argc != 4) return std::fprintf(stderr, "usage: %s ENDPOINT ID TOKEN_FILE\n", argv[0]), 2;
    std::ifstream file(argv[3]);
    std::string secret((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
    const restop::bearer_token token(std::move(secret));

    restop::transports::transport_options options;
    options.endpoint = argv[1];
    restop::transports::curl_transport transport(options);
    auto outcome = restop::call(transport, restop::codecatalyst::delete_access_token{.id = argv[2]}, token);
    if (outcome) return std::printf("ok\n"), 0;
    const auto& error = outcome.error();
    if (error.kind() == restop::error_kind::transport || error.kind() == restop::error_kind::validation)
        return std::printf("failed %.*s\n", static_cast<int>(error.name().size()), error.name().data()), 1;
    const std::string message = error.message();
    std::printf("error %d %.*s: %s\n", error.status(), static_cast<int>(error.name().size()), error.name().data(), message.c_str());
    return 1;
}
