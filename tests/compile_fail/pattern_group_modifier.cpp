// restop::pattern<"(?i)a">: the parser stops where it finds the problem, with its own sentence.
// expect: the pattern uses a construct restop does not support: group modifier
#include <restop/restop.hpp>

using constrained = restop::string_param<restop::pattern<"(?i)a">>;
constrained value;
