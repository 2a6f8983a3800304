// A next-page token that cannot be absent, so the last page could not say so.
// expect: restop::paginated: the output token \(second argument\) must be a std::optional<std::string> member
#include <restop/restop.hpp>

struct page {
    std::vector<std::string> items;
    std::string next;
};
struct list {
    restop::string_param<> next;
};
using pagination = restop::paginated<&list::next, &page::next, &page::items>;
pagination value;
