// A temporary transport: it would be gone before a second call could reuse its connections.
// expect: restop: the transport is a temporary
#include <restop/restop.hpp>

namespace cc = restop::codecatalyst;
const restop::bearer_token token("t");
struct my_transport {
    restop::transport_result send(const restop::request&) { return restop::response{200, {}, "{}"}; }
};

void f() { restop::call(my_transport{}, cc::delete_access_token{.id = "a"}, token); }
