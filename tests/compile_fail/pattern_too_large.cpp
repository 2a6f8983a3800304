// restop::pattern<"(?:abc){200}">: the parser stops where it finds the problem, with its own sentence.
// expect: the pattern is too large to compile
#include <restop/restop.hpp>

using constrained = restop::string_param<restop::pattern<"(?:abc){200}">>;
constrained value;
