// expect: an http_label member must be a string, a number, a boolean, a timestamp or an enum
#include <restop/restop.hpp>

struct get_thing {
    std::vector<std::string> ids{};
    using description = restop::operation<restop::http_method::get, "/things/{ids}", 200,
                                          restop::members<restop::http_label<"ids", &get_thing::ids>>, restop::errors<>>;
};
static_assert(restop::is_valid_description<get_thing>);
