// An id literal of 40 characters where the model allows 36.
// expect: this string literal is longer than its restop::length maximum
#include <restop/restop.hpp>

constexpr restop::codecatalyst::delete_access_token op{.id = "0123456789012345678901234567890123456789"};
