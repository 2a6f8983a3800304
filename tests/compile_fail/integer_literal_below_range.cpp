// An integer literal below its @range minimum.
// expect: restop: this integer literal is below its restop::range minimum
#include <restop/restop.hpp>

using edition = restop::integer_param<int, restop::range<1, 100>>;
void f() {
    edition value = 0;
    (void)value;
}
