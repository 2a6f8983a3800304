// restop::pattern<"a{3,1}">: the parser stops where it finds the problem, with its own sentence.
// expect: the pattern has a {n,m} quantifier whose minimum exceeds its maximum
#include <restop/restop.hpp>

using constrained = restop::string_param<restop::pattern<"a{3,1}">>;
constrained value;
