// expect: this string literal is shorter than its restop::length minimum
#include <restop/restop.hpp>

auto op = restop::codecatalyst::delete_access_token{.id = ""};
