#pragma once
// restop::request_id_text: where a reply or an error keeps the `x-amzn-requestid` of its response,
// without allocating for the ids AWS sends. Only the standard library.

#include <compare>
#include <cstddef>
#include <cstring>
#include <new>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>

namespace restop {

/// The `x-amzn-requestid` of a response, kept in place: AWS request ids are 36-character UUIDs,
/// so holding one costs no allocation (an id longer than `inline_capacity` is kept whole on the
/// heap). It reads like the std::string it replaces: it compares with text, prints with `<<`,
/// converts to std::string and std::string_view, and has `.empty()`, `.size()` and `.data()`.
///
/// Making one never throws: should the heap refuse a long id, its first `inline_capacity`
/// bytes are kept. (A constructor that may throw inside decode()'s aggregate initialisations
/// also sets off a false -Wmaybe-uninitialized in g++ 12 at -O3.)
///
///     if (!outcome) log(outcome.error().request_id());  // "7f4f1d42-6a1b-4b5e-9a43-3c9f1b7e2d10"
///     std::string kept = outcome->request_id;
class request_id_text {
    template <class T>
    static constexpr bool is_text = std::is_convertible_v<const T&, std::string_view> && !std::is_same_v<T, request_id_text>;

public:
    static constexpr std::size_t inline_capacity = 48;

    request_id_text() noexcept = default;
    request_id_text(std::string_view text) noexcept {
        if (!text.empty()) assign(text);  // a response without an id (a proxy's 5xx) costs nothing
    }
    request_id_text(const std::string& text) noexcept : request_id_text(std::string_view(text)) {}
    request_id_text(const char* text) noexcept : request_id_text(std::string_view(text)) {}

    request_id_text(const request_id_text& other) noexcept : request_id_text(other.view()) {}
    request_id_text(request_id_text&& other) noexcept { take(other); }
    request_id_text& operator=(const request_id_text& other) noexcept {
        if (this != &other) assign(other.view());
        return *this;
    }
    request_id_text& operator=(request_id_text&& other) noexcept {
        if (this != &other) take(other);
        return *this;
    }
    ~request_id_text() { delete[] heap_; }

    /// The id's bytes, valid while this object lives and is not assigned to.
    std::string_view view() const noexcept { return {data(), size_}; }
    const char* data() const noexcept { return heap_ != nullptr ? heap_ : inline_; }
    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }

    operator std::string_view() const noexcept { return view(); }
    operator std::string() const { return std::string(view()); }

    // Templates, as std::string_view's own are, so that they take only text and never a type
    // that merely converts to a request_id_text (doctest's expression wrappers, for one).
    friend bool operator==(const request_id_text& a, const request_id_text& b) noexcept { return a.view() == b.view(); }
    template <class Text>
        requires is_text<Text>
    friend bool operator==(const request_id_text& a, const Text& b) noexcept {
        return a.view() == std::string_view(b);
    }
    friend std::strong_ordering operator<=>(const request_id_text& a, const request_id_text& b) noexcept {
        return a.view() <=> b.view();
    }
    template <class Text>
        requires is_text<Text>
    friend std::strong_ordering operator<=>(const request_id_text& a, const Text& b) noexcept {
        return a.view() <=> std::string_view(b);
    }
    friend std::ostream& operator<<(std::ostream& out, const request_id_text& id) { return out << id.view(); }

private:
    void assign(std::string_view text) noexcept {
        char* const old_heap = heap_;  // freed last: `text` may be this very id
        char* const long_copy = text.size() > inline_capacity ? new (std::nothrow) char[text.size()] : nullptr;
        if (long_copy) {
            std::memcpy(long_copy, text.data(), text.size());
            heap_ = long_copy;
            size_ = text.size();
        } else {
            const std::size_t size = text.size() < inline_capacity ? text.size() : inline_capacity;
            if (size != 0) std::memmove(inline_, text.data(), size);  // `text` may be part of this very id
            heap_ = nullptr;
            size_ = size;
        }
        delete[] old_heap;
    }

    void take(request_id_text& other) noexcept {
        delete[] heap_;
        heap_ = other.heap_;  // a long id: its heap buffer changes hands
        other.heap_ = nullptr;
        // A short id: copy the whole buffer, a fixed size the compiler turns into a few register
        // moves rather than a call.
        if (heap_ == nullptr) std::memcpy(inline_, other.inline_, inline_capacity);
        size_ = other.size_;
        other.size_ = 0;
    }

    char inline_[inline_capacity]{};  // zeroed, so that a move may copy all of it
    char* heap_ = nullptr;            // an id longer than inline_capacity, else null
    std::size_t size_ = 0;
};

}  // namespace restop
