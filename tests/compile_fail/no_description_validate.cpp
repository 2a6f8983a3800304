// validate() of a struct that has no description.
// expect: restop: this type has no description
#include <restop/restop.hpp>

struct plain {
    restop::string_param<> id;
};

auto checked = restop::validate(plain{});
