// A binding copied from another operation still points at that operation's member.
// expect: restop: a binding of this type's description points at a member of another struct
#include <restop/restop.hpp>

struct first {
    restop::string_param<restop::required> id;
};
struct second {
    restop::string_param<restop::required> id;
    using description = restop::operation<restop::http_method::get, "/x/{id}", 200,
                                          restop::members<restop::http_label<"id", &first::id>>, restop::errors<>>;
};

auto request = restop::encode(second{.id = "a"});
