// A run-time integer variable given without restop::runtime: the compiler cannot check it, so it must be marked.
// expect: restop: this integer is known only at run time, so the compiler cannot check it: pass it as restop::runtime
#include <restop/restop.hpp>

void f(int parsed) {
    restop::codecatalyst::list_access_tokens op;
    op.max_results = parsed;
}
