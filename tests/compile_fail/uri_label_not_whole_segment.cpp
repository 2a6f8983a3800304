// A label that shares its path segment with literal text.
// expect: restop: a URI label must fill a whole path segment
#include <restop/restop.hpp>

struct op {
    restop::string_param<restop::required> id;
    using description = restop::operation<restop::http_method::get, "/x/v{id}", 200, restop::members<restop::http_label<"id", &op::id>>, restop::errors<>>;
};
static_assert(restop::is_valid_description<op>);
