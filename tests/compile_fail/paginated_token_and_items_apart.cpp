// A next-page token and items taken from two different output structs.
// expect: restop::paginated: the output token and the items must be members of the same output struct
#include <restop/restop.hpp>

struct page {
    std::vector<std::string> items;
    std::optional<std::string> next;
    using fields = restop::fields<restop::json_field<"items", &page::items>, restop::json_field<"next", &page::next>>;
};
struct other {
    std::optional<std::string> next;
};
struct list {
    restop::string_param<> next;
};
using pagination = restop::paginated<&list::next, &other::next, &page::items>;
pagination value;
