#pragma once
// CodeCatalyst CreateAccessToken: PUT /v1/accessTokens -> 201 with the new token and its secret.

#include <optional>
#include <string>

#include "restop/codecatalyst/delete_access_token.hpp"
#include "restop/codecatalyst/service.hpp"
#include "restop/members.hpp"
#include "restop/operation.hpp"
#include "restop/params.hpp"
#include "restop/sensitive.hpp"
#include "restop/timestamp.hpp"

namespace restop::codecatalyst {

/// com.amazonaws.codecatalyst#AccessTokenName: 1..100 Unicode scalar values.
using access_token_name = string_param<required, length<1, 100>>;

/// CreateAccessToken's output. `secret` is @sensitive: it prints as <redacted> and is read only
/// through secret.reveal(); this response is the only time the service ever returns it.
struct create_access_token_output {
    sensitive_string secret;
    std::string name;
    timestamp expires_time;
    std::string access_token_id;

    using fields = restop::fields<json_field<"secret", &create_access_token_output::secret>,
                                  json_field<"name", &create_access_token_output::name>,
                                  json_field<"expiresTime", &create_access_token_output::expires_time, format<timestamp_format::date_time>>,
                                  json_field<"accessTokenId", &create_access_token_output::access_token_id>>;
};

/// Creates a personal access token (PAT) for the current user.
///
///     auto created = restop::call(t, cc::create_access_token{.name = "ci"}, token);
///     if (created) store(created->output.secret.reveal());
struct create_access_token {
    access_token_name name{};
    std::optional<timestamp> expires_time{};  ///< the service picks a default when absent

    using description = operation<http_method::put, "/v1/accessTokens", 201,
                                  members<json_field<"name", &create_access_token::name>,
                                          json_field<"expiresTime", &create_access_token::expires_time, format<timestamp_format::date_time>>>,
                                  service_errors, create_access_token_output>;
};

}  // namespace restop::codecatalyst
