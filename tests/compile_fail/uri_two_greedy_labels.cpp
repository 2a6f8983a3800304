// Two greedy labels.
// expect: restop: the URI template has more than one greedy label
#include <restop/restop.hpp>

struct op {
    restop::string_param<restop::required> a;
    restop::string_param<restop::required> b;
    using description = restop::operation<restop::http_method::get, "/{a+}/x/{b+}", 200,
                                          restop::members<restop::http_label<"a", &op::a>, restop::http_label<"b", &op::b>>,
                                          restop::errors<>>;
};
static_assert(restop::is_valid_description<op>);
