// restop::pattern<"a{100000}">: the parser stops where it finds the problem, with its own sentence.
// expect: the pattern has a repetition count that is too large
#include <restop/restop.hpp>

using constrained = restop::string_param<restop::pattern<"a{100000}">>;
constrained value;
