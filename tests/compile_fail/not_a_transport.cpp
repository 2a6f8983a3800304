// A type without send(const restop::request&) passed to restop::call.
// expect: restop: this type is not a transport: it needs a member
#include <restop/restop.hpp>

namespace cc = restop::codecatalyst;
const restop::bearer_token token("t");
struct not_a_transport {};

void f(not_a_transport& t) { restop::call(t, cc::delete_access_token{.id = "a"}, token); }
