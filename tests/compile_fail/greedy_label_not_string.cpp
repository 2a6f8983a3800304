// expect: a greedy label \{name\+\} must be bound to a string member
#include <restop/restop.hpp>

struct get_thing {
    restop::integer_param<int, restop::required> n;
    using description = restop::operation<restop::http_method::get, "/things/{n+}", 200,
                                          restop::members<restop::http_label<"n", &get_thing::n>>, restop::errors<>>;
};
static_assert(restop::is_valid_description<get_thing>);
