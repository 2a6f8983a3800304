#pragma once
// Recording and replaying transports: record real exchanges once into a JSON-lines file, then
// test code that calls restop offline, with no server. Credentials never reach the file: the
// Authorization value is written as "<redacted>", and so are the JSON body members named in
// `recording_options::redacted_members` (by default `secret`, the member that carries a new
// CodeCatalyst token). Boost.JSON writes and reads the lines.

#include <algorithm>
#include <cstddef>
#include <deque>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "restop/header.hpp"
#include "restop/http_method.hpp"
#include "restop/request.hpp"
#include "restop/response.hpp"
#include "restop/transport.hpp"

namespace restop {

/// What the recorder leaves out.
struct recording_options {
    /// JSON object members (at any depth) whose string values are written as "<redacted>".
    std::vector<std::string> redacted_members{"secret"};
};

namespace detail {

inline constexpr std::string_view redacted_text = "<redacted>";

inline void redact_members(boost::json::value& value, const std::vector<std::string>& names) {
    if (auto* object = value.if_object()) {
        for (auto& member : *object) {
            const std::string_view key(member.key().data(), member.key().size());
            if (member.value().is_string() && std::find(names.begin(), names.end(), key) != names.end())
                member.value() = boost::json::string(redacted_text);
            else
                redact_members(member.value(), names);
        }
    } else if (auto* array = value.if_array()) {
        for (auto& element : *array) redact_members(element, names);
    }
}

// A body as recorded: a JSON body with its named members redacted, anything else verbatim.
inline std::string recorded_body(const std::string& body, const recording_options& options) {
    if (body.empty() || options.redacted_members.empty()) return body;
    boost::system::error_code ec;
    boost::json::value parsed = boost::json::parse(body, ec);
    if (ec) return body;
    boost::json::value before = parsed;
    redact_members(parsed, options.redacted_members);
    return parsed == before ? body : boost::json::serialize(parsed);
}

inline boost::json::array recorded_headers(const header_list& headers) {
    boost::json::array out;
    for (const header& field : headers) {
        const bool secret = iequals(field.name, "authorization") || iequals(field.name, "proxy-authorization");
        out.push_back(boost::json::array{boost::json::string(field.name),
                                         boost::json::string(secret ? redacted_text : std::string_view(field.value))});
    }
    return out;
}

inline header_list replayed_headers(const boost::json::value* value) {
    header_list out;
    if (value == nullptr || !value->is_array()) return out;
    for (const auto& pair : value->as_array()) {
        if (!pair.is_array() || pair.as_array().size() != 2) continue;
        const auto& name = pair.as_array()[0];
        const auto& text = pair.as_array()[1];
        if (name.is_string() && text.is_string())
            out.push_back(header{std::string(name.as_string()), std::string(text.as_string())});
    }
    return out;
}

inline std::string string_at(const boost::json::object& object, std::string_view key) {
    if (const auto* v = object.if_contains(key); v && v->is_string()) return std::string(v->as_string());
    return {};
}

inline std::optional<http_method> method_named(std::string_view name) {
    for (http_method m : {http_method::get, http_method::put, http_method::post, http_method::delete_, http_method::patch,
                          http_method::head})
        if (to_string(m) == name) return m;
    return std::nullopt;
}

inline transport_error_kind kind_named(std::string_view name) {
    using k = transport_error_kind;
    for (k kind : {k::connection_failed, k::timed_out, k::connection_closed, k::response_too_large, k::protocol_error,
                   k::cancelled, k::deadline_exceeded})
        if (to_string(kind) == name) return kind;
    return k::other;
}

}  // namespace detail

/// One JSON line for an exchange: the request (Authorization redacted) and its outcome.
inline std::string exchange_line(const request& req, const transport_result& outcome, const recording_options& options = {}) {
    boost::json::object line;
    line["request"] = boost::json::object{{"method", to_string(req.method)},
                                          {"target", req.target},
                                          {"headers", detail::recorded_headers(req.headers)},
                                          {"body", detail::recorded_body(req.body, options)}};
    if (outcome)
        line["response"] = boost::json::object{{"status", outcome->status},
                                               {"headers", detail::recorded_headers(outcome->headers)},
                                               {"body", detail::recorded_body(outcome->body, options)}};
    else
        line["error"] = boost::json::object{{"kind", to_string(outcome.error().kind)}, {"message", outcome.error().message}};
    return boost::json::serialize(line);
}

/// A transport that passes every send to `inner` and appends the exchange to `out` as one
/// JSON line (see exchange_line).
///
///     std::ofstream file("delete_token.jsonl");
///     restop::recording_transport recorder(restop::transport_ref{&curl}, file);
///     restop::call(recorder, cc::delete_access_token{.id = id}, token);
template <transport Inner>
class recording_transport {
public:
    recording_transport(Inner inner, std::ostream& out, recording_options options = {})
        : inner_(std::move(inner)), out_(&out), options_(std::move(options)) {}

