// A structure bound to a header.
// expect: restop: an http_header member must be a scalar
#include <restop/restop.hpp>

struct point {
    int x = 0;
    using fields = restop::fields<restop::json_field<"x", &point::x>>;
};
struct op {
    restop::string_param<restop::required> id;
    point where;
    using description = restop::operation<restop::http_method::get, "/x/{id}", 200, restop::members<restop::http_label<"id", &op::id>, restop::http_header<"X-Point", &op::where>>, restop::errors<>>;
};
static_assert(restop::is_valid_description<op>);
