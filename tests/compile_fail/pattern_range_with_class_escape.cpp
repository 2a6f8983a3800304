// restop::pattern<"[a-\\d]">: the parser stops where it finds the problem, with its own sentence.
// expect: the pattern has a character class range with a class escape as an end
#include <restop/restop.hpp>

using constrained = restop::string_param<restop::pattern<"[a-\\d]">>;
constrained value;
