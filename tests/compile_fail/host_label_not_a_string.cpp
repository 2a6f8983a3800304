// A host_label bound to an integer.
// expect: restop: a host_label member must be a required string
#include <restop/restop.hpp>

struct op {
    int region = 0;
};
restop::host_label<"region", &op::region> binding;
