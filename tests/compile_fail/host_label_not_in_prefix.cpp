// expect: a host_label member names a label that the operation's restop::host_prefix does not contain
// expect: spelled<'a', 'c', 'c', 'o', 'u', 'n', 't'>
#include <restop/restop.hpp>

struct get_thing {
    restop::string_param<restop::required> account{};
    using description = restop::operation<restop::http_method::get, "/things", 200,
                                          restop::members<restop::host_label<"account", &get_thing::account>>, restop::errors<>>;
};
static_assert(restop::is_valid_description<get_thing>);
