// Compile cost of each further operation (tools/compile_cost.sh): one_operation.cpp plus 20
// made-up operations of a made-up service, described the way restop's tests describe theirs
// (string and integer labels, a greedy label, literal and list queries, headers), each called
// once through the transport. (time of this TU - time of one_operation.cpp) / 20 is the cost
// of one more operation.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <restop/restop.hpp>

#include "transport.hpp"

namespace library {

struct no_such_item : restop::error_shape<"NoSuchItem", 404, restop::fault::client> {};
struct slow_down : restop::error_shape<"SlowDown", 503, restop::fault::server, restop::retryable::yes> {};
struct bad_request : restop::error_shape<"BadRequest", 400, restop::fault::client> {};
struct conflict : restop::error_shape<"Conflict", 409, restop::fault::client> {};
using library_errors = restop::errors<no_such_item, slow_down, bad_request, conflict>;

using name_param = restop::string_param<restop::required, restop::length<1, 64>>;
using slug_param = restop::string_param<restop::required, restop::length<3, 20>, restop::pattern<"^[a-z0-9-]+$">>;
using count_param = restop::integer_param<std::int32_t, restop::range<1, 1000>>;
using id_param = restop::integer_param<std::int64_t, restop::required, restop::range<1, 1000000>>;
using token_param = restop::string_param<restop::length<1, 2048>>;

struct op00 {
    name_param shelves_name0;
    using description = restop::operation<restop::http_method::get, "/v1/shelves/{shelvesName0}/part0", 200,
                                          restop::members<restop::http_label<"shelvesName0", &op00::shelves_name0>>,
                                          library_errors>;
};

struct op01 {
    id_param books_id0;
    slug_param books_slug1;
    token_param next_token0;
    std::vector<restop::integer_param<std::int32_t>> accept_versions0{};
    using description = restop::operation<restop::http_method::put, "/v2/books/{booksId0}/part0/{booksSlug1}/part1?x-op=BooksOp", 201,
                                          restop::members<restop::http_label<"booksId0", &op01::books_id0>,
                                                          restop::http_label<"booksSlug1", &op01::books_slug1>,
                                                          restop::http_query<"nextToken0", &op01::next_token0>,
                                                          restop::http_header<"X-Accept-Versions-0", &op01::accept_versions0>>,
                                          library_errors>;
};

struct op02 {
    slug_param authors_slug0;
    name_param authors_name1;
    id_param authors_id2;
    std::vector<restop::string_param<restop::length<1, 10>>> tags0{};
    std::optional<bool> include_drafts1;
    bool dry_run0 = false;
    restop::string_param<> if_match1;
    using description = restop::operation<restop::http_method::post, "/v3/authors/{authorsSlug0}/part0/{authorsName1}/part1/{authorsId2}/part2", 202,
                                          restop::members<restop::http_label<"authorsSlug0", &op02::authors_slug0>,
                                                          restop::http_label<"authorsName1", &op02::authors_name1>,
                                                          restop::http_label<"authorsId2", &op02::authors_id2>,
                                                          restop::http_query<"tag0", &op02::tags0>,
                                                          restop::http_query<"includeDrafts1", &op02::include_drafts1>,
                                                          restop::http_header<"X-Dry-Run-0", &op02::dry_run0>,
                                                          restop::http_header<"If-Match-1", &op02::if_match1>>,
                                          library_errors>;
};

struct op03 {
    name_param loans_name0;
    std::optional<bool> include_drafts0;
    count_param max_results1;
    token_param next_token2;
    using description = restop::operation<restop::http_method::delete_, "/v1/loans/{loansName0}/part0", 204,
                                          restop::members<restop::http_label<"loansName0", &op03::loans_name0>,
                                                          restop::http_query<"includeDrafts0", &op03::include_drafts0>,
                                                          restop::http_query<"maxResults1", &op03::max_results1>,
                                                          restop::http_query<"nextToken2", &op03::next_token2>>,
                                          library_errors>;
};

struct op04 {
    id_param members_id0;
    slug_param members_slug1;
    restop::string_param<restop::required> path;
    std::vector<restop::integer_param<std::int32_t>> accept_versions0{};
    using description = restop::operation<restop::http_method::patch, "/v2/members/{membersId0}/part0/{membersSlug1}/part1/{path+}", 200,
                                          restop::members<restop::http_label<"membersId0", &op04::members_id0>,
                                                          restop::http_label<"membersSlug1", &op04::members_slug1>,
                                                          restop::http_label<"path", &op04::path>,
                                                          restop::http_header<"X-Accept-Versions-0", &op04::accept_versions0>>,
                                          library_errors>;
};

struct op05 {
    slug_param branches_slug0;
    name_param branches_name1;
    id_param branches_id2;
    token_param next_token0;
    bool dry_run0 = false;
    restop::string_param<> if_match1;
    using description = restop::operation<restop::http_method::head, "/v3/branches/{branchesSlug0}/part0/{branchesName1}/part1/{branchesId2}/part2?x-op=BranchesOp", 201,
                                          restop::members<restop::http_label<"branchesSlug0", &op05::branches_slug0>,
                                                          restop::http_label<"branchesName1", &op05::branches_name1>,
                                                          restop::http_label<"branchesId2", &op05::branches_id2>,
                                                          restop::http_query<"nextToken0", &op05::next_token0>,
                                                          restop::http_header<"X-Dry-Run-0", &op05::dry_run0>,
                                                          restop::http_header<"If-Match-1", &op05::if_match1>>,
                                          library_errors>;
};

struct op06 {
    name_param reviews_name0;
    std::vector<restop::string_param<restop::length<1, 10>>> tags0{};
    std::optional<bool> include_drafts1;
    using description = restop::operation<restop::http_method::get, "/v1/reviews/{reviewsName0}/part0", 202,
                                          restop::members<restop::http_label<"reviewsName0", &op06::reviews_name0>,
                                                          restop::http_query<"tag0", &op06::tags0>,
                                                          restop::http_query<"includeDrafts1", &op06::include_drafts1>>,
                                          library_errors>;
};

struct op07 {
    id_param tags_id0;
    slug_param tags_slug1;
    std::optional<bool> include_drafts0;
    count_param max_results1;
    token_param next_token2;
    std::vector<restop::integer_param<std::int32_t>> accept_versions0{};
    using description = restop::operation<restop::http_method::put, "/v2/tags/{tagsId0}/part0/{tagsSlug1}/part1", 204,
                                          restop::members<restop::http_label<"tagsId0", &op07::tags_id0>,
                                                          restop::http_label<"tagsSlug1", &op07::tags_slug1>,
                                                          restop::http_query<"includeDrafts0", &op07::include_drafts0>,
                                                          restop::http_query<"maxResults1", &op07::max_results1>,
                                                          restop::http_query<"nextToken2", &op07::next_token2>,
                                                          restop::http_header<"X-Accept-Versions-0", &op07::accept_versions0>>,
                                          library_errors>;
};

struct op08 {
    slug_param series_slug0;
    name_param series_name1;
    id_param series_id2;
    bool dry_run0 = false;
    restop::string_param<> if_match1;
    using description = restop::operation<restop::http_method::post, "/v3/series/{seriesSlug0}/part0/{seriesName1}/part1/{seriesId2}/part2", 200,
                                          restop::members<restop::http_label<"seriesSlug0", &op08::series_slug0>,
                                                          restop::http_label<"seriesName1", &op08::series_name1>,
                                                          restop::http_label<"seriesId2", &op08::series_id2>,
                                                          restop::http_header<"X-Dry-Run-0", &op08::dry_run0>,
                                                          restop::http_header<"If-Match-1", &op08::if_match1>>,
                                          library_errors>;
};

struct op09 {
    name_param editions_name0;
    restop::string_param<restop::required> path;
    token_param next_token0;
    using description = restop::operation<restop::http_method::delete_, "/v1/editions/{editionsName0}/part0/{path+}?x-op=EditionsOp", 201,
                                          restop::members<restop::http_label<"editionsName0", &op09::editions_name0>,
                                                          restop::http_label<"path", &op09::path>,
                                                          restop::http_query<"nextToken0", &op09::next_token0>>,
                                          library_errors>;
};

struct op10 {
    id_param shipments_id0;
    slug_param shipments_slug1;
    std::vector<restop::string_param<restop::length<1, 10>>> tags0{};
    std::optional<bool> include_drafts1;
    std::vector<restop::integer_param<std::int32_t>> accept_versions0{};
    using description = restop::operation<restop::http_method::patch, "/v2/shipments/{shipmentsId0}/part0/{shipmentsSlug1}/part1", 202,
                                          restop::members<restop::http_label<"shipmentsId0", &op10::shipments_id0>,
                                                          restop::http_label<"shipmentsSlug1", &op10::shipments_slug1>,
                                                          restop::http_query<"tag0", &op10::tags0>,
                                                          restop::http_query<"includeDrafts1", &op10::include_drafts1>,
                                                          restop::http_header<"X-Accept-Versions-0", &op10::accept_versions0>>,
                                          library_errors>;
};

struct op11 {
    slug_param invoices_slug0;
    name_param invoices_name1;
    id_param invoices_id2;
    std::optional<bool> include_drafts0;
    count_param max_results1;
    token_param next_token2;
    bool dry_run0 = false;
    restop::string_param<> if_match1;
    using description = restop::operation<restop::http_method::head, "/v3/invoices/{invoicesSlug0}/part0/{invoicesName1}/part1/{invoicesId2}/part2", 204,
                                          restop::members<restop::http_label<"invoicesSlug0", &op11::invoices_slug0>,
                                                          restop::http_label<"invoicesName1", &op11::invoices_name1>,
                                                          restop::http_label<"invoicesId2", &op11::invoices_id2>,
                                                          restop::http_query<"includeDrafts0", &op11::include_drafts0>,
                                                          restop::http_query<"maxResults1", &op11::max_results1>,
                                                          restop::http_query<"nextToken2", &op11::next_token2>,
                                                          restop::http_header<"X-Dry-Run-0", &op11::dry_run0>,
                                                          restop::http_header<"If-Match-1", &op11::if_match1>>,
                                          library_errors>;
};

struct op12 {
    name_param carts_name0;
    using description = restop::operation<restop::http_method::get, "/v1/carts/{cartsName0}/part0", 200,
                                          restop::members<restop::http_label<"cartsName0", &op12::carts_name0>>,
                                          library_errors>;
};

struct op13 {
    id_param wishlists_id0;
    slug_param wishlists_slug1;
    token_param next_token0;
    std::vector<restop::integer_param<std::int32_t>> accept_versions0{};
    using description = restop::operation<restop::http_method::put, "/v2/wishlists/{wishlistsId0}/part0/{wishlistsSlug1}/part1?x-op=WishlistsOp", 201,
                                          restop::members<restop::http_label<"wishlistsId0", &op13::wishlists_id0>,
                                                          restop::http_label<"wishlistsSlug1", &op13::wishlists_slug1>,
                                                          restop::http_query<"nextToken0", &op13::next_token0>,
                                                          restop::http_header<"X-Accept-Versions-0", &op13::accept_versions0>>,
                                          library_errors>;
};

struct op14 {
    slug_param holds_slug0;
    name_param holds_name1;
    id_param holds_id2;
    restop::string_param<restop::required> path;
    std::vector<restop::string_param<restop::length<1, 10>>> tags0{};
    std::optional<bool> include_drafts1;
    bool dry_run0 = false;
    restop::string_param<> if_match1;
    using description = restop::operation<restop::http_method::post, "/v3/holds/{holdsSlug0}/part0/{holdsName1}/part1/{holdsId2}/part2/{path+}", 202,
                                          restop::members<restop::http_label<"holdsSlug0", &op14::holds_slug0>,
                                                          restop::http_label<"holdsName1", &op14::holds_name1>,
                                                          restop::http_label<"holdsId2", &op14::holds_id2>,
                                                          restop::http_label<"path", &op14::path>,
                                                          restop::http_query<"tag0", &op14::tags0>,
                                                          restop::http_query<"includeDrafts1", &op14::include_drafts1>,
                                                          restop::http_header<"X-Dry-Run-0", &op14::dry_run0>,
                                                          restop::http_header<"If-Match-1", &op14::if_match1>>,
                                          library_errors>;
};

struct op15 {
    name_param fines_name0;
    std::optional<bool> include_drafts0;
    count_param max_results1;
    token_param next_token2;
    using description = restop::operation<restop::http_method::delete_, "/v1/fines/{finesName0}/part0", 204,
                                          restop::members<restop::http_label<"finesName0", &op15::fines_name0>,
                                                          restop::http_query<"includeDrafts0", &op15::include_drafts0>,
                                                          restop::http_query<"maxResults1", &op15::max_results1>,
                                                          restop::http_query<"nextToken2", &op15::next_token2>>,
                                          library_errors>;
};

struct op16 {
    id_param events_id0;
    slug_param events_slug1;
    std::vector<restop::integer_param<std::int32_t>> accept_versions0{};
    using description = restop::operation<restop::http_method::patch, "/v2/events/{eventsId0}/part0/{eventsSlug1}/part1", 200,
                                          restop::members<restop::http_label<"eventsId0", &op16::events_id0>,
                                                          restop::http_label<"eventsSlug1", &op16::events_slug1>,
                                                          restop::http_header<"X-Accept-Versions-0", &op16::accept_versions0>>,
                                          library_errors>;
};

struct op17 {
    slug_param rooms_slug0;
    name_param rooms_name1;
    id_param rooms_id2;
    token_param next_token0;
    bool dry_run0 = false;
    restop::string_param<> if_match1;
    using description = restop::operation<restop::http_method::head, "/v3/rooms/{roomsSlug0}/part0/{roomsName1}/part1/{roomsId2}/part2?x-op=RoomsOp", 201,
                                          restop::members<restop::http_label<"roomsSlug0", &op17::rooms_slug0>,
                                                          restop::http_label<"roomsName1", &op17::rooms_name1>,
                                                          restop::http_label<"roomsId2", &op17::rooms_id2>,
                                                          restop::http_query<"nextToken0", &op17::next_token0>,
                                                          restop::http_header<"X-Dry-Run-0", &op17::dry_run0>,
                                                          restop::http_header<"If-Match-1", &op17::if_match1>>,
                                          library_errors>;
};

struct op18 {
    name_param devices_name0;
    std::vector<restop::string_param<restop::length<1, 10>>> tags0{};
    std::optional<bool> include_drafts1;
    using description = restop::operation<restop::http_method::get, "/v1/devices/{devicesName0}/part0", 202,
                                          restop::members<restop::http_label<"devicesName0", &op18::devices_name0>,
                                                          restop::http_query<"tag0", &op18::tags0>,
                                                          restop::http_query<"includeDrafts1", &op18::include_drafts1>>,
                                          library_errors>;
};

struct op19 {
    id_param badges_id0;
    slug_param badges_slug1;
    restop::string_param<restop::required> path;
    std::optional<bool> include_drafts0;
    count_param max_results1;
    token_param next_token2;
    std::vector<restop::integer_param<std::int32_t>> accept_versions0{};
    using description = restop::operation<restop::http_method::put, "/v2/badges/{badgesId0}/part0/{badgesSlug1}/part1/{path+}", 204,
                                          restop::members<restop::http_label<"badgesId0", &op19::badges_id0>,
                                                          restop::http_label<"badgesSlug1", &op19::badges_slug1>,
                                                          restop::http_label<"path", &op19::path>,
                                                          restop::http_query<"includeDrafts0", &op19::include_drafts0>,
                                                          restop::http_query<"maxResults1", &op19::max_results1>,
                                                          restop::http_query<"nextToken2", &op19::next_token2>,
                                                          restop::http_header<"X-Accept-Versions-0", &op19::accept_versions0>>,
                                          library_errors>;
};

}  // namespace library

