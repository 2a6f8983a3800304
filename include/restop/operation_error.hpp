#pragma once
// restop::operation_error: everything that can go wrong with one call, as one value: a modeled
// error shape, an error the model does not know, input refused before sending, or a transport
// failure. Each says its fault, whether a retry may help, and what the service answered.

#include <concepts>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include "restop/detail/control_bytes.hpp"
#include "restop/error_shape.hpp"
#include "restop/fault.hpp"
#include "restop/request_id.hpp"
#include "restop/transport.hpp"
#include "restop/validation_error.hpp"

namespace restop {

/// An error response the model does not describe: an unknown name, or a status with no
/// modeled shape (a 5xx from a load balancer, a 3xx). Kept whole for inspection.
struct unknown_error {
    std::string name;     ///< sanitized error name from the response; empty when it named none
    std::string message;  ///< `message` or `Message` from a JSON body, else empty
    std::string body;     ///< the raw body, as received
};

/// A 2xx response whose body does not hold the output the model promises (a required member
/// missing, a member of the wrong type, a body that is not JSON). The call may have taken
/// effect: the status says so; the output could not be read.
struct malformed_response {
    std::string message;  ///< names the member and what is wrong with it, never its value
    std::string body;     ///< the raw body, as received
};

/// The five kinds of operation_error, as `kind()` tells them.
enum class error_kind {
    modeled,     ///< one of the operation's error shapes
    unknown,     ///< a service error the model does not know
    validation,  ///< refused before sending: nothing reached the wire
    transport,   ///< no response: the transport failed
    malformed,   ///< a success status whose body does not match the modeled output
};

namespace detail {
// A recipe that builds an operation_error where it will live (inside a restop::result), so that
// decode() moves no error on its way out: it names the alternative, gives the status and the
// request id, and fills the default-constructed alternative in place.
template <class R>
concept error_recipe = requires(const R& r) {
    typename R::alternative;
    { r.status } -> std::convertible_to<int>;
    { r.request_id } -> std::convertible_to<std::string_view>;
};

// The statuses AWS's standard retry mode treats as transient (plus throttling's 429).
constexpr bool is_transient_status(int status) noexcept {
    return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}
}  // namespace detail

/// The error side of every restop result for an operation whose errors are `Shapes...`.
///
///     if (auto* missing = error.get_if<resource_not_found_exception>()) ...;
///     if (error.retryable()) ...;
///     std::cerr << error;  // ResourceNotFoundException (HTTP 404, client fault): ... [request id ...]
template <class... Shapes>
class operation_error {
public:
    /// Every error the operation can end with: its modelled shapes, then restop's four kinds.
    using variant_type = std::variant<Shapes..., unknown_error, validation_error, transport_error, malformed_response>;

    /// An error from any alternative, the status of the response (0 when none arrived) and its
    /// request id.
    operation_error(variant_type what, int status = 0, request_id_text request_id = {})
        : what_(std::move(what)), status_(status), request_id_(std::move(request_id)) {}

    /// The same from one alternative, which goes straight into place, saving a move of the
    /// whole variant (call() passes refused input and transport failures this way).
    template <class E>
        requires(std::is_same_v<E, Shapes> || ... ||
                 (std::is_same_v<E, unknown_error> || std::is_same_v<E, validation_error> ||
                  std::is_same_v<E, transport_error> || std::is_same_v<E, malformed_response>))
    operation_error(E what, int status = 0, request_id_text request_id = {})
        : what_(std::in_place_type<E>, std::move(what)), status_(status), request_id_(std::move(request_id)) {}

    /// Builds the error in place from a recipe; restop's decode() uses it (see detail::error_recipe).
    template <detail::error_recipe Recipe>
    [[gnu::always_inline]] explicit operation_error(Recipe&& recipe)
        : what_(std::in_place_type<typename std::remove_cvref_t<Recipe>::alternative>),
          status_(recipe.status),
          request_id_(recipe.request_id) {
        recipe.fill(*std::get_if<typename std::remove_cvref_t<Recipe>::alternative>(&what_));
    }

    /// Which of the five kinds this is: a modelled shape, an unknown error the service named (or
    /// did not), input refused before sending, a transport failure, or a malformed response.
    error_kind kind() const noexcept {
        if (std::holds_alternative<unknown_error>(what_)) return error_kind::unknown;
        if (std::holds_alternative<validation_error>(what_)) return error_kind::validation;
        if (std::holds_alternative<transport_error>(what_)) return error_kind::transport;
        if (std::holds_alternative<malformed_response>(what_)) return error_kind::malformed;
        return error_kind::modeled;
    }

