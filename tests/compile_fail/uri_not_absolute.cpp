// A URI template without its leading '/'.
// expect: restop: the URI template must start with
#include <restop/restop.hpp>

struct op {
    restop::string_param<restop::required> id;
    using description = restop::operation<restop::http_method::get, "x/{id}", 200, restop::members<restop::http_label<"id", &op::id>>, restop::errors<>>;
};
static_assert(restop::is_valid_description<op>);
