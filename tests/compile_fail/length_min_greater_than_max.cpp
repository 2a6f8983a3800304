// expect: restop::length: the minimum is greater than the maximum, so no value can satisfy it
#include <restop/restop.hpp>

using impossible = restop::string_param<restop::length<5, 1>>;
impossible value;
