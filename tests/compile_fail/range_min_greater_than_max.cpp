// expect: restop::range: the minimum is greater than the maximum, so no value can satisfy it
#include <restop/restop.hpp>

using impossible = restop::integer_param<int, restop::range<10, 1>>;
impossible value;
