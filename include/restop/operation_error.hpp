#pragma once
// restop::operation_error: everything that can go wrong with one call, as one value: a modeled
// error shape, an error the model does not know, input refused before sending, or a transport
// failure. Each says its fault, whether a retry may help, and what the service answered.

#include <concepts>
#include <cstddef>
#include <cstring>
#include <new>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include "restop/error_shape.hpp"
#include "restop/fault.hpp"
#include "restop/transport.hpp"
#include "restop/validation_error.hpp"

namespace restop {

/// The `x-amzn-requestid` of a response, kept in place: AWS request ids are 36-character UUIDs,
/// so holding one costs no allocation (an id longer than `inline_capacity` is kept whole on the
/// heap). It is a std::string_view of its own bytes, so that code written against the
/// std::string it replaces keeps compiling: comparisons, `.empty()`, `<<`, conversion to
/// std::string, and every API that takes a string view.
///
/// Making one never throws: should the heap refuse a long id, its first `inline_capacity`
/// bytes are kept. (A constructor that may throw inside decode()'s aggregate initialisations
/// also sets off a false -Wmaybe-uninitialized in g++ 12 at -O3.)
///
///     if (!outcome) log(outcome.error().request_id());  // "7f4f1d42-6a1b-4b5e-9a43-3c9f1b7e2d10"
class request_id_text : public std::string_view {
public:
    static constexpr std::size_t inline_capacity = 48;

    request_id_text() noexcept : std::string_view(inline_, 0) {}
    request_id_text(std::string_view text) noexcept : std::string_view(inline_, 0) {
        if (!text.empty()) assign(text);  // a response without an id (a proxy's 5xx) costs nothing
    }
    request_id_text(const std::string& text) noexcept : request_id_text(std::string_view(text)) {}
    request_id_text(const char* text) noexcept : request_id_text(std::string_view(text)) {}

    // The view must always point at this object's own bytes, so copies and moves re-aim it.
    request_id_text(const request_id_text& other) noexcept : request_id_text(std::string_view(other)) {}
    request_id_text(request_id_text&& other) noexcept : std::string_view(inline_, 0) { take(other); }
    request_id_text& operator=(const request_id_text& other) noexcept {
        if (this != &other) assign(other);
        return *this;
    }
    request_id_text& operator=(request_id_text&& other) noexcept {
        if (this != &other) take(other);
        return *this;
    }
    ~request_id_text() { delete[] heap_; }

    operator std::string() const { return std::string(data(), size()); }

    // The view always covers the whole id.
    void remove_prefix(size_type) = delete;
    void remove_suffix(size_type) = delete;
    void swap(std::string_view&) = delete;

private:
    std::string_view& view() noexcept { return *this; }

    void assign(std::string_view text) noexcept {
        char* const old_heap = heap_;  // freed last: `text` may be this very id
        char* const long_copy = text.size() > inline_capacity ? new (std::nothrow) char[text.size()] : nullptr;
        if (long_copy) {
            std::memcpy(long_copy, text.data(), text.size());
            heap_ = long_copy;
            view() = std::string_view(heap_, text.size());
        } else {
            const std::size_t size = text.size() < inline_capacity ? text.size() : inline_capacity;
            if (size != 0) std::memmove(inline_, text.data(), size);  // `text` may be part of this very id
            heap_ = nullptr;
            view() = std::string_view(inline_, size);
        }
        delete[] old_heap;
    }

    void take(request_id_text& other) noexcept {
        delete[] heap_;
        heap_ = nullptr;
        if (other.heap_ != nullptr && other.data() == other.heap_) {
            heap_ = other.heap_;  // a long id: steal its heap buffer
            other.heap_ = nullptr;
            view() = std::string_view(heap_, other.size());
        } else if (other.data() == other.inline_) {
            // A short id: copy the whole buffer, a fixed size the compiler turns into a few
            // register moves rather than a call.
            std::memcpy(inline_, other.inline_, inline_capacity);
            view() = std::string_view(inline_, other.size());
        } else {
            // The view was re-aimed through a std::string_view&: keep what fits.
            const std::size_t size = other.size() < inline_capacity ? other.size() : inline_capacity;
            if (size != 0) std::memmove(inline_, other.data(), size);
            view() = std::string_view(inline_, size);
        }
        other.view() = std::string_view(other.inline_, 0);
    }

    char inline_[inline_capacity]{};  // zeroed, so that a move may copy all of it
    char* heap_ = nullptr;  // an id longer than inline_capacity, else null
};

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

// Writes `text` with each control byte (C0 and DEL) as \xNN: text from the wire goes to logs.
inline std::ostream& write_escaped(std::ostream& out, std::string_view text) {
    constexpr char hex[] = "0123456789ABCDEF";
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F)
            out << '\\' << 'x' << hex[byte >> 4] << hex[byte & 0xF];
        else
            out << c;
    }
    return out;
}

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
    using variant_type = std::variant<Shapes..., unknown_error, validation_error, transport_error, malformed_response>;

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

    template <class E>
    bool holds() const noexcept {
        return std::holds_alternative<E>(what_);
    }
    template <class E>
    const E* get_if() const noexcept {
        return std::get_if<E>(&what_);
    }
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
