// expect: a host_label member must be a required string
#include <restop/restop.hpp>

struct get_thing {
    restop::string_param<> account{};
    using description = restop::operation<restop::http_method::get, "/things", 200,
                                          restop::members<restop::host_label<"account", &get_thing::account>>, restop::errors<>,
                                          restop::empty_output, restop::host_prefix<"{account}.">>;
};
static_assert(restop::is_valid_description<get_thing>);
