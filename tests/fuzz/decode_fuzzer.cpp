// libFuzzer target: any response, decoded for CodeCatalyst DeleteAccessToken.
//
// The input is a readable response: the status in decimal on the first line, then header lines
// `Name: value` up to an empty line, then the body (every remaining byte). Seeds in
// corpus/decode_fuzzer/ are written that way; the fuzzer mutates them into anything.
//
// Beyond "no crash, no leak, no undefined behaviour", every decoded result is checked against
// what decode() promises: a 1xx/2xx is success; anything else is an error that keeps the status
// and the first x-amzn-requestid, has a non-empty name, and is named as the AWS SDKs name it
// (X-Amzn-Errortype, then the body's `code`, then `__type`, then the status table). The body is
// re-read here with a plain boost::json::parse, independently of decode()'s buffers.
//
// Boost.JSON is compiled into this program (boost/json/src.hpp), so its parser runs under the
// sanitizers and its branches guide the fuzzer.
#include <boost/json/src.hpp>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include <restop/restop.hpp>

#include "../unit/kitchen_sink.hpp"

namespace {

namespace cc = restop::codecatalyst;

[[noreturn]] void fail(const char* what, int line) {
    std::fprintf(stderr, "decode_fuzzer: invariant broken at line %d: %s\n", line, what);
    std::abort();
}
#define FUZZ_CHECK(condition) ((condition) ? void() : fail(#condition, __LINE__))

struct parsed_input {
    restop::response response;
};

parsed_input parse_input(std::string_view data) {
    parsed_input in;
    auto next_line = [&](std::string_view& line) {
        if (data.empty()) return false;
        const std::size_t end = data.find('\n');
        line = data.substr(0, end);
        data = end == std::string_view::npos ? std::string_view() : data.substr(end + 1);
        return true;
    };
    std::string_view line;
    if (next_line(line)) {
        int status = 0;
        const auto [ptr, ec] = std::from_chars(line.data(), line.data() + line.size(), status);
        (void)ptr;
        in.response.status = ec == std::errc() ? status : 0;
    }
    while (next_line(line) && !line.empty()) {
        const std::size_t colon = line.find(':');
        std::string_view name = line.substr(0, colon);
        std::string_view value = colon == std::string_view::npos ? std::string_view() : line.substr(colon + 1);
        if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        in.response.headers.push_back({std::string(name), std::string(value)});
    }
    in.response.body.assign(data);
    return in;
}

// Independent re-implementations of the rules decode() follows.
bool same_ascii_case_insensitive(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        unsigned char x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
        if (x >= 'A' && x <= 'Z') x = static_cast<unsigned char>(x + 32);
        if (y >= 'A' && y <= 'Z') y = static_cast<unsigned char>(y + 32);
        if (x != y) return false;
    }
    return true;
}

std::optional<std::string> first_header(const restop::header_list& headers, std::string_view name) {
    for (const auto& field : headers)
        if (same_ascii_case_insensitive(field.name, name)) return field.value;
    return std::nullopt;
}

std::string reference_sanitize(std::string raw) {
    for (std::size_t i = 0; i < raw.size(); ++i)
        if (raw[i] == ':' || raw[i] == ',') {
            raw.resize(i);
            break;
        }
    for (std::size_t i = raw.size(); i-- > 0;)
        if (raw[i] == '#') {
            raw.erase(0, i + 1);
            break;
        }
    std::size_t begin = 0, end = raw.size();
    while (begin < end && (raw[begin] == ' ' || raw[begin] == '\t')) ++begin;
    while (end > begin && (raw[end - 1] == ' ' || raw[end - 1] == '\t')) --end;
    return raw.substr(begin, end - begin);
}

struct body_fields {
    std::string name;
    std::string message;
};

body_fields reference_body(const std::string& body) {
    body_fields fields;
    if (body.size() > 1024 * 1024) return fields;
    const std::size_t first = body.find_first_not_of(" \t\r\n");
    if (first == std::string::npos || body[first] != '{') return fields;
    boost::json::error_code ec;
    const boost::json::value document = boost::json::parse(body, ec);
    if (ec || !document.is_object()) return fields;
    const boost::json::object& object = document.get_object();
    auto member = [&](std::string_view key) -> std::string {
        const boost::json::value* v = object.if_contains(key);
        if (!v || !v->is_string()) return {};
        return std::string(v->get_string().data(), v->get_string().size());
    };
    fields.name = member("code");
    if (fields.name.empty()) fields.name = member("__type");
    fields.message = member("message");
    if (fields.message.empty()) fields.message = member("Message");
    return fields;
}

struct shape_row {
    std::string_view name;
    int status;
};
constexpr shape_row shapes[] = {
    {"ValidationException", 400}, {"ServiceQuotaExceededException", 402}, {"AccessDeniedException", 403},
    {"ResourceNotFoundException", 404}, {"ConflictException", 409}, {"ThrottlingException", 429},
};

