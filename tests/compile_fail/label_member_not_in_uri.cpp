// A label member whose name the URI template does not contain.
// expect: an http_label member names a label that the URI template does not contain
// expect: spelled<'i', 'd'>
#include <restop/restop.hpp>

struct delete_thing {
    restop::string_param<restop::required> id;
    using description = restop::operation<restop::http_method::delete_, "/things", 200,
                                          restop::members<restop::http_label<"id", &delete_thing::id>>, restop::errors<>>;
};
static_assert(restop::is_valid_description<delete_thing>);
