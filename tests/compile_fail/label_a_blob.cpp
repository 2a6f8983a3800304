// A blob bound to a URI label.
// expect: restop: an http_label member must be a string, a number, a boolean, a timestamp or an enum
#include <restop/restop.hpp>

struct op {
    restop::string_param<restop::required> id;
    restop::blob data;
    using description = restop::operation<restop::http_method::get, "/x/{id}/{data}", 200, restop::members<restop::http_label<"id", &op::id>, restop::http_label<"data", &op::data, restop::required>>, restop::errors<>>;
};
static_assert(restop::is_valid_description<op>);
