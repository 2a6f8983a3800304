// A JSON member name that is not UTF-8.
// expect: restop: a member's wire name must be valid UTF-8
#include <restop/restop.hpp>

struct op {
    restop::string_param<restop::required> id;
    restop::string_param<> name;
    using description = restop::operation<restop::http_method::post, "/x/{id}", 200, restop::members<restop::http_label<"id", &op::id>, restop::json_field<"caf\xE9", &op::name>>, restop::errors<>>;
};
static_assert(restop::is_valid_description<op>);
