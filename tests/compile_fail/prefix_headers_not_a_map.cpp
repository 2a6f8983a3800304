// expect: an http_prefix_headers member must be a map of string to string
#include <map>
#include <string>

#include <restop/restop.hpp>

struct get_thing {
    std::optional<std::map<std::string, std::int32_t>> meta{};
    using description = restop::operation<restop::http_method::get, "/things", 200,
                                          restop::members<restop::http_prefix_headers<"X-Meta-", &get_thing::meta>>, restop::errors<>>;
};
static_assert(restop::is_valid_description<get_thing>);
