// restop::pattern<"(a)\\1">: the parser stops where it finds the problem, with its own sentence.
// expect: the pattern uses a construct restop does not support: backreference
#include <restop/restop.hpp>

using constrained = restop::string_param<restop::pattern<"(a)\\1">>;
constrained value;
