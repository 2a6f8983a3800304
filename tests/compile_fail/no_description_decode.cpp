// decode<>() for a struct that has no description.
// expect: restop: this type has no description
#include <restop/restop.hpp>

struct plain {
    restop::string_param<> id;
};

auto outcome = restop::decode<plain>(restop::response{200, {}, "{}"});
