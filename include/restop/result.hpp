#pragma once
// restop::result<T, E>: a value or an error, without exceptions (C++20 has no std::expected).

#include <cstdlib>
#include <type_traits>
#include <utility>
#include <variant>

namespace restop {

namespace detail {
// Reading the wrong alternative is a programming error; with exceptions possibly disabled the
// only honest answer is to stop (like std::optional::operator* under assertions).
[[noreturn]] inline void result_misuse() noexcept { std::abort(); }
}  // namespace detail

/// Marks a value as the error alternative: `return restop::failure(validation_error{...});`.
template <class E>
struct failure {
    // A constructor rather than an aggregate: clang 14 cannot deduce failure(e) for aggregates.
    explicit constexpr failure(E e) : error(std::move(e)) {}
    E error;
};
template <class E>
failure(E) -> failure<E>;

/// Either a `T` (success) or an `E` (error). Accessing the absent side aborts.
///
///     restop::result<int, std::string> r = 42;
///     if (r) use(*r); else log(r.error());
template <class T, class E>
class result {
public:
    using value_type = T;
    using error_type = E;

    template <class U = T>
        requires std::is_constructible_v<T, U&&> && (!std::is_same_v<std::remove_cvref_t<U>, result>)
    constexpr result(U&& value) : state_(std::in_place_index<0>, std::forward<U>(value)) {}

    template <class G>
        requires std::is_constructible_v<E, G&&>
    constexpr result(failure<G> f) : state_(std::in_place_index<1>, std::move(f.error)) {}

    constexpr bool has_value() const noexcept { return state_.index() == 0; }
    constexpr explicit operator bool() const noexcept { return has_value(); }

    constexpr T& value() & { return checked<0>(); }
    constexpr const T& value() const& { return checked<0>(); }
    constexpr T&& value() && { return std::move(checked<0>()); }
    constexpr E& error() & { return checked<1>(); }
    constexpr const E& error() const& { return checked<1>(); }
    constexpr E&& error() && { return std::move(checked<1>()); }

    constexpr T& operator*() & { return value(); }
    constexpr const T& operator*() const& { return value(); }
    constexpr T* operator->() { return &value(); }
    constexpr const T* operator->() const { return &value(); }

private:
    template <std::size_t I>
    constexpr auto& checked() const& {
        if (state_.index() != I) detail::result_misuse();
        return *std::get_if<I>(&state_);
    }
    template <std::size_t I>
    constexpr auto& checked() & {
        if (state_.index() != I) detail::result_misuse();
        return *std::get_if<I>(&state_);
    }

    std::variant<T, E> state_;
};

/// Success without a value, or an `E`.
template <class E>
class result<void, E> {
public:
    using value_type = void;
    using error_type = E;

    constexpr result() noexcept = default;
    template <class G>
        requires std::is_constructible_v<E, G&&>
    constexpr result(failure<G> f) : error_(std::move(f.error)), failed_(true) {}

    constexpr bool has_value() const noexcept { return !failed_; }
    constexpr explicit operator bool() const noexcept { return has_value(); }

    constexpr E& error() & {
        if (!failed_) detail::result_misuse();
        return error_;
    }
    constexpr const E& error() const& {
        if (!failed_) detail::result_misuse();
        return error_;
    }
    constexpr E&& error() && {
        if (!failed_) detail::result_misuse();
        return std::move(error_);
    }

private:
    E error_{};
    bool failed_ = false;
};

}  // namespace restop
