// An integer_param of double.
// expect: restop::integer_param needs an integer type
#include <restop/restop.hpp>

restop::integer_param<double> value;
