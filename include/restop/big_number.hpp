#pragma once
// Smithy bigInteger and bigDecimal: arbitrary-precision numbers kept exactly, as their decimal
// text, since no C++ standard type holds them. Only the standard library.

#include <charconv>
#include <string>
#include <string_view>
#include <utility>

#include "restop/value_traits.hpp"

namespace restop {

namespace detail {
// JSON number grammar (RFC 8259 section 6); `integer_only` refuses a fraction and an exponent.
constexpr bool is_json_number(std::string_view text, bool integer_only) noexcept {
    std::size_t i = 0;
    auto digit = [&](std::size_t at) { return at < text.size() && text[at] >= '0' && text[at] <= '9'; };
    if (i < text.size() && text[i] == '-') ++i;
    if (!digit(i)) return false;
    if (text[i] == '0') ++i;
    else
        while (digit(i)) ++i;
    if (integer_only) return i == text.size();
    if (i < text.size() && text[i] == '.') {
        if (!digit(++i)) return false;
        while (digit(i)) ++i;
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
        if (!digit(i)) return false;
        while (digit(i)) ++i;
    }
    return i == text.size();
}

template <bool IntegerOnly>
class big_number {
public:
    big_number() : text_("0") {}
    /// Any JSON number text (`"123456789012345678901234567890"`); validate() refuses other text.
    big_number(std::string text) noexcept : text_(std::move(text)) {}
    big_number(std::string_view text) : text_(text) {}
    big_number(const char* text) : text_(text) {}

    std::string_view text() const noexcept { return text_; }
    bool is_valid() const noexcept { return is_json_number(text_, IntegerOnly); }
    friend bool operator==(const big_number&, const big_number&) = default;

private:
    std::string text_;
};
}  // namespace detail

/// smithy.api#BigInteger, exact: `restop::big_integer n = "123456789012345678901234567890";`
using big_integer = detail::big_number<true>;
/// smithy.api#BigDecimal, exact: `restop::big_decimal d = "0.1";`
using big_decimal = detail::big_number<false>;

/// In text (headers, query, labels) a big number is its digits. In a JSON body it is a JSON
/// number: Boost.JSON's DOM holds numbers as 64-bit integers or doubles, so a value beyond
/// those is rounded there (write and read); the text form is exact.
template <bool IntegerOnly>
struct value_traits<detail::big_number<IntegerOnly>> : scalar_value_traits<detail::big_number<IntegerOnly>> {
    using number = detail::big_number<IntegerOnly>;
    static constexpr value_kind kind = value_kind::big_number;
    static std::optional<validation_error> check(const number& value, checks, std::string_view member) noexcept {
        if (value.is_valid()) return std::nullopt;
        return detail::make_validation_error(member, detail::violation_of(constraint::number_syntax));
    }
    static void append_text(std::string& out, const number& value, const wire_context&) { out.append(value.text()); }
    static detail::read_outcome read_text(std::string_view text, number& out, const wire_context&) {
        if (!detail::is_json_number(text, IntegerOnly)) return detail::problem(IntegerOnly ? "is not an integer" : "is not a number");
        out = number(text);
        return std::nullopt;
    }
    static void write_json(auto& json, const number& value, const wire_context&) {
        const std::string_view text = value.text();
        std::int64_t integer = 0;
        if (const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), integer);
            ec == std::errc() && end == text.data() + text.size()) {
            json.emplace_int64() = integer;
            return;
        }
        double approximate = 0;
        std::from_chars(text.data(), text.data() + text.size(), approximate);
        json.emplace_double() = approximate;
    }
    static detail::read_outcome read_json(const auto& json, number& out, const wire_context&) {
        char digits[64];
        char* end = digits;
        if (json.is_int64())
            end = std::to_chars(digits, digits + sizeof digits, json.get_int64()).ptr;
        else if (json.is_uint64())
            end = std::to_chars(digits, digits + sizeof digits, json.get_uint64()).ptr;
        else if (json.is_double() && !IntegerOnly)
            end = std::to_chars(digits, digits + sizeof digits, json.get_double()).ptr;
        else
            return detail::problem(IntegerOnly ? "is not an integer" : "is not a number");
        out = number(std::string(digits, end));
        return std::nullopt;
    }
};

}  // namespace restop
