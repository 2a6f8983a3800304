// A member bound to Content-Length, which the transport computes.
// expect: restop: an http_header member cannot be Host, Content-Length, Transfer-Encoding or Connection
#include <restop/restop.hpp>

struct op {
    restop::string_param<restop::required> id;
    restop::string_param<> size;
    using description = restop::operation<restop::http_method::get, "/x/{id}", 200, restop::members<restop::http_label<"id", &op::id>, restop::http_header<"content-length", &op::size>>, restop::errors<>>;
};
static_assert(restop::is_valid_description<op>);
