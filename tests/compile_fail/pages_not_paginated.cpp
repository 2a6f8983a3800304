// restop::pages over an operation that is not paginated.
// expect: restop: restop::pages and restop::items need a paginated operation
#include <restop/restop.hpp>

namespace cc = restop::codecatalyst;
const restop::bearer_token token("t");
struct my_transport {
    restop::transport_result send(const restop::request&) { return restop::response{200, {}, "{}"}; }
};

void f(my_transport& t) { restop::pages(t, cc::delete_access_token{.id = "a"}, token); }
