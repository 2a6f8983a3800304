// expect: an http_payload member must be a blob, a string, an enum, a structure, a union or a document
#include <restop/restop.hpp>

struct put_thing {
    std::optional<std::int32_t> count{};
    using description = restop::operation<restop::http_method::put, "/things", 200,
                                          restop::members<restop::http_payload<&put_thing::count>>, restop::errors<>>;
};
static_assert(restop::is_valid_description<put_thing>);
