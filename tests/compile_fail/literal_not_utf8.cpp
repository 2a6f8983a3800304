// expect: this string literal is not valid UTF-8
#include <restop/restop.hpp>

auto op = restop::codecatalyst::delete_access_token{.id = "abc\xFF"};
