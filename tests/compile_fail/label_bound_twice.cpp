// Two http_label members for one URI label.
// expect: restop: two http_label members bind the same URI label
#include <restop/restop.hpp>

struct op {
    restop::string_param<restop::required> id;
    restop::string_param<restop::required> other;
    using description = restop::operation<restop::http_method::get, "/x/{id}", 200, restop::members<restop::http_label<"id", &op::id>, restop::http_label<"id", &op::other>>, restop::errors<>>;
};
static_assert(restop::is_valid_description<op>);
