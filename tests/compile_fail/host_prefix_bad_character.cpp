// A host prefix with a character no host name may hold.
// expect: restop::host_prefix: a host prefix may hold only letters, digits
#include <restop/restop.hpp>

restop::host_prefix<"data_plane."> prefix;
