#pragma once
// CodeCatalyst DeleteAccessToken: DELETE /v1/accessTokens/{id} -> 200, no output.

#include "restop/codecatalyst/service.hpp"
#include "restop/constraints.hpp"
#include "restop/http_method.hpp"
#include "restop/members.hpp"
#include "restop/operation.hpp"
#include "restop/params.hpp"

namespace restop::codecatalyst {

/// com.amazonaws.codecatalyst#AccessTokenId: 1..36 Unicode scalar values.
using access_token_id = string_param<required, length<1, 36>>;

/// Deletes a personal access token (PAT). Only the user who created a token can delete it.
///
///     auto outcome = restop::call(transport, restop::codecatalyst::delete_access_token{.id = id}, token);
///
/// A literal id is checked by the compiler: `.id = ""` does not compile.
struct delete_access_token {
    access_token_id id;

    using description = operation<http_method::delete_, "/v1/accessTokens/{id}", 200,
                                  members<http_label<"id", &delete_access_token::id>>, service_errors>;
};

}  // namespace restop::codecatalyst
