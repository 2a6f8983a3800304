// expect: this operation's service does not take a bearer token \(see its `service::auth`\); call it with restop::anonymous, or through a signing transport
#include <restop/restop.hpp>

struct signed_service {
    using auth = restop::sigv4_auth<"lambda">;
};
struct list_functions {
    using description = restop::operation<restop::http_method::get, "/functions", 200, restop::members<>, restop::errors<>>;
    using service = signed_service;
};
int main() { return restop::encode(list_functions{}, restop::bearer_token("t")) ? 0 : 1; }