    /// The HTTP status of the response; 0 when no response was received.
    int status() const noexcept { return status_; }

    /// The `x-amzn-requestid` of the response, or empty.
    const request_id_text& request_id() const noexcept { return request_id_; }

    /// The shape's wire name; an unknown error's own name, or "UnknownError" when the response
    /// named none; "InvalidInput" and "TransportError" for the two client-side kinds;
    /// "MalformedResponse" for a success whose body could not be read.
    std::string_view name() const noexcept {
        return std::visit(
            [](const auto& e) -> std::string_view {
                using E = std::decay_t<decltype(e)>;
                if constexpr (std::is_same_v<E, unknown_error>)
                    return e.name.empty() ? std::string_view("UnknownError") : std::string_view(e.name);
                else if constexpr (std::is_same_v<E, validation_error>)
                    return "InvalidInput";
                else if constexpr (std::is_same_v<E, transport_error>)
                    return "TransportError";
                else if constexpr (std::is_same_v<E, malformed_response>)
                    return "MalformedResponse";
                else
                    return E::wire_name;
            },
            what_);
    }

    /// The message: the service's (`message`/`Message` member) for a modelled or unknown error,
    /// the sentence naming the member and the constraint for refused input, the transport's
    /// description, or what could not be read in a malformed response. Never a secret.
    std::string message() const {
        return std::visit(
            [](const auto& e) -> std::string {
                using E = std::decay_t<decltype(e)>;
                if constexpr (std::is_same_v<E, validation_error>)
                    return e.message();
                else
                    return e.message;
            },
            what_);
    }

    /// Whose fault it is (smithy.api#error): the shape's for a modelled error, by status (5xx:
    /// server) for an unknown one, the client's for refused input and a transport failure, the
    /// server's for a malformed response.
    restop::fault fault() const noexcept {
        return std::visit(
            [this](const auto& e) -> restop::fault {
                using E = std::decay_t<decltype(e)>;
                if constexpr (std::is_same_v<E, unknown_error>)
                    return status_ >= 500 ? restop::fault::server : restop::fault::client;
                else if constexpr (std::is_same_v<E, validation_error> || std::is_same_v<E, transport_error>)
                    return E::fault();
                else if constexpr (std::is_same_v<E, malformed_response>)
                    return restop::fault::server;  // the service sent what its model rules out
                else
                    return E::fault_kind;
            },
            what_);
    }

    /// Whether the AWS standard retry mode may try again: the shape's @retryable, a transient
    /// status (429, 500, 502, 503, 504) for an unknown error, the transport's verdict; never
    /// refused input or a malformed response.
    bool retryable() const noexcept {
        return std::visit(
            [this](const auto& e) -> bool {
                using E = std::decay_t<decltype(e)>;
                if constexpr (std::is_same_v<E, unknown_error>)
                    return detail::is_transient_status(status_);
                else if constexpr (std::is_same_v<E, validation_error> || std::is_same_v<E, malformed_response>)
                    return false;  // malformed: the operation may have succeeded; repeating it is the caller's call
                else if constexpr (std::is_same_v<E, transport_error>)
                    return e.retryable();
                else
                    return E::is_retryable;
            },
            what_);
    }

    /// Whether the error is the alternative `E` (a modelled shape or one of restop's kinds).
    template <class E>
    bool holds() const noexcept {
        return std::holds_alternative<E>(what_);
    }
    /// The alternative `E`, or nullptr when the error is another one.
    template <class E>
    const E* get_if() const noexcept {
        return std::get_if<E>(&what_);
    }
    /// The whole variant, for std::visit over every alternative.
    const variant_type& variant() const noexcept { return what_; }

    /// One log line: name, status, fault, message, request id. What the service sent is printed
    /// with control bytes escaped (`\x0A`), so a hostile response cannot forge log lines.
    friend std::ostream& operator<<(std::ostream& out, const operation_error& error) {
        detail::write_escaped(out, error.name());
        if (error.status_ != 0) out << " (HTTP " << error.status_ << ", " << to_string(error.fault()) << " fault)";
        const std::string text = error.message();
        if (!text.empty()) detail::write_escaped(out << ": ", text);
        if (!error.request_id_.empty()) detail::write_escaped(out << " [request id ", error.request_id_) << ']';
        return out;
    }

private:
    variant_type what_;
    int status_ = 0;
    request_id_text request_id_;
};

namespace detail {
template <class Errors>
struct error_for;
template <class... Shapes>
struct error_for<errors<Shapes...>> {
    using type = operation_error<Shapes...>;
};
}  // namespace detail

}  // namespace restop
