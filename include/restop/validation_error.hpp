#pragma once
// restop::validation_error: input refused before anything is encoded or sent.

#include <cstdint>
#include <limits>
#include <ostream>
#include <string>
#include <string_view>

#include "restop/fault.hpp"

namespace restop {

/// The rule an input broke.
enum class constraint {
    required,          ///< a required member was never set
    length,            ///< Smithy @length, counted in Unicode scalar values
    range,             ///< Smithy @range
    pattern,           ///< Smithy @pattern
    utf8,              ///< a string that is not valid UTF-8
    non_empty_label,   ///< an empty URI label would address a different resource
    no_control_bytes,  ///< a header value may not carry CR, LF, NUL or other control bytes
    token_present,     ///< the bearer token is empty
    number_syntax,     ///< a bigInteger or bigDecimal whose text is not a number
    union_members,     ///< a union must have exactly one member set
    host_label,        ///< a host label may hold only letters, digits and '-'
};

/// The constraint's name as the messages use it: "length", "pattern", ….
constexpr std::string_view to_string(constraint c) noexcept {
    switch (c) {
        case constraint::required: return "required";
        case constraint::length: return "length";
        case constraint::range: return "range";
        case constraint::pattern: return "pattern";
        case constraint::utf8: return "utf8";
        case constraint::non_empty_label: return "non_empty_label";
        case constraint::no_control_bytes: return "no_control_bytes";
        case constraint::token_present: return "token_present";
        case constraint::number_syntax: return "number_syntax";
        case constraint::union_members: return "union_members";
        case constraint::host_label: return "host_label";
    }
    return "required";
}

/// Names the member, the constraint and the measure of the value that broke it; never the
/// value itself, which may be a secret or hold bytes unfit for a log line.
///
///     auto r = restop::encode(delete_access_token{.id = runtime_id}, token);
///     if (!r) std::cerr << r.error();  // member 'id' has length 37 (Unicode scalar values), outside @length 1..36
struct validation_error {
    static constexpr std::int64_t unbounded_min = std::numeric_limits<std::int64_t>::min();
    static constexpr std::int64_t unbounded_max = std::numeric_limits<std::int64_t>::max();

    std::string_view member;       ///< wire name of the member, "bearer token", "AWS ..." or "SigV4 ..."; static storage
    restop::constraint violated = constraint::required;
    std::int64_t measure = 0;      ///< length, value, or byte offset of the offending byte
    std::int64_t min = unbounded_min;
    std::int64_t max = unbounded_max;
    std::string_view pattern;      ///< the @pattern text, for constraint::pattern

    static constexpr restop::fault fault() noexcept { return restop::fault::client; }
    static constexpr bool retryable() noexcept { return false; }

    /// One sentence describing the violation, as shown by operator<<.
    std::string message() const {
        // A credential or a signing input is not a member of the operation: "the AWS secret access key".
        const bool credential = member == "bearer token" || member.starts_with("AWS ") || member.starts_with("SigV4 ");
        std::string text = credential ? "the " + std::string(member) : "member '" + std::string(member) + "'";
        switch (violated) {
            case constraint::required: return text + " is required but was not set";
            case constraint::length:
                return text + " has length " + std::to_string(measure) + " (Unicode scalar values), outside @length " +
                       bounds();
            case constraint::range: return text + " is " + std::to_string(measure) + ", outside @range " + bounds();
            case constraint::pattern: return text + " does not match @pattern " + std::string(pattern);
            case constraint::utf8:
                return text + " is not valid UTF-8 (first invalid byte at offset " + std::to_string(measure) + ")";
            case constraint::non_empty_label: return text + " is an empty URI label";
            case constraint::no_control_bytes:
                return text + " holds a control byte at offset " + std::to_string(measure) +
                       ", which must never reach a header";
            case constraint::token_present: return text + " is empty";
            case constraint::number_syntax: return text + " is not a decimal number";
            case constraint::union_members:
                return text + " is a union with " + std::to_string(measure) + " members set; exactly one must be set";
            case constraint::host_label:
                return text + " holds a byte at offset " + std::to_string(measure) +
                       " that cannot appear in a host name (letters, digits and '-' only)";
        }
        return text;
    }

private:
    std::string bounds() const {
        std::string text = min == unbounded_min ? std::string() : std::to_string(min);
        text += "..";
        if (max != unbounded_max) text += std::to_string(max);
        return text;
    }
};

/// The one sentence of message(): the member and the constraint, never the value.
inline std::ostream& operator<<(std::ostream& out, const validation_error& error) { return out << error.message(); }

}  // namespace restop
