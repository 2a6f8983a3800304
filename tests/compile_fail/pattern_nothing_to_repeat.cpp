// restop::pattern<"^*a">: the parser stops where it finds the problem, with its own sentence.
// expect: the pattern has a quantifier with nothing to repeat
#include <restop/restop.hpp>

using constrained = restop::string_param<restop::pattern<"^*a">>;
constrained value;
