// restop::pattern<"\xC3">: the parser stops where it finds the problem, with its own sentence.
// expect: the pattern is not valid UTF-8
#include <restop/restop.hpp>

using constrained = restop::string_param<restop::pattern<"\xC3">>;
constrained value;
