#include <doctest/doctest.h>

#include <restop/restop.hpp>

#include "catalog_service.hpp"

using shelf_binding = restop::http_label<"shelf", &catalog::get_item::shelf>;
using tag_binding = restop::http_query<"tag", &catalog::get_item::tags>;
using if_match_binding = restop::http_header<"If-Match", &catalog::get_item::if_match>;

// A binding knows its location, wire name, owner and member type at compile time.
static_assert(shelf_binding::where == restop::location::label);
static_assert(shelf_binding::wire_name == "shelf");
static_assert(std::is_same_v<shelf_binding::owner, catalog::get_item>);
static_assert(std::is_same_v<shelf_binding::value_type, catalog::shelf_name>);
static_assert(tag_binding::where == restop::location::query);
static_assert(if_match_binding::where == restop::location::header);
static_assert(if_match_binding::wire_name == "If-Match");

TEST_CASE("member bindings read the member they point to") {
    catalog::get_item item;
    item.if_match = "etag-1";
    CHECK((item.*if_match_binding::pointer).view() == "etag-1");
}
