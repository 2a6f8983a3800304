#include <iostream>
#include <restop/restop.hpp>

// Your HTTP stack goes here: anything with send(request) -> transport_result is a transport.
struct my_transport {
    restop::transport_result send(const restop::request& req) {
        std::cout << req << '\n';  // the Authorization value prints as <redacted>
        return restop::response{200, {{"x-amzn-requestid", "req-1"}}, "{}"};
    }
};

int main() {
    namespace cc = restop::codecatalyst;
    const restop::bearer_token token("my-secret-pat");
    my_transport transport;
    auto outcome = restop::call(transport, cc::delete_access_token{.id = "a1b2c3d4-5678-90ab-cdef-EXAMPLEbbbbb"}, token);
    if (!outcome) {
        std::cerr << outcome.error() << '\n';  // e.g. ResourceNotFoundException (HTTP 404, client fault): ...
        return 1;
    }
    std::cout << "deleted, request id " << outcome->request_id << '\n';
}
