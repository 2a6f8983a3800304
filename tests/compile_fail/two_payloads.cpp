// expect: at most one member can be the http_payload
#include <restop/restop.hpp>

struct put_thing {
    std::optional<restop::blob> a{};
    std::optional<std::string> b{};
    using description = restop::operation<restop::http_method::put, "/things", 200,
                                          restop::members<restop::http_payload<&put_thing::a>, restop::http_payload<&put_thing::b>>,
                                          restop::errors<>>;
};
static_assert(restop::is_valid_description<put_thing>);
