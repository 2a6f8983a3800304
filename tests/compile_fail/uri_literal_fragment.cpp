// A fragment ('#') in a URI template: it never reaches the server.
// expect: restop: the URI template holds a character RFC 3986 does not allow in a path or query
#include <restop/restop.hpp>

struct op {
    restop::string_param<restop::required> id;
    using description = restop::operation<restop::http_method::get, "/x/{id}/page#top", 200, restop::members<restop::http_label<"id", &op::id>>, restop::errors<>>;
};
static_assert(restop::is_valid_description<op>);
