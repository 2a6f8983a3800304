// restop::pattern<"(a)\\k<n>">: the parser stops where it finds the problem, with its own sentence.
// expect: the pattern uses a construct restop does not support: named backreference
#include <restop/restop.hpp>

using constrained = restop::string_param<restop::pattern<"(a)\\k<n>">>;
constrained value;
