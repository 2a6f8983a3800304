// restop::items with a type that is not a transport.
// expect: restop: this type is not a transport: it needs a member
#include <restop/restop.hpp>

namespace cc = restop::codecatalyst;
const restop::bearer_token token("t");
struct not_a_transport {};

void f(not_a_transport& t) { restop::items(t, cc::list_access_tokens{}, token); }
