// restop::range on a string_param.
// expect: restop::string_param accepts only restop::required, restop::length and restop::pattern constraints
#include <restop/restop.hpp>

restop::string_param<restop::range<1, 5>> value;
