// An output struct without its `fields` description.
// expect: restop::operation: the output must be restop::empty_output or a struct with a nested `fields` description
#include <restop/restop.hpp>

struct output {
    int count = 0;
};
struct op {
    restop::string_param<restop::required> id;
    using description = restop::operation<restop::http_method::get, "/x/{id}", 200, restop::members<restop::http_label<"id", &op::id>>, restop::errors<>, output>;
};
static_assert(restop::is_valid_description<op>);
