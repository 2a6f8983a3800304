// encode() of a struct that has no description.
// expect: restop: this type has no description
#include <restop/restop.hpp>

const restop::bearer_token token("t");
struct plain {
    restop::string_param<> id;
};

auto request = restop::encode(plain{}, token);
