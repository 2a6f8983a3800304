#pragma once
// Amazon CodeCatalyst (Smithy service com.amazonaws.codecatalyst#CodeCatalyst, 2022-09-28):
// its endpoints and the six error shapes every operation can return. The first user of the
// restop core; nothing in the core depends on it.

#include <string_view>

#include "restop/error_shape.hpp"

namespace restop::codecatalyst {

/// The service endpoint. CodeCatalyst is global: no region appears in the host.
inline constexpr std::string_view default_endpoint = "https://codecatalyst.global.api.aws";
inline constexpr std::string_view fips_endpoint = "https://codecatalyst-fips.global.api.aws";

/// 400: an input failed to satisfy the constraints specified by the service.
struct validation_exception : error_shape<"ValidationException", 400, fault::client> {};
/// 402: a resource has reached the limits of the space's tier.
struct service_quota_exceeded_exception : error_shape<"ServiceQuotaExceededException", 402, fault::client> {};
/// 403: the caller lacks access (for tokens: not the token's owner, or a bad bearer).
struct access_denied_exception : error_shape<"AccessDeniedException", 403, fault::client> {};
/// 404: the resource does not exist or is not visible to the caller.
struct resource_not_found_exception : error_shape<"ResourceNotFoundException", 404, fault::client> {};
/// 409: the request conflicts with the current state of a resource.
struct conflict_exception : error_shape<"ConflictException", 409, fault::client> {};
/// 429: throttled; retryable (smithy.api#retryable).
struct throttling_exception : error_shape<"ThrottlingException", 429, fault::client, retryable::yes> {};

/// The service-wide error list (the model declares the errors once, on the service).
using service_errors = errors<validation_exception, service_quota_exceeded_exception, access_denied_exception,
                              resource_not_found_exception, conflict_exception, throttling_exception>;

}  // namespace restop::codecatalyst
