// expect: the restop::host_prefix has a label that no host_label member binds
#include <restop/restop.hpp>

struct get_thing {
    using description = restop::operation<restop::http_method::get, "/things", 200, restop::members<>, restop::errors<>,
                                          restop::empty_output, restop::host_prefix<"{account}.data.">>;
};
static_assert(restop::is_valid_description<get_thing>);
