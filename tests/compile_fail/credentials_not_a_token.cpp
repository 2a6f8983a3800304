// The token as a string literal instead of a restop::bearer_token (which keeps it out of logs).
// expect: restop: a call's credentials must be a restop::bearer_token \(which keeps the secret out of logs\) or restop::anonymous, not text
#include <restop/restop.hpp>

namespace cc = restop::codecatalyst;
struct my_transport {
    restop::transport_result send(const restop::request&) { return restop::response{200, {}, "{}"}; }
};

void f(my_transport& t) { restop::call(t, cc::delete_access_token{.id = "a"}, "secret"); }
