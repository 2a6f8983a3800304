// restop::pattern<"abc\\">: the parser stops where it finds the problem, with its own sentence.
// expect: the pattern ends with a lone backslash
#include <restop/restop.hpp>

using constrained = restop::string_param<restop::pattern<"abc\\">>;
constrained value;
