// A pointer to a transport where the transport itself belongs.
// expect: restop: this is a pointer; pass the transport itself
#include <restop/restop.hpp>

struct my_transport {
    restop::transport_result send(const restop::request&) { return restop::response{200, {}, "{}"}; }
};
const restop::bearer_token token("t");

void f(my_transport* t) { restop::call(t, restop::codecatalyst::delete_access_token{.id = "a"}, token); }
