// expect: http_response_code belongs to an output's fields, not to an operation's members
#include <restop/restop.hpp>

struct get_thing {
    std::int32_t status = 0;
    using description = restop::operation<restop::http_method::get, "/things", 200,
                                          restop::members<restop::http_response_code<&get_thing::status>>, restop::errors<>>;
};
static_assert(restop::is_valid_description<get_thing>);
