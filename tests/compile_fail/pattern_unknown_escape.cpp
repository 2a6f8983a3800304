// restop::pattern<"\\q">: the parser stops where it finds the problem, with its own sentence.
// expect: the pattern uses an unknown escape sequence
#include <restop/restop.hpp>

using constrained = restop::string_param<restop::pattern<"\\q">>;
constrained value;
