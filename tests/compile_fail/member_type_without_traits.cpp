// expect: this member's type has no restop::value_traits specialisation, so restop cannot carry it
// expect: spelled<'w', 'h', 'e', 'r', 'e'>
#include <restop/restop.hpp>

struct point { int x = 0, y = 0; };  // no `fields`, no value_traits
struct get_thing {
    point where{};
    using description = restop::operation<restop::http_method::post, "/things", 200,
                                          restop::members<restop::json_field<"where", &get_thing::where>>, restop::errors<>>;
};
static_assert(restop::is_valid_description<get_thing>);
