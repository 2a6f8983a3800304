// Body members encoded where <restop/json_body.hpp> (Boost.JSON) is not included.
// expect: restop: this operation has JSON body members, and their writer is in <restop/json_body.hpp>
#include <restop/encode.hpp>

struct with_body {
    restop::string_param<> name;
    using description = restop::operation<restop::http_method::post, "/x", 200,
                                          restop::members<restop::json_field<"name", &with_body::name>>, restop::errors<>>;
};

auto request = restop::encode(with_body{.name = "a"});
