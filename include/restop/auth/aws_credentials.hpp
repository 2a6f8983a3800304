#pragma once
// restop::aws_credentials: the identity AWS Signature Version 4 signs with, in a type that will
// not print its secrets. Standard library only; the signer is <restop/auth/sigv4.hpp>.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

#include "restop/detail/wiped_string.hpp"
#include "restop/result.hpp"
#include "restop/validation_error.hpp"

namespace restop {

namespace detail {
// The offset of the first control byte (below 0x20, or 0x7F), if any.
constexpr std::optional<std::size_t> first_credential_control_byte(std::string_view text) noexcept {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x20 || byte == 0x7F) return i;
    }
    return std::nullopt;
}

// A validation_error for a credential or signing input (the designated-initialiser form trips
// -Wmissing-field-initializers).
inline validation_error credential_error(std::string_view name, constraint violated, std::int64_t measure = 0,
                                         std::int64_t min = validation_error::unbounded_min,
                                         std::int64_t max = validation_error::unbounded_max) noexcept {
    validation_error error;
    error.member = name;
    error.violated = violated;
    error.measure = measure;
    error.min = min;
    error.max = max;
    return error;
}

inline std::optional<validation_error> check_credential(std::string_view name, std::string_view value,
                                                        bool required) noexcept {
    if (required && value.empty()) return credential_error(name, constraint::token_present);
    if (auto at = first_credential_control_byte(value))
        return credential_error(name, constraint::no_control_bytes, static_cast<std::int64_t>(*at));
    return std::nullopt;
}
}  // namespace detail

/// An AWS access key id, secret access key and optional session token (temporary credentials
/// from STS carry one). The secret and the session token are held like `bearer_token`: wiped on
/// destruction, no implicit conversion, and `operator<<` writes `<redacted>` for both; only the
/// access key id, which AWS treats as an identifier, is printed.
///
///     auto credentials = restop::aws_credentials::make(std::getenv("AWS_ACCESS_KEY_ID"),
///                                                      std::getenv("AWS_SECRET_ACCESS_KEY"),
///                                                      std::getenv("AWS_SESSION_TOKEN"));
///     if (!credentials) { std::cerr << credentials.error() << '\n'; return 1; }  // names the credential only
///     std::cout << *credentials;  // aws_credentials(AKIDEXAMPLE, secret <redacted>, session token <redacted>)
///
/// `validate()` (and `make`, and every signing) refuses an empty access key id or secret and a
/// control byte in any of the three, with a `validation_error` that names the credential and the
/// offset, never the value.
class aws_credentials {
public:
    aws_credentials() = default;
    aws_credentials(std::string access_key_id, std::string secret_access_key, std::string session_token = {}) noexcept
        : access_key_id_(std::move(access_key_id)),
          secret_(std::move(secret_access_key)),
          session_token_(std::move(session_token)) {}

    /// Builds and validates; a null pointer counts as empty (an unset environment variable).
    static result<aws_credentials, validation_error> make(const char* access_key_id, const char* secret_access_key,
                                                          const char* session_token = nullptr) {
        aws_credentials credentials(access_key_id ? access_key_id : "", secret_access_key ? secret_access_key : "",
                                    session_token ? session_token : "");
        if (auto valid = credentials.validate(); !valid) return failure(valid.error());
        return credentials;
    }

    /// Refuses an empty access key id or secret access key and a control byte in any credential
    /// (they would forge header lines or break the credential scope).
    result<void, validation_error> validate() const noexcept {
        if (auto e = detail::check_credential("AWS access key id", access_key_id_, true)) return failure(*e);
        if (auto e = detail::check_credential("AWS secret access key", secret_.view(), true)) return failure(*e);
        if (auto e = detail::check_credential("AWS session token", session_token_.view(), false)) return failure(*e);
        return {};
    }

    std::string_view access_key_id() const noexcept { return access_key_id_; }
    bool has_session_token() const noexcept { return !session_token_.empty(); }

    /// The secret itself, for the one place that must use it: the SigV4 key derivation.
    std::string_view reveal_secret() const noexcept { return secret_.view(); }
    /// The session token, for the one place that must write it: X-Amz-Security-Token.
    std::string_view reveal_session_token() const noexcept { return session_token_.view(); }

    friend std::ostream& operator<<(std::ostream& out, const aws_credentials& credentials) {
        // A key id with a control byte is invalid, and printing it could forge a log line.
        if (detail::first_credential_control_byte(credentials.access_key_id_))
            out << "aws_credentials(<invalid access key id>, secret <redacted>";
        else
            out << "aws_credentials(" << credentials.access_key_id_ << ", secret <redacted>";
        if (credentials.has_session_token()) out << ", session token <redacted>";
        return out << ')';
    }

private:
    std::string access_key_id_;
    detail::wiped_string secret_;
    detail::wiped_string session_token_;
};

}  // namespace restop
