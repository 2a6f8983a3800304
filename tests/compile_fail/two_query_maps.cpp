// Two http_query_params members.
// expect: restop: at most one member can be http_query_params
#include <map>
#include <string>

#include <restop/restop.hpp>

struct op {
    restop::string_param<restop::required> id;
    std::map<std::string, std::string> a;
    std::map<std::string, std::string> b;
    using description = restop::operation<restop::http_method::get, "/x/{id}", 200, restop::members<restop::http_label<"id", &op::id>, restop::http_query_params<&op::a>, restop::http_query_params<&op::b>>, restop::errors<>>;
};
static_assert(restop::is_valid_description<op>);
