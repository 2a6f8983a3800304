// call() with a struct that has no description.
// expect: restop: this type has no description
#include <restop/restop.hpp>

const restop::bearer_token token("t");
struct my_transport {
    restop::transport_result send(const restop::request&) { return restop::response{200, {}, "{}"}; }
};
struct plain {
    restop::string_param<> id;
};

void f(my_transport& t) { restop::call(t, plain{}, token); }
