// expect: two error shapes share one HTTP status, so a response that names no error could not be decoded
// expect: spelled<'G', 'o', 'n', 'e'>
#include <restop/restop.hpp>

struct missing : restop::error_shape<"Missing", 404, restop::fault::client> {};
struct gone : restop::error_shape<"Gone", 404, restop::fault::client> {};
struct get_thing {
    using description = restop::operation<restop::http_method::get, "/things", 200, restop::members<>, restop::errors<missing, gone>>;
};
static_assert(restop::is_valid_description<get_thing>);
