// An integer literal that the member's integer type cannot hold.
// expect: restop: this integer literal does not fit the integer_param's integer type
#include <restop/restop.hpp>

void f() {
    restop::integer_param<std::int8_t> value = 300;
    (void)value;
}
