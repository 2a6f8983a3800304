// A function's result given without restop::runtime: the compiler's own words, at the call (see README).
// expect: (call to non-.*constexpr.* function .*int parse|call to consteval function 'restop::integer_param)
#include <restop/restop.hpp>

int parse();

void f() {
    restop::codecatalyst::list_access_tokens op;
    op.max_results = parse();
}
