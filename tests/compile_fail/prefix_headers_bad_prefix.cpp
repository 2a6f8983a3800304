// An http_prefix_headers prefix with a space.
// expect: restop: an http_prefix_headers prefix begins header names
#include <map>
#include <string>

#include <restop/restop.hpp>

struct op {
    restop::string_param<restop::required> id;
    std::map<std::string, std::string> meta;
    using description = restop::operation<restop::http_method::get, "/x/{id}", 200, restop::members<restop::http_label<"id", &op::id>, restop::http_prefix_headers<"X Meta-", &op::meta>>, restop::errors<>>;
};
static_assert(restop::is_valid_description<op>);
