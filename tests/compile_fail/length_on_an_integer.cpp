// expect: restop::length applies to strings, blobs, lists and maps
#include <restop/restop.hpp>

struct put_thing {
    std::optional<std::int32_t> count{};
    using description = restop::operation<restop::http_method::post, "/things", 200,
                                          restop::members<restop::json_field<"count", &put_thing::count, restop::length<1, 2>>>,
                                          restop::errors<>>;
};
int main() { return restop::validate(put_thing{}) ? 0 : 1; }
