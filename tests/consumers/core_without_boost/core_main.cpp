// Another SDK's use of restop::core: a description checked at compile time and a request encoded,
// with the standard library alone (run_consumer.cmake fails the build if a Boost header is read).
#include <iostream>

#include <restop/codecatalyst/delete_access_token.hpp>
#include <restop/encode.hpp>

static_assert(restop::is_valid_description<restop::codecatalyst::delete_access_token>);

int main() {
    const restop::bearer_token token("consumer-test-token");
    auto request = restop::encode(restop::codecatalyst::delete_access_token{.id = "a1b2c3d4-5678-90ab-cdef-EXAMPLEbbbbb"}, token);
    if (!request) return 1;
    std::cout << to_string(request->method) << ' ' << request->target << '\n';
    return 0;
}
