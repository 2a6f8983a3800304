// A map bound to a single http_query name.
// expect: restop: an http_query member must be a scalar
#include <map>
#include <string>

#include <restop/restop.hpp>

struct op {
    restop::string_param<restop::required> id;
    std::map<std::string, std::string> q;
    using description = restop::operation<restop::http_method::get, "/x/{id}", 200, restop::members<restop::http_label<"id", &op::id>, restop::http_query<"q", &op::q>>, restop::errors<>>;
};
static_assert(restop::is_valid_description<op>);
