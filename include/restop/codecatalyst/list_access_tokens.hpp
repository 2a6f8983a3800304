#pragma once
// CodeCatalyst ListAccessTokens: POST /v1/accessTokens -> 200, one page of the caller's tokens.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "restop/codecatalyst/service.hpp"
#include "restop/members.hpp"
#include "restop/operation.hpp"
#include "restop/pagination.hpp"
#include "restop/params.hpp"
#include "restop/timestamp.hpp"

namespace restop::codecatalyst {

/// com.amazonaws.codecatalyst#AccessTokenSummary.
struct access_token_summary {
    std::string id;
    std::string name;
    std::optional<timestamp> expires_time;

    using fields = restop::fields<json_field<"id", &access_token_summary::id>, json_field<"name", &access_token_summary::name>,
                                  json_field<"expiresTime", &access_token_summary::expires_time, format<timestamp_format::date_time>>>;
};

struct list_access_tokens_output {
    std::vector<access_token_summary> items;
    std::optional<std::string> next_token;  ///< absent on the last page

    using fields = restop::fields<json_field<"items", &list_access_tokens_output::items>,
                                  json_field<"nextToken", &list_access_tokens_output::next_token>>;
};

/// Lists the current user's personal access tokens, one page at a time; restop::pages and
/// restop::items walk every page.
///
///     for (const auto& token : restop::items(t, cc::list_access_tokens{.max_results = 10}, bearer)) ...
struct list_access_tokens {
    integer_param<std::int32_t, at_most<10>> max_results{};  ///< the page size asked for
    string_param<length<1, 10000>> next_token{};             ///< from the previous page

    using description = operation<http_method::post, "/v1/accessTokens", 200,
                                  members<json_field<"maxResults", &list_access_tokens::max_results>,
                                          json_field<"nextToken", &list_access_tokens::next_token>>,
                                  service_errors, list_access_tokens_output>;
    // smithy.api#paginated: inputToken nextToken, outputToken nextToken, items items.
    using pagination = paginated<&list_access_tokens::next_token, &list_access_tokens_output::next_token,
                                 &list_access_tokens_output::items>;
};

}  // namespace restop::codecatalyst
