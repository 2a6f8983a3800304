// restop::pattern<"((((((((((((((((((((((((((((((((((a))))))))))))))))))))))))))))))))))">: the parser stops where it finds the problem, with its own sentence.
// expect: the pattern nests groups too deeply
#include <restop/restop.hpp>

using constrained = restop::string_param<restop::pattern<"((((((((((((((((((((((((((((((((((a))))))))))))))))))))))))))))))))))">>;
constrained value;
