// An error shape with an empty name.
// expect: restop::error_shape: an error shape needs its name
#include <restop/restop.hpp>

struct nameless : restop::error_shape<"", 400, restop::fault::client> {};
nameless value;
