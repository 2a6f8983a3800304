// A consumer's program: it includes restop the way the consumer's build provides it and encodes
// one request, printing its first line.
#include <iostream>

#include <restop/restop.hpp>

int main() {
    const restop::bearer_token token("consumer-test-token");
    auto request = restop::encode(restop::codecatalyst::delete_access_token{.id = "a1b2c3d4-5678-90ab-cdef-EXAMPLEbbbbb"}, token);
    if (!request) return 1;
    std::cout << to_string(request->method) << ' ' << request->target << '\n';
    return 0;
}
