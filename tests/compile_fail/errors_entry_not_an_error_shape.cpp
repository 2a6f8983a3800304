// An entry of restop::errors<...> that is not an error shape.
// expect: restop::operation: every entry of restop::errors<...> must derive from restop::error_shape
#include <restop/restop.hpp>

struct op {
    restop::string_param<restop::required> id;
    using description = restop::operation<restop::http_method::get, "/x/{id}", 200, restop::members<restop::http_label<"id", &op::id>>, restop::errors<int>>;
};
static_assert(restop::is_valid_description<op>);
