#pragma once
// CodeCatalyst VerifySession: GET /session -> 200 with the caller's identity; the cheapest way
// to check that a token works.

#include <optional>
#include <string>

#include "restop/codecatalyst/service.hpp"
#include "restop/members.hpp"
#include "restop/operation.hpp"

namespace restop::codecatalyst {

struct verify_session_output {
    std::optional<std::string> identity;  ///< the model's VerifySessionResponse: 1..256, optional

    using fields = restop::fields<json_field<"identity", &verify_session_output::identity>>;
};

/// Verifies the bearer token and returns who it belongs to.
///
///     auto who = restop::call(t, cc::verify_session{}, token);
struct verify_session {
    using description = operation<http_method::get, "/session", 200, members<>, service_errors, verify_session_output>;
};

}  // namespace restop::codecatalyst
