// A const transport: send() may change the transport, so call() takes it non-const.
// expect: restop: the transport is const, but sending may change it
#include <restop/restop.hpp>

namespace cc = restop::codecatalyst;
const restop::bearer_token token("t");
struct my_transport {
    restop::transport_result send(const restop::request&) { return restop::response{200, {}, "{}"}; }
};

void f(const my_transport& t) { restop::call(t, cc::delete_access_token{.id = "a"}, token); }
