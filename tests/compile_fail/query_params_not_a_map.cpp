// expect: an http_query_params member must be a map of string to string or to a list of strings
#include <restop/restop.hpp>

struct get_thing {
    std::optional<std::vector<std::string>> params{};
    using description = restop::operation<restop::http_method::get, "/things", 200,
                                          restop::members<restop::http_query_params<&get_thing::params>>, restop::errors<>>;
};
static_assert(restop::is_valid_description<get_thing>);
