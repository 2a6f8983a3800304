#pragma once
// A std::string that zeroes its bytes before they are freed or moved away: the storage shared by
// restop's secret-holding types (bearer_token, sensitive_string).

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace restop::detail {

class wiped_string {
public:
    wiped_string() = default;
    explicit wiped_string(std::string value) noexcept : value_(std::move(value)) {}
    wiped_string(const wiped_string&) = default;
    wiped_string& operator=(const wiped_string& other) {
        if (this != &other) {
            wipe();
            value_ = other.value_;
        }
        return *this;
    }
    wiped_string(wiped_string&& other) noexcept : value_(std::move(other.value_)) { other.wipe(); }
    wiped_string& operator=(wiped_string&& other) noexcept {
        if (this != &other) {
            wipe();
            value_ = std::move(other.value_);
            other.wipe();
        }
        return *this;
    }
    ~wiped_string() { wipe(); }

    std::string_view view() const noexcept { return value_; }
    bool empty() const noexcept { return value_.empty(); }
    std::size_t size() const noexcept { return value_.size(); }

private:
    void wipe() noexcept {
        volatile char* p = value_.data();  // volatile: the stores must survive the free that follows
        for (std::size_t i = 0; i < value_.size(); ++i) p[i] = 0;
        value_.clear();
    }

    std::string value_;
};

}  // namespace restop::detail
