// A host prefix with an unclosed label.
// expect: restop::host_prefix: the prefix has an unbalanced
#include <restop/restop.hpp>

restop::host_prefix<"{region.data."> prefix;
