// expect: restop::pattern: the regular expression is malformed or uses a construct restop does not support
#include <restop/restop.hpp>

using broken = restop::string_param<restop::pattern<"^[a-z+$">>;
broken value;
