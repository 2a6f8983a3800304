// A page token input that is a std::string rather than a string_param.
// expect: restop::paginated: the input token \(first argument\) must be a restop::string_param member
#include <restop/restop.hpp>

struct page {
    std::vector<std::string> items;
    std::optional<std::string> next;
    using fields = restop::fields<restop::json_field<"items", &page::items>, restop::json_field<"next", &page::next>>;
};
struct list {
    std::string next;
};
using pagination = restop::paginated<&list::next, &page::next, &page::items>;
pagination value;
