#pragma once
// restop::boxed<T>: an optional that keeps its value on the heap, for the member of a recursive
// structure (a structure that holds itself), which std::optional cannot. Only the standard library.

#include <utility>

#include "restop/value_traits.hpp"

namespace restop {

/// Optional, heap-held, copied deeply.
///
///     struct tree { std::string name; restop::boxed<tree> left; ... };
///
/// It owns its value through a plain pointer rather than a std::unique_ptr: <memory> is about
/// 75 ms of every translation unit that includes restop (clang 14 -ftime-trace), for one class
/// that few structures need, and nothing else in the core includes it.
template <class T>
class boxed {
public:
    boxed() = default;
    boxed(T value) : value_(new T(std::move(value))) {}
    boxed(const boxed& other) : value_(other.value_ ? new T(*other.value_) : nullptr) {}
    boxed(boxed&& other) noexcept : value_(std::exchange(other.value_, nullptr)) {}
    boxed& operator=(const boxed& other) {
        boxed copy(other);  // copied before the old value goes, so a throwing copy leaves *this as it was
        std::swap(value_, copy.value_);
        return *this;
    }
    boxed& operator=(boxed&& other) noexcept {
        if (this != &other) {
            reset();
            value_ = std::exchange(other.value_, nullptr);
        }
        return *this;
    }
    ~boxed() {
        // As std::default_delete does: deleting an incomplete type would skip its destructor.
        static_assert(sizeof(T) > 0, "restop::boxed<T> is destroyed where T is incomplete");
        delete value_;
    }

    bool has_value() const noexcept { return value_ != nullptr; }
    explicit operator bool() const noexcept { return has_value(); }
    const T& operator*() const noexcept { return *value_; }
    T& operator*() noexcept { return *value_; }
    const T* operator->() const noexcept { return value_; }
    T* operator->() noexcept { return value_; }
    T& emplace() {
        T* fresh = new T();
        reset();
        return *(value_ = fresh);
    }
    void reset() noexcept { delete std::exchange(value_, nullptr); }

    friend bool operator==(const boxed& a, const boxed& b) {
        return a.has_value() == b.has_value() && (!a.has_value() || *a == *b);
    }

private:
    T* value_ = nullptr;
};

namespace detail {
template <class T>
struct unwrapped<boxed<T>> {
    using type = typename unwrapped<T>::type;
};
}  // namespace detail

/// Like std::optional<T>'s traits; T's traits are looked up only when used, so T may be
/// incomplete where boxed<T> is declared.
template <class T>
struct value_traits<boxed<T>> {
    static constexpr value_kind kind = value_kind::structure;
    static constexpr bool can_be_absent = true;
    static constexpr bool required_by_type = false;
    static bool present(const boxed<T>& value) noexcept { return value.has_value(); }
    static std::optional<validation_error> check(const boxed<T>& value, checks level, std::string_view member) {
        return value ? value_traits<T>::check(*value, level, member) : std::nullopt;
    }
    static void write_json(auto& json, const boxed<T>& value, const wire_context& context) {
        if (value)
            value_traits<T>::write_json(json, *value, context);
        else
            json.emplace_null();
    }
    static detail::read_outcome read_json(const auto& json, boxed<T>& out, const wire_context& context) {
        if (json.is_null()) {
            out.reset();
            return std::nullopt;
        }
        return value_traits<T>::read_json(json, out.emplace(), context);
    }
};

}  // namespace restop
