#include <doctest/doctest.h>

#include <restop/restop.hpp>

#include "catalog_service.hpp"

namespace cc = restop::codecatalyst;
using delete_description = restop::description_t<cc::delete_access_token>;

// A valid description passes its checks; the compile_fail cases cover each refusal.
static_assert(restop::is_valid_description<cc::delete_access_token>);
static_assert(restop::is_valid_description<catalog::get_item>);
static_assert(restop::is_valid_description<catalog::ping>);
static_assert(delete_description::method == restop::http_method::delete_);
static_assert(delete_description::success_status == 200);
static_assert(delete_description::uri::text == "/v1/accessTokens/{id}");
static_assert(std::is_same_v<delete_description::output, restop::empty_output>);
static_assert(restop::default_checks<cc::delete_access_token> == restop::checks::all);
static_assert(restop::default_checks<catalog::ping> == restop::checks::wire_only);

// description_of can be specialised for a struct that cannot carry a nested description.
struct external_struct {
    restop::string_param<restop::required> name;
};
template <>
struct restop::description_of<external_struct> {
    using type = restop::operation<restop::http_method::get, "/things/{name}", 200,
                                   restop::members<restop::http_label<"name", &external_struct::name>>, restop::errors<>>;
};
static_assert(restop::is_valid_description<external_struct>);

TEST_CASE("operation: an externally described struct encodes like any other") {
    const std::string name = "n1";
    auto req = restop::encode(external_struct{.name = name});
    REQUIRE(req);
    CHECK(req->target == "/things/n1");
    CHECK(req->headers.empty());
}
