// expect: the URI template has an unbalanced '{' or '}'
#include <restop/restop.hpp>

struct get_thing {
    restop::string_param<restop::required> id;
    using description = restop::operation<restop::http_method::get, "/things/{id", 200,
                                          restop::members<restop::http_label<"id", &get_thing::id>>, restop::errors<>>;
};
static_assert(restop::is_valid_description<get_thing>);
