// restop::pattern<"(?<=a)b">: the parser stops where it finds the problem, with its own sentence.
// expect: the pattern uses a construct restop does not support: lookbehind
#include <restop/restop.hpp>

using constrained = restop::string_param<restop::pattern<"(?<=a)b">>;
constrained value;
