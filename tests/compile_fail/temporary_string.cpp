// A string_param views its text, so a temporary std::string (which would dangle) is refused.
// expect: deleted
// expect: restop: a string_param views its text, and this temporary std::string would dangle
#include <string>

#include <restop/restop.hpp>

std::string make_id();
auto op = restop::codecatalyst::delete_access_token{.id = make_id()};
