// A nested `description` that is not a restop::operation.
// expect: restop: this type's `description` is not a restop::operation
#include <restop/restop.hpp>

struct wrong {
    using description = int;
};

auto request = restop::encode(wrong{});
