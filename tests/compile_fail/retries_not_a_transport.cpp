// call_with_retries with a type that is not a transport.
// expect: restop: this type is not a transport: it needs a member
#include <restop/restop.hpp>

namespace cc = restop::codecatalyst;
const restop::bearer_token token("t");
void f(int& t) { restop::call_with_retries(t, cc::delete_access_token{.id = "a"}, token); }
