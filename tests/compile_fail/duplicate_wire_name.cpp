// Header names compare case-insensitively, so these two collide.
// expect: two members share one wire name in the same location
// expect: spelled<'X', '-', 'I', 'd'>
#include <restop/restop.hpp>

struct get_thing {
    restop::string_param<> a;
    restop::string_param<> b;
    using description = restop::operation<restop::http_method::get, "/things", 200,
                                          restop::members<restop::http_header<"X-Id", &get_thing::a>,
                                                          restop::http_header<"x-id", &get_thing::b>>,
                                          restop::errors<>>;
};
static_assert(restop::is_valid_description<get_thing>);
