// restop::pattern<"[z-a]">: the parser stops where it finds the problem, with its own sentence.
// expect: the pattern has a character class range out of order
#include <restop/restop.hpp>

using constrained = restop::string_param<restop::pattern<"[z-a]">>;
constrained value;
