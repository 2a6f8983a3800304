// restop::runtime(value) of a wider integer than the member holds.
// expect: restop: restop::runtime\(value\) of a wider integer than the integer_param's
#include <restop/restop.hpp>

long long parse();

void f() {
    restop::integer_param<std::int32_t> value = restop::runtime(parse());
}
