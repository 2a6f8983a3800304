// A media type without its subtype.
// expect: restop::media_type: a media type is type/subtype
#include <restop/restop.hpp>

restop::media_type<"json"> type;
