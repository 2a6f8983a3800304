// Two error shapes with one wire name.
// expect: restop: two error shapes share one wire name
#include <restop/restop.hpp>

struct a : restop::error_shape<"Same", 400, restop::fault::client> {};
struct b : restop::error_shape<"Same", 404, restop::fault::client> {};
struct op {
    restop::string_param<restop::required> id;
    using description = restop::operation<restop::http_method::get, "/x/{id}", 200, restop::members<restop::http_label<"id", &op::id>>, restop::errors<a, b>>;
};
static_assert(restop::is_valid_description<op>);
