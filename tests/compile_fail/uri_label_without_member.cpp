// A URI label that no member binds.
// expect: the URI template has a label that no http_label member binds
// expect: spelled<'i', 'd', 'x'>
#include <restop/restop.hpp>

struct delete_thing {
    restop::string_param<restop::required> id;
    using description = restop::operation<restop::http_method::delete_, "/things/{idx}", 200,
                                          restop::members<restop::http_label<"id", &delete_thing::id>>, restop::errors<>>;
};
static_assert(restop::is_valid_description<delete_thing>);
