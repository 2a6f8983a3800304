// A send() that returns something other than a transport_result.
// expect: restop: this type's send\(const restop::request&\) does not return a restop::transport_result
#include <restop/restop.hpp>

namespace cc = restop::codecatalyst;
const restop::bearer_token token("t");
struct wrong_send {
    void send(const restop::request&) {}
};

void f(wrong_send& t) { restop::call(t, cc::delete_access_token{.id = "a"}, token); }
