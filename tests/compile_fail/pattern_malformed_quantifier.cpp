// restop::pattern<"a{x}">: the parser stops where it finds the problem, with its own sentence.
// expect: the pattern has a malformed {n,m} quantifier
#include <restop/restop.hpp>

using constrained = restop::string_param<restop::pattern<"a{x}">>;
constrained value;