    transport_result send(const request& req) {
        transport_result outcome = inner_.send(req);
        *out_ << exchange_line(req, outcome, options_) << '\n';
        out_->flush();
        return outcome;
    }

    Inner& inner() noexcept { return inner_; }

private:
    Inner inner_;
    std::ostream* out_;
    recording_options options_;
};

/// A transport that answers from recorded exchanges, in order, without any network: each send
/// must have the method and target recorded next, or it fails (kind `other`) with a message
/// saying what was expected. Sending past the end fails too.
///
///     std::ifstream file("delete_token.jsonl");
///     restop::replaying_transport replay(file);
///     auto outcome = restop::call(replay, cc::delete_access_token{.id = id}, token);  // as recorded
class replaying_transport {
public:
    /// Reads every line of `in`; a line that is not a recorded exchange makes that send fail.
    explicit replaying_transport(std::istream& in) {
        std::string line;
        while (std::getline(in, line))
            if (!line.empty()) lines_.push_back(std::move(line));
    }

    transport_result send(const request& req) {
        ++sent_;
        if (lines_.empty()) return failure(error("replay: no recorded exchange is left for " + describe(req)));
        const std::string line = std::move(lines_.front());
        lines_.pop_front();
        boost::system::error_code ec;
        const boost::json::value parsed = boost::json::parse(line, ec);
        const boost::json::object* exchange = ec ? nullptr : parsed.if_object();
        const boost::json::value* recorded = exchange ? exchange->if_contains("request") : nullptr;
        if (!recorded || !recorded->is_object())
            return failure(error("replay: exchange " + std::to_string(sent_) + " is not a recorded exchange"));
        const std::string method = detail::string_at(recorded->as_object(), "method");
        const std::string target = detail::string_at(recorded->as_object(), "target");
        if (method != to_string(req.method) || target != req.target)
            return failure(error("replay: exchange " + std::to_string(sent_) + " expected " + method + " " + target +
                                 ", got " + describe(req)));
        if (const auto* e = exchange->if_contains("error"); e && e->is_object())
            return failure(transport_error{detail::kind_named(detail::string_at(e->as_object(), "kind")),
                                           detail::string_at(e->as_object(), "message")});
        const auto* r = exchange->if_contains("response");
        if (!r || !r->is_object()) return failure(error("replay: exchange " + std::to_string(sent_) + " has no outcome"));
        response out;
        if (const auto* s = r->as_object().if_contains("status"); s && s->is_int64()) out.status = static_cast<int>(s->as_int64());
        out.headers = detail::replayed_headers(r->as_object().if_contains("headers"));
        out.body = detail::string_at(r->as_object(), "body");
        return out;
    }

    /// Recorded exchanges not replayed yet.
    std::size_t remaining() const noexcept { return lines_.size(); }

private:
    static transport_error error(std::string message) { return transport_error{transport_error_kind::other, std::move(message)}; }
    static std::string describe(const request& req) { return std::string(to_string(req.method)) + " " + req.target; }

    std::deque<std::string> lines_;
    std::size_t sent_ = 0;
};

}  // namespace restop
