// A success status outside 2xx.
// expect: restop::operation: the success status must be 2xx
#include <restop/restop.hpp>

struct op {
    restop::string_param<restop::required> id;
    using description = restop::operation<restop::http_method::get, "/x/{id}", 404, restop::members<restop::http_label<"id", &op::id>>, restop::errors<>>;
};
static_assert(restop::is_valid_description<op>);
