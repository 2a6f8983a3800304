// expect: an operation with an http_payload member cannot also have json_field body members
#include <restop/restop.hpp>

struct put_thing {
    std::optional<restop::blob> data{};
    std::optional<std::string> note{};
    using description = restop::operation<restop::http_method::put, "/things", 200,
                                          restop::members<restop::http_payload<&put_thing::data>, restop::json_field<"note", &put_thing::note>>,
                                          restop::errors<>>;
};
static_assert(restop::is_valid_description<put_thing>);
