// A URI label whose name is not an identifier.
// expect: restop: a URI label name must be an identifier
#include <restop/restop.hpp>

struct op {
    restop::string_param<restop::required> id;
    using description = restop::operation<restop::http_method::get, "/x/{1d}", 200, restop::members<restop::http_label<"id", &op::id>>, restop::errors<>>;
};
static_assert(restop::is_valid_description<op>);
