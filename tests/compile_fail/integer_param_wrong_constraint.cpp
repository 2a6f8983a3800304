// restop::length on an integer_param.
// expect: restop::integer_param accepts only restop::required and restop::range constraints
#include <restop/restop.hpp>

restop::integer_param<int, restop::length<1, 5>> value;
