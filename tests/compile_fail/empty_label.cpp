// expect: the URI template has an empty label '{}'
#include <restop/restop.hpp>

struct get_thing {
    using description = restop::operation<restop::http_method::get, "/things/{}", 200, restop::members<>, restop::errors<>>;
};
static_assert(restop::is_valid_description<get_thing>);
