// restop::pattern<"\\x4">: the parser stops where it finds the problem, with its own sentence.
// expect: the pattern has a malformed hexadecimal escape
#include <restop/restop.hpp>

using constrained = restop::string_param<restop::pattern<"\\x4">>;
constrained value;
