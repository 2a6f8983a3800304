// expect: a member binding option must be restop::format, default_value, idempotency_token, sensitive, media_type, required, length, range or pattern
#include <restop/restop.hpp>

struct get_thing {
    std::optional<std::string> note{};
    using description = restop::operation<restop::http_method::post, "/things", 200,
                                          restop::members<restop::json_field<"note", &get_thing::note, int>>, restop::errors<>>;
};
static_assert(restop::is_valid_description<get_thing>);
