#include <cstdlib>
#include <iostream>
#include <restop/auth/sigv4.hpp>
#include <restop/restop.hpp>

// Your HTTP stack, as in the usage example: it receives each request already signed.
struct my_transport {
    restop::transport_result send(const restop::request& req) {
        std::cout << req << '\n';  // Authorization and X-Amz-Security-Token print as <redacted>
        return restop::response{200, {{"x-amzn-requestid", "req-1"}}, "{}"};
    }
};

int main() {
    auto credentials = restop::aws_credentials::make(std::getenv("AWS_ACCESS_KEY_ID"),
                                                     std::getenv("AWS_SECRET_ACCESS_KEY"), std::getenv("AWS_SESSION_TOKEN"));
    if (!credentials) return std::cerr << credentials.error() << '\n', 1;  // names the credential, never its value
    restop::sigv4_signing_transport signing(my_transport{}, "https://codecatalyst.global.api.aws",
                                            restop::sigv4_signer(*credentials, "us-west-2", "codecatalyst"));
    // Until the service's auth seam lands, call() takes a bearer token; the signer replaces its header.
    auto outcome = restop::call(signing, restop::codecatalyst::delete_access_token{.id = "a1b2c3d4"},
                                restop::bearer_token("unused"));
    if (!outcome) return std::cerr << outcome.error() << '\n', 1;
    std::cout << "deleted, request id " << outcome->request_id << '\n';
}
