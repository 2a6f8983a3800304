// Two restop::length constraints on one string_param.
// expect: restop::string_param takes at most one restop::length constraint
#include <restop/restop.hpp>

restop::string_param<restop::length<1, 5>, restop::length<2, 3>> value;
