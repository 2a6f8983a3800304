// A binding given a member function instead of a data member.
// expect: restop: a member binding takes a pointer to a data member
#include <restop/restop.hpp>

struct op {
    int id() const { return 1; }
};
restop::http_query<"id", &op::id> binding;