int main(int argc, char** argv) {
    compile_cost::canned_transport transport;
    const restop::bearer_token token("token");
    restop::request scratch;
    const char* id = argc > 1 ? argv[1] : "a1b2c3d4-5678-90ab-cdef-EXAMPLEbbbbb";
    const std::string name = argc > 2 ? argv[2] : "name";
    int ok = restop::call(transport, restop::codecatalyst::delete_access_token{.id = id}, token, scratch) ? 1 : 0;
    ok += restop::call(transport, library::op00{.shelves_name0 = name}, token, scratch) ? 1 : 0;
    ok += restop::call(transport, library::op01{.books_id0 = 2, .books_slug1 = "slug-1", .next_token0 = name}, token, scratch) ? 1 : 0;
    ok += restop::call(transport, library::op02{.authors_slug0 = "slug-2", .authors_name1 = name, .authors_id2 = 5, .include_drafts1 = true, .dry_run0 = true, .if_match1 = name}, token, scratch) ? 1 : 0;
    ok += restop::call(transport, library::op03{.loans_name0 = name, .include_drafts0 = true, .max_results1 = 10, .next_token2 = name}, token, scratch) ? 1 : 0;
    ok += restop::call(transport, library::op04{.members_id0 = 5, .members_slug1 = "slug-4", .path = name}, token, scratch) ? 1 : 0;
    ok += restop::call(transport, library::op05{.branches_slug0 = "slug-5", .branches_name1 = name, .branches_id2 = 8, .next_token0 = name, .dry_run0 = true, .if_match1 = name}, token, scratch) ? 1 : 0;
    ok += restop::call(transport, library::op06{.reviews_name0 = name, .include_drafts1 = true}, token, scratch) ? 1 : 0;
    ok += restop::call(transport, library::op07{.tags_id0 = 8, .tags_slug1 = "slug-7", .include_drafts0 = true, .max_results1 = 10, .next_token2 = name}, token, scratch) ? 1 : 0;
    ok += restop::call(transport, library::op08{.series_slug0 = "slug-8", .series_name1 = name, .series_id2 = 11, .dry_run0 = true, .if_match1 = name}, token, scratch) ? 1 : 0;
    ok += restop::call(transport, library::op09{.editions_name0 = name, .path = name, .next_token0 = name}, token, scratch) ? 1 : 0;
    ok += restop::call(transport, library::op10{.shipments_id0 = 11, .shipments_slug1 = "slug-10", .include_drafts1 = true}, token, scratch) ? 1 : 0;
    ok += restop::call(transport, library::op11{.invoices_slug0 = "slug-11", .invoices_name1 = name, .invoices_id2 = 14, .include_drafts0 = true, .max_results1 = 10, .next_token2 = name, .dry_run0 = true, .if_match1 = name}, token, scratch) ? 1 : 0;
    ok += restop::call(transport, library::op12{.carts_name0 = name}, token, scratch) ? 1 : 0;
    ok += restop::call(transport, library::op13{.wishlists_id0 = 14, .wishlists_slug1 = "slug-13", .next_token0 = name}, token, scratch) ? 1 : 0;
    ok += restop::call(transport, library::op14{.holds_slug0 = "slug-14", .holds_name1 = name, .holds_id2 = 17, .path = name, .include_drafts1 = true, .dry_run0 = true, .if_match1 = name}, token, scratch) ? 1 : 0;
    ok += restop::call(transport, library::op15{.fines_name0 = name, .include_drafts0 = true, .max_results1 = 10, .next_token2 = name}, token, scratch) ? 1 : 0;
    ok += restop::call(transport, library::op16{.events_id0 = 17, .events_slug1 = "slug-16"}, token, scratch) ? 1 : 0;
    ok += restop::call(transport, library::op17{.rooms_slug0 = "slug-17", .rooms_name1 = name, .rooms_id2 = 20, .next_token0 = name, .dry_run0 = true, .if_match1 = name}, token, scratch) ? 1 : 0;
    ok += restop::call(transport, library::op18{.devices_name0 = name, .include_drafts1 = true}, token, scratch) ? 1 : 0;
    ok += restop::call(transport, library::op19{.badges_id0 = 20, .badges_slug1 = "slug-19", .path = name, .include_drafts0 = true, .max_results1 = 10, .next_token2 = name}, token, scratch) ? 1 : 0;
    return ok == 21 ? 0 : 1;
}
