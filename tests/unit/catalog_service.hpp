#pragma once
// A second, made-up service described with the restop core alone, to keep the core honest about
// being generic: labels of several types, a greedy label, a literal query, query lists, headers.

#include <cstdint>
#include <optional>
#include <vector>

#include <restop/restop.hpp>

namespace catalog {

struct no_such_item : restop::error_shape<"NoSuchItem", 404, restop::fault::client> {};
struct slow_down : restop::error_shape<"SlowDown", 503, restop::fault::server, restop::retryable::yes> {};
struct bad_request : restop::error_shape<"BadRequest", 400, restop::fault::client> {};
using catalog_errors = restop::errors<no_such_item, slow_down, bad_request>;

using shelf_name = restop::string_param<restop::required, restop::length<3, 20>, restop::pattern<"^[a-z0-9-]+$">>;

struct get_item {
    shelf_name shelf;
    restop::integer_param<std::int64_t, restop::required, restop::range<1, 1000000>> edition;
    bool archived = false;
    restop::string_param<restop::required> path;
    std::vector<restop::string_param<restop::length<1, 10>>> tags;
    restop::integer_param<std::int32_t, restop::range<1, 1000>> limit;
    std::optional<bool> include_drafts;
    restop::string_param<> if_match;
    std::vector<restop::integer_param<std::int32_t>> accept_versions;

    using description =
        restop::operation<restop::http_method::get, "/shelves/{shelf}/editions/{edition}/{archived}/{path+}?x-op=GetItem", 200,
                          restop::members<restop::http_label<"shelf", &get_item::shelf>,
                                          restop::http_label<"edition", &get_item::edition>,
                                          restop::http_label<"archived", &get_item::archived>,
                                          restop::http_label<"path", &get_item::path>,
                                          restop::http_query<"tag", &get_item::tags>,
                                          restop::http_query<"limit", &get_item::limit>,
                                          restop::http_query<"include drafts", &get_item::include_drafts>,
                                          restop::http_header<"If-Match", &get_item::if_match>,
                                          restop::http_header<"X-Accept-Versions", &get_item::accept_versions>>,
                          catalog_errors>;
};

// An operation whose default is to leave constraint checks to the service.
struct ping {
    restop::string_param<restop::length<5, 5>> note;
    using description = restop::operation<restop::http_method::head, "/ping", 204,
                                          restop::members<restop::http_query<"note", &ping::note>>, catalog_errors>;
};

}  // namespace catalog

template <>
inline constexpr restop::checks restop::default_checks<catalog::ping> = restop::checks::wire_only;
