// An error shape with a status that is not 4xx or 5xx.
// expect: restop::error_shape: an error's HTTP status must be 4xx or 5xx
#include <restop/restop.hpp>

struct moved : restop::error_shape<"Moved", 301, restop::fault::client> {};
moved value;
