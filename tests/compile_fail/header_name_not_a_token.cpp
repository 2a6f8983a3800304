// A header name with a space: RFC 9110 field names are tokens.
// expect: restop: an http_header name must be an RFC 9110 token
#include <restop/restop.hpp>

struct op {
    restop::string_param<restop::required> id;
    restop::string_param<> trace;
    using description = restop::operation<restop::http_method::get, "/x/{id}", 200, restop::members<restop::http_label<"id", &op::id>, restop::http_header<"X Trace", &op::trace>>, restop::errors<>>;
};
static_assert(restop::is_valid_description<op>);
