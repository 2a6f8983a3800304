// expect: this string literal does not match its restop::pattern
#include <restop/restop.hpp>

using lower_case = restop::string_param<restop::pattern<"^[a-z]+$">>;
void build() {
    lower_case value = "Upper";
    (void)value;
}
