// restop::pattern<"\\p{L}">: the parser stops where it finds the problem, with its own sentence.
// expect: the pattern uses a construct restop does not support: Unicode property escape
#include <restop/restop.hpp>

using constrained = restop::string_param<restop::pattern<"\\p{L}">>;
constrained value;
