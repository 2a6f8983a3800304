// A modeled error that claims a network fault.
// expect: restop::error_shape: a modeled error is a client or a server fault
#include <restop/restop.hpp>

struct lost : restop::error_shape<"Lost", 503, restop::fault::network> {};
lost value;
