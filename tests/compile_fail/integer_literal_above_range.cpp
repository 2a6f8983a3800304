// A page size above the model's @range: refused by the compiler, as a string literal is.
// expect: restop: this integer literal is above its restop::range maximum
#include <restop/restop.hpp>

auto op = restop::codecatalyst::list_access_tokens{.max_results = 11};
