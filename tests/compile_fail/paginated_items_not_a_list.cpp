// The items of a page bound to a single value rather than a list.
// expect: restop::paginated: the items \(third argument\) must be a std::vector member of the output
#include <restop/restop.hpp>

struct page {
    int count = 0;
    std::optional<std::string> next;
};
struct list {
    restop::string_param<> next;
};
using pagination = restop::paginated<&list::next, &page::next, &page::count>;
pagination value;
