// A label in the query part of a URI template.
// expect: restop: labels belong in the path
#include <restop/restop.hpp>

struct op {
    restop::string_param<restop::required> id;
    using description = restop::operation<restop::http_method::get, "/x?id={id}", 200, restop::members<restop::http_query<"id", &op::id>>, restop::errors<>>;
};
static_assert(restop::is_valid_description<op>);
