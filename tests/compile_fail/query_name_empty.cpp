// An http_query member without a name.
// expect: restop: an http_query member needs a non-empty name
#include <restop/restop.hpp>

struct op {
    restop::string_param<restop::required> id;
    restop::string_param<> filter;
    using description = restop::operation<restop::http_method::get, "/x/{id}", 200, restop::members<restop::http_label<"id", &op::id>, restop::http_query<"", &op::filter>>, restop::errors<>>;
};
static_assert(restop::is_valid_description<op>);
