// restop::pattern<"^[a-z+$">: the parser stops where it finds the problem, with its own sentence.
// expect: the pattern has an unterminated character class
#include <restop/restop.hpp>

using constrained = restop::string_param<restop::pattern<"^[a-z+$">>;
constrained value;
