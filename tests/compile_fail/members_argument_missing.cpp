// The members list left out: the errors are in its place.
// expect: restop::operation: the fourth argument must be restop::members<...> and the fifth restop::errors<...>
#include <restop/restop.hpp>

struct op {
    using description = restop::operation<restop::http_method::get, "/x", 200, restop::errors<>, restop::errors<>>;
};
op::description d;
