#pragma once
// restop::sensitive_string: a value the model marks @sensitive (a token's secret), in a type
// that will not print it and wipes it when done.

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace restop {

/// Holds a @sensitive string. It prints as `<redacted>`, converts to nothing, and its only
/// accessor is the deliberately named reveal().
///
///     std::cout << created->output.secret;          // <redacted>
///     save_to_keychain(created->output.secret.reveal());
class sensitive_string {
public:
    sensitive_string() = default;
    explicit sensitive_string(std::string value) noexcept : value_(std::move(value)) {}
    sensitive_string(const sensitive_string&) = default;
    sensitive_string& operator=(const sensitive_string&) = default;
    sensitive_string(sensitive_string&& other) noexcept : value_(std::move(other.value_)) { other.wipe(); }
    sensitive_string& operator=(sensitive_string&& other) noexcept {
        if (this != &other) {
            wipe();
            value_ = std::move(other.value_);
            other.wipe();
        }
        return *this;
    }
    ~sensitive_string() { wipe(); }

    bool empty() const noexcept { return value_.empty(); }
    std::size_t size() const noexcept { return value_.size(); }
    std::string_view reveal() const noexcept { return value_; }

    friend std::ostream& operator<<(std::ostream& out, const sensitive_string&) { return out << "<redacted>"; }
    friend bool operator==(const sensitive_string& a, const sensitive_string& b) noexcept { return a.value_ == b.value_; }

private:
    void wipe() noexcept {
        volatile char* p = value_.data();  // volatile: the stores must survive the free that follows
        for (std::size_t i = 0; i < value_.size(); ++i) p[i] = 0;
        value_.clear();
    }

    std::string value_;
};

}  // namespace restop
