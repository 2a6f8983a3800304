#pragma once
// The comparisons of the Smithy HTTP protocol compliance tests (smithy.test#httpRequestTests and
// httpResponseTests, https://smithy.io/2.0/additional-specs/http-protocol-compliance-tests.html),
// for the generated cases in requests_N.cpp and responses_N.cpp. Hand-written; the cases are not.

#include <cmath>
#include <cstddef>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json.hpp>
#include <doctest/doctest.h>

#include <restop/checksum.hpp>
#include <restop/compression.hpp>
#include <restop/restop.hpp>

namespace restop_protocol {

/// What a request case expects; empty fields are not checked.
struct expected_request {
    std::string_view method;
    std::string_view uri;                              // the path, without the query string
    std::vector<std::string_view> query_params;        // "key=value" as the wire spells it (percent-encoded)
    std::vector<std::string_view> forbid_query_params;  // keys
    std::vector<std::string_view> require_query_params;
    std::vector<std::pair<std::string_view, std::string_view>> headers;
    std::vector<std::string_view> forbid_headers;
    std::vector<std::string_view> require_headers;
    std::optional<std::string_view> body;
    std::string_view body_media_type;
    std::string_view host;           // the endpoint: "example.com", or "example.com/custom" with a base path
    std::string_view resolved_host;  // the host after the operation's host prefix
};

/// The token the cases expect for an @idempotencyToken the input leaves unset (the Smithy
/// suite's fixed UUID; real calls get a random UUID v4).
inline std::string fixed_idempotency_token() { return "00000000-0000-4000-8000-000000000000"; }

/// encode() as every request case calls it: anonymous (the suite's service is not signed in
/// tests) and with the suite's idempotency token.
template <class Op>
auto encode(const Op& input) {
    restop::encode_options options;
    options.make_idempotency_token = fixed_idempotency_token;
    return restop::encode(input, restop::anonymous, options);
}

/// Prints a skipped case and its reason (from skipped.txt), so the run says what it did not test.
inline void skip(std::string_view id, std::string_view reason) {
    MESSAGE("skipped " << std::string(id) << ": " << std::string(reason));
}

/// A result's error for a failed REQUIRE, or "ok".
template <class Result>
std::string describe(const Result& result) {
    if (result.has_value()) return "ok";
    std::ostringstream out;
    out << result.error();
    return out.str();
}

/// JSON values compared as values: member order ignored, numbers by their numeric value (the
/// suite writes 1 where a writer may put 1.0).
inline bool json_equal(const boost::json::value& a, const boost::json::value& b) {
    if (a.is_number() && b.is_number()) {
        if ((a.is_int64() || a.is_uint64()) && (b.is_int64() || b.is_uint64())) {
            if (a.is_int64() && b.is_int64()) return a.get_int64() == b.get_int64();
            if (a.is_uint64() && b.is_uint64()) return a.get_uint64() == b.get_uint64();
            return false;
        }
        const double x = a.to_number<double>();
        const double y = b.to_number<double>();
        return x == y || (std::isnan(x) && std::isnan(y));
    }
    if (a.kind() != b.kind()) return false;
    if (const auto* obj = a.if_object()) {
        const auto& other = b.get_object();
        if (obj->size() != other.size()) return false;
        for (const auto& [key, value] : *obj) {
            const auto* found = other.if_contains(key);
            if (!found || !json_equal(value, *found)) return false;
        }
        return true;
    }
    if (const auto* arr = a.if_array()) {
        const auto& other = b.get_array();
        if (arr->size() != other.size()) return false;
        for (std::size_t i = 0; i < arr->size(); ++i)
            if (!json_equal((*arr)[i], other[i])) return false;
        return true;
    }
    return a == b;
}

namespace detail {

inline std::string_view query_key(std::string_view pair) { return pair.substr(0, pair.find('=')); }

inline std::vector<std::string_view> split_query(std::string_view query) {
    std::vector<std::string_view> pairs;
    while (!query.empty()) {
        const std::size_t amp = query.find('&');
        pairs.push_back(query.substr(0, amp));
        if (amp == std::string_view::npos) break;
        query.remove_prefix(amp + 1);
    }
    return pairs;
}

// Every value of a header, joined as a list header would be (RFC 9110 §5.3).
inline std::optional<std::string> header_value(const restop::header_list& headers, std::string_view name) {
    std::optional<std::string> value;
    for (const restop::header& field : headers) {
        if (!restop::iequals(field.name, name)) continue;
        if (value)
            *value += ", " + field.value;
        else
            value = field.value;
    }
    return value;
}

inline bool is_json(std::string_view media_type) {
    return media_type == "application/json" || (media_type.size() > 5 && media_type.substr(media_type.size() - 5) == "+json");
}

}  // namespace detail

/// Checks `actual` against a request case, as the specification's comparison rules say:
/// method and path exactly; each listed query parameter with its percent-encoded value, keys in
/// any order, repeated keys in their order; forbidden and required keys and headers; header
/// values exactly (several fields of one name joined by ", "); the body as JSON values when its
/// media type is JSON, as bytes otherwise; the host after the host prefix.
inline void check_request(const restop::request& actual, const expected_request& expected) {
    const std::string_view target = actual.target;
    const std::size_t question = target.find('?');
    const std::string_view path = target.substr(0, question);
    const std::string_view query = question == std::string_view::npos ? std::string_view() : target.substr(question + 1);

    if (!expected.method.empty()) CHECK(restop::to_string(actual.method) == expected.method);

    // An endpoint with a base path ("example.com/custom") puts it before the operation's path.
    std::string base_path;
    if (const std::size_t slash = expected.host.find('/'); slash != std::string_view::npos)
        base_path = std::string(expected.host.substr(slash));
    if (!expected.uri.empty()) CHECK(base_path + std::string(path) == expected.uri);

    const std::vector<std::string_view> pairs = detail::split_query(query);
    std::map<std::string_view, std::vector<std::string_view>> actual_by_key, expected_by_key;
    for (std::string_view pair : pairs) actual_by_key[detail::query_key(pair)].push_back(pair);
    for (std::string_view pair : expected.query_params) expected_by_key[detail::query_key(pair)].push_back(pair);
    // (pairs, not structured bindings: clang 14 cannot capture those in INFO's lambda)
    for (const auto& entry : expected_by_key) {
        INFO("query parameter " << std::string(entry.first) << " in " << std::string(target));
        const auto found = actual_by_key.find(entry.first);
        REQUIRE(found != actual_by_key.end());
        CHECK(found->second == entry.second);
    }
    for (std::string_view key : expected.forbid_query_params) {
        INFO("forbidden query parameter " << std::string(key) << " in " << std::string(target));
        CHECK(actual_by_key.count(key) == 0);
    }
    for (std::string_view key : expected.require_query_params) {
        INFO("required query parameter " << std::string(key) << " in " << std::string(target));
        CHECK(actual_by_key.count(key) == 1);
    }

    for (const auto& entry : expected.headers) {
        const std::string_view name = entry.first;
        const std::string_view value = entry.second;
        INFO("header " << std::string(name));
        const std::optional<std::string> found = detail::header_value(actual.headers, name);
        if (!found && restop::iequals(name, "content-length")) {
            // restop leaves Content-Length to the transport: it is the body's size.
            CHECK(std::to_string(actual.body.size()) == value);
            continue;
        }
        REQUIRE(found.has_value());
        CHECK(*found == value);
    }
    for (std::string_view name : expected.forbid_headers) {
        INFO("forbidden header " << std::string(name));
        CHECK_FALSE(detail::header_value(actual.headers, name).has_value());
    }
    for (std::string_view name : expected.require_headers) {
        INFO("required header " << std::string(name));
        const bool present = detail::header_value(actual.headers, name).has_value() ||
                             (restop::iequals(name, "content-length"));
        CHECK(present);
    }

    if (expected.body) {
        INFO("body " << actual.body);
        if (expected.body->empty() || !detail::is_json(expected.body_media_type)) {
            CHECK(actual.body == *expected.body);
        } else {
            boost::system::error_code ec;
            const boost::json::value got = boost::json::parse(actual.body, ec);
            REQUIRE_MESSAGE(!ec, "the body is not JSON");
            CHECK(json_equal(got, boost::json::parse(*expected.body)));
        }
    }

    if (!expected.resolved_host.empty()) {
        const std::string_view host = expected.host.substr(0, expected.host.find('/'));
        CHECK(actual.host_prefix + std::string(host) == expected.resolved_host);
    } else if (!expected.host.empty()) {
        CHECK(actual.host_prefix.empty());
    }
}

}  // namespace restop_protocol