std::optional<std::string_view> shape_named(std::string_view name) {
    for (const auto& s : shapes)
        if (s.name == name) return s.name;
    return std::nullopt;
}
std::optional<std::string_view> shape_for_status(int status) {
    for (const auto& s : shapes)
        if (s.status == status) return s.name;
    return std::nullopt;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const parsed_input in = parse_input(std::string_view(reinterpret_cast<const char*>(data), size));
    const restop::response& response = in.response;
    const int status = response.status;
    const std::string request_id = first_header(response.headers, "x-amzn-requestid").value_or("");

    // The readers of every value kind and binding: any response decodes to a result that keeps
    // its status, and a success that cannot be read is a MalformedResponse, never a crash.
    {
        const auto everything = restop::decode<sink::put_everything>(response);
        const auto bound = restop::decode<sink::put_payload>(response);
        if (status >= 100 && status < 300) {
            FUZZ_CHECK(everything.has_value() || everything.error().kind() == restop::error_kind::malformed);
            FUZZ_CHECK(bound.has_value() || bound.error().kind() == restop::error_kind::malformed);
            if (bound) FUZZ_CHECK(bound->output.status == status);
        } else {
            FUZZ_CHECK(!everything.has_value() && everything.error().status() == status);
            FUZZ_CHECK(!bound.has_value() && bound.error().status() == status);
        }
    }

    const auto decoded = restop::decode<cc::delete_access_token>(response);

    if (status >= 100 && status < 300) {
        FUZZ_CHECK(decoded.has_value());
        FUZZ_CHECK(decoded->status == status);
        FUZZ_CHECK(decoded->request_id == request_id);
        return 0;
    }

    FUZZ_CHECK(!decoded.has_value());
    const auto& error = decoded.error();
    FUZZ_CHECK(error.status() == status);  // the status is kept on every error
    FUZZ_CHECK(!error.name().empty());
    FUZZ_CHECK(error.request_id() == request_id);
    FUZZ_CHECK(error.kind() == restop::error_kind::modeled || error.kind() == restop::error_kind::unknown);

    // Which name the AWS SDKs would give this response, and with which message.
    const body_fields fields = reference_body(response.body);
    std::string expected_name = reference_sanitize(first_header(response.headers, "x-amzn-errortype").value_or(""));
    if (expected_name.empty()) expected_name = reference_sanitize(fields.name);
    FUZZ_CHECK(error.message() == fields.message);

    if (!expected_name.empty()) {
        if (auto shape = shape_named(expected_name)) {
            FUZZ_CHECK(error.kind() == restop::error_kind::modeled);
            FUZZ_CHECK(error.name() == *shape);
        } else {
            FUZZ_CHECK(error.kind() == restop::error_kind::unknown);
            FUZZ_CHECK(error.get_if<restop::unknown_error>()->name == expected_name);
            FUZZ_CHECK(error.name() == expected_name);
        }
    } else if (auto shape = shape_for_status(status)) {
        FUZZ_CHECK(error.kind() == restop::error_kind::modeled);
        FUZZ_CHECK(error.name() == *shape);
    } else {
        FUZZ_CHECK(error.kind() == restop::error_kind::unknown);
        FUZZ_CHECK(error.name() == "UnknownError");
    }

    if (error.kind() == restop::error_kind::unknown) {
        const auto* unknown = error.get_if<restop::unknown_error>();
        FUZZ_CHECK(unknown != nullptr);
        FUZZ_CHECK(unknown->body == response.body);
        FUZZ_CHECK(error.fault() == (status >= 500 ? restop::fault::server : restop::fault::client));
        FUZZ_CHECK(error.retryable() ==
                   (status == 429 || status == 500 || status == 502 || status == 503 || status == 504));
    } else {
        FUZZ_CHECK(error.fault() == restop::fault::client);
        FUZZ_CHECK(error.retryable() == (error.name() == "ThrottlingException"));
    }

    std::ostringstream printed;
    printed << error;
    const std::string text = printed.str();
    // What came from the wire is printed with control bytes as \xNN: the line starts with the
    // escaped name and holds no control byte at all, so a response cannot forge log lines.
    std::string escaped_name;
    for (char c : error.name()) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F) {
            constexpr char hex[] = "0123456789ABCDEF";
            escaped_name += {'\\', 'x', hex[byte >> 4], hex[byte & 0xF]};
        } else {
            escaped_name += c;
        }
    }
    FUZZ_CHECK(text.compare(0, escaped_name.size(), escaped_name) == 0);
    for (char c : text) FUZZ_CHECK(static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) != 0x7F);
    if (status != 0) FUZZ_CHECK(text.find("(HTTP " + std::to_string(status) + ", ") != std::string::npos);
    return 0;
}
