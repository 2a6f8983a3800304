#include "service.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace emu {

namespace json = boost::json;

namespace {

constexpr std::string_view kErrorTypeSuffix = ":http://internal.amazon.com/coral/com.amazonaws.codecatalyst/";
constexpr std::string_view kTokensPath = "/v1/accessTokens";
constexpr std::string_view kTokenPrefix = "/v1/accessTokens/";
constexpr std::string_view kControlPrefix = "/__emulator/";
constexpr std::size_t kDefaultPageSize = 10;
constexpr std::size_t kMaxBodyBytes = std::size_t{256} * 1024 * 1024;
constexpr std::int64_t kMaxDelayMs = 600000;

struct Shape {
    std::string_view name;
    unsigned status;
    std::string_view message;
};

// The service's six error shapes, messages as on the product page.
constexpr Shape kShapes[] = {
    {"ValidationException", 400,
     "The request was denied because an input failed to satisfy the constraints specified by the service."},
    {"ServiceQuotaExceededException", 402,
     "The request was denied because one or more resources has reached its limits for the tier the space belongs to."},
    {"AccessDeniedException", 403,
     "The request was denied because you don't have sufficient access to perform this action."},
    {"ResourceNotFoundException", 404, "The request was denied because the specified resource was not found."},
    {"ConflictException", 409,
     "The request was denied because the requested operation would cause a conflict with the current state of a "
     "service resource associated with the request."},
    {"ThrottlingException", 429, "The request was denied due to request throttling."},
};

const Shape* find_shape(std::string_view name)
{
    // Accept the sanitisable spellings too: "X:http://...", "ns#X".
    name = name.substr(0, name.find_first_of(":,"));
    if (const auto hash = name.rfind('#'); hash != std::string_view::npos)
        name.remove_prefix(hash + 1);
    for (const auto& s : kShapes)
        if (s.name == name)
            return &s;
    return nullptr;
}

std::string message_body(std::string_view message)
{
    return json::serialize(json::object{{"message", message}});
}

Reply json_reply(unsigned status, const json::value& v)
{
    Reply r;
    r.status = status;
    r.body = json::serialize(v);
    return r;
}

Reply unknown_operation(unsigned status, std::string_view message, std::string_view allow = {})
{
    Reply r;
    r.status = status;
    r.headers.emplace_back("X-Amzn-Errortype", "UnknownOperationException");
    if (!allow.empty())
        r.headers.emplace_back("Allow", std::string{allow});
    r.body = message_body(message);
    return r;
}

Reply validation(std::string_view message) { return error_reply("ValidationException", message); }

std::string_view path_of(std::string_view target) { return target.substr(0, target.find('?')); }

bool header_safe(std::string_view v)
{
    return std::all_of(v.begin(), v.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u == '\t' || (u >= 0x20 && u != 0x7F);
    });
}

bool header_name_ok(std::string_view v)
{
    if (v.empty())
        return false;
    return std::all_of(v.begin(), v.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        if ((u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z'))
            return true;
        return std::string_view{"!#$%&'*+-.^_`|~"}.find(c) != std::string_view::npos;
    });
}

bool is_blank(std::string_view s)
{
    return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

// Parses a request body that must be a JSON object; an empty body counts as {}.
std::optional<json::object> parse_object(const std::string& body, std::string& error)
{
    if (is_blank(body))
        return json::object{};
    json::error_code ec;
    json::value v = json::parse(body, ec);
    if (ec) {
        error = "The request body is not valid JSON.";
        return std::nullopt;
    }
    if (!v.is_object()) {
        error = "The request body must be a JSON object.";
        return std::nullopt;
    }
    return std::move(v.as_object());
}

// A member that is absent or JSON null counts as absent (restJson1).
const json::value* member(const json::object& obj, std::string_view key)
{
    const json::value* v = obj.if_contains(key);
    return (v && !v->is_null()) ? v : nullptr;
}

std::optional<std::int64_t> as_integer(const json::value& v)
{
    if (v.is_int64())
        return v.get_int64();
    if (v.is_uint64()) {
        const auto u = v.get_uint64();
        if (u <= static_cast<std::uint64_t>(INT64_MAX))
            return static_cast<std::int64_t>(u);
    }
    return std::nullopt;
}

std::string padding_body(std::size_t n)
{
    // {"pad":"xxx"} is 10 bytes of framing; smaller sizes get {} plus spaces.
    if (n >= 10)
        return "{\"pad\":\"" + std::string(n - 10, 'x') + "\"}";
    return "{}" + std::string(n - 2, ' ');
}

std::string read_file(const std::string& path)
{
    std::ifstream in{path, std::ios::binary};
    if (!in)
        throw std::runtime_error("cannot open users file " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

} // namespace

Reply error_reply(unsigned status, std::string_view shape, std::string_view message)
{
    Reply r;
    r.status = status;
    std::string type{shape};
    if (type.find(':') == std::string::npos && type.find('#') == std::string::npos)
        type += kErrorTypeSuffix;
    r.headers.emplace_back("X-Amzn-Errortype", std::move(type));
    r.body = message_body(message);
    return r;
}

Reply error_reply(std::string_view shape, std::string_view message)
{
    const Shape* s = find_shape(shape);
    return error_reply(s ? s->status : 500, shape, message);
}

std::optional<std::string> bearer_of(const Request& req)
{
    const std::string* value = nullptr;
    for (const auto& [name, v] : req.headers) {
        if (!iequals(name, "authorization"))
            continue;
        if (value)
            return std::nullopt;   // more than one Authorization header
        value = &v;
    }
    if (!value)
        return std::nullopt;
    std::string_view v = *value;
    constexpr std::string_view scheme = "bearer";
    if (v.size() <= scheme.size() || !iequals(v.substr(0, scheme.size()), scheme) || v[scheme.size()] != ' ')
        return std::nullopt;
    v.remove_prefix(scheme.size());
    while (!v.empty() && v.front() == ' ')
        v.remove_prefix(1);
    if (v.empty())
        return std::nullopt;
    for (const char c : v) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7F)
            return std::nullopt;
    }
    return std::string{v};
}

// ---------------------------------------------------------------- loading

Service::Service(const std::string& users_path, std::size_t max_tokens_per_user)
    : max_tokens_per_user_{max_tokens_per_user}
{
    const std::string text = read_file(users_path);
    json::error_code ec;
    const json::value root = json::parse(text, ec);
    const auto fail = [&](const std::string& why) { throw std::runtime_error(users_path + ": " + why); };
    if (ec)
        fail("not valid JSON (" + ec.message() + ")");
    if (!root.is_object() || !root.as_object().contains("users") || !root.at("users").is_array())
        fail("expected an object with a \"users\" array");

    std::set<std::string> user_names;
    std::set<std::string> token_ids;
    std::set<std::string> secrets;
    for (const json::value& uv : root.at("users").as_array()) {
        if (!uv.is_object())
            fail("every user must be an object");
        const json::object& u = uv.as_object();
        const json::value* name = member(u, "name");
        if (!name || !name->is_string() || name->as_string().empty())
            fail("every user needs a non-empty string \"name\"");
        User user;
        user.name = std::string{name->as_string()};
        user.identity = user.name;
        if (const json::value* id = member(u, "id")) {
            if (!id->is_string() || id->as_string().empty())
                fail("user \"id\" must be a non-empty string");
            user.identity = std::string{id->as_string()};
        }
        if (!user_names.insert(user.name).second)
            fail("duplicate user name " + user.name);

        if (const json::value* list = member(u, "accessTokens")) {
            if (!list->is_array())
                fail("\"accessTokens\" must be an array");
            for (const json::value& tv : list->as_array()) {
                if (!tv.is_object())
                    fail("every access token must be an object");
                const json::object& t = tv.as_object();
                Token token;
                token.owner = user.name;
                token.seq = next_seq_++;
                const json::value* id = member(t, "id");
                const json::value* tname = member(t, "name");
                const json::value* secret = member(t, "secret");
                if (!id || !id->is_string() || !tname || !tname->is_string() || !secret || !secret->is_string())
                    fail("every access token needs string \"id\", \"name\" and \"secret\"");
                token.id = std::string{id->as_string()};
                token.name = std::string{tname->as_string()};
                token.secret = std::string{secret->as_string()};
                const auto id_len = utf8_code_points(token.id).value_or(0);
                if (id_len < 1 || id_len > 36)
                    fail("access token id must be 1..36 characters: " + token.id);
                const auto name_len = utf8_code_points(token.name).value_or(0);
                if (name_len < 1 || name_len > 100)
                    fail("access token name must be 1..100 characters (token " + token.id + ")");
                Request probe;
                probe.headers.emplace_back("Authorization", "Bearer " + token.secret);
                if (bearer_of(probe) != token.secret)
                    fail("secret of token " + token.id + " is not usable as a bearer token (empty, spaces or control characters)");
                if (const json::value* exp = member(t, "expiresTime")) {
                    if (!exp->is_string())
                        fail("expiresTime of token " + token.id + " must be a string");
                    token.expires = parse_rfc3339(exp->as_string());
                    if (!token.expires)
                        fail("expiresTime of token " + token.id + " is not RFC 3339");
                }
                if (!token_ids.insert(token.id).second)
                    fail("duplicate access token id " + token.id);
                if (!secrets.insert(token.secret).second)
                    fail("duplicate access token secret (token " + token.id + ")");
                tokens_.push_back(std::move(token));
            }
        }
        users_.push_back(std::move(user));
    }
}

// ---------------------------------------------------------------- service

const User* Service::authenticate(const Request& req)
{
    const auto bearer = bearer_of(req);
    if (!bearer)
        return nullptr;
    const TimePoint now = now_ms();
    for (const Token& t : tokens_) {
        if (t.secret != *bearer)
            continue;
        if (t.expires && *t.expires <= now)
            return nullptr;
        for (const User& u : users_)
            if (u.name == t.owner)
                return &u;
    }
    return nullptr;
}

Reply Service::dispatch(const Request& req)
{
    enum class Op { create, list, remove, session };
    const std::string_view path = path_of(req.target);
    const std::string_view method = req.method;
    Op op{};
    std::string_view label;

    if (path == "/session") {
        if (method != "GET")
            return unknown_operation(405, "Method " + req.method + " is not allowed on /session.", "GET");
        op = Op::session;
    } else if (path == kTokensPath) {
        if (method == "PUT")
            op = Op::create;
        else if (method == "POST")
            op = Op::list;
        else
            return unknown_operation(405, "Method " + req.method + " is not allowed on /v1/accessTokens.",
                                     "POST, PUT");
    } else if (path.starts_with(kTokenPrefix) &&
               path.substr(kTokenPrefix.size()).find('/') == std::string_view::npos) {
        if (method != "DELETE")
            return unknown_operation(405, "Method " + req.method + " is not allowed on /v1/accessTokens/{id}.",
                                     "DELETE");
        op = Op::remove;
        label = path.substr(kTokenPrefix.size());
    } else {
        return unknown_operation(404, "No operation matches " + req.method + " " + std::string{path} + ".");
    }

    std::lock_guard lock{mutex_};
    const User* caller = authenticate(req);
    if (!caller)
        return error_reply("AccessDeniedException",
                           "The request was denied because you don't have sufficient access to perform this "
                           "action. The bearer token is missing, malformed, expired or unknown.");
    switch (op) {
    case Op::create:
        return create_token(*caller, req);
    case Op::list:
        return list_tokens(*caller, req);
    case Op::remove:
        return delete_token(*caller, label);
    case Op::session:
        return verify_session(*caller);
    }
    return unknown_operation(404, "No operation matches the request.");
}

Reply Service::create_token(const User& caller, const Request& req)
{
    std::string error;
    const auto body = parse_object(req.body, error);
    if (!body)
        return validation(error);

    const json::value* name = member(*body, "name");
    if (!name)
        return validation("1 validation error detected: Value null at 'name' failed to satisfy constraint: "
                          "Member must not be null");
    if (!name->is_string())
        return validation("1 validation error detected: Value at 'name' must be a string");
    const auto name_len = utf8_code_points(name->as_string()).value_or(0);
    if (name_len < 1 || name_len > 100)
        return validation("1 validation error detected: Value at 'name' failed to satisfy constraint: "
                          "Member must have length between 1 and 100");

    const TimePoint now = now_ms();
    TimePoint expires = one_year_after(now);
    if (const json::value* exp = member(*body, "expiresTime")) {
        if (!exp->is_string())
            return validation("1 validation error detected: Value at 'expiresTime' must be an RFC 3339 "
                              "date-time string");
        const auto parsed = parse_rfc3339(exp->as_string());
        if (!parsed)
            return validation("1 validation error detected: Value at 'expiresTime' is not a valid RFC 3339 "
                              "date-time");
        if (*parsed <= now)
            return validation("1 validation error detected: Value at 'expiresTime' must be in the future");
        expires = *parsed;
    }

    const auto owned = std::count_if(tokens_.begin(), tokens_.end(),
                                     [&](const Token& t) { return t.owner == caller.name; });
    if (static_cast<std::size_t>(owned) >= max_tokens_per_user_)
        return error_reply("ServiceQuotaExceededException",
                           "The request was denied because you have reached the maximum number of personal "
                           "access tokens.");

    Token token;
    token.seq = next_seq_++;
    token.id = make_uuid();
    token.name = std::string{name->as_string()};
    token.secret = random_alnum(64);
    token.expires = expires;
    token.owner = caller.name;

    json::object out;
    out["secret"] = token.secret;
    out["name"] = token.name;
    out["expiresTime"] = format_rfc3339(expires);
    out["accessTokenId"] = token.id;
    tokens_.push_back(std::move(token));
    return json_reply(201, out);
}

Reply Service::list_tokens(const User& caller, const Request& req)
{
    std::string error;
    const auto body = parse_object(req.body, error);
    if (!body)
        return validation(error);

    std::size_t page_size = kDefaultPageSize;
    if (const json::value* mr = member(*body, "maxResults")) {
        const auto n = as_integer(*mr);
        if (!n || *n < 1 || *n > 10)
            return validation("1 validation error detected: Value at 'maxResults' failed to satisfy constraint: "
                              "Member must be an integer between 1 and 10");
        page_size = static_cast<std::size_t>(*n);
    }

    std::uint64_t after_seq = 0;
    if (const json::value* nt = member(*body, "nextToken")) {
        if (!nt->is_string())
            return validation("1 validation error detected: Value at 'nextToken' must be a string");
        const auto len = utf8_code_points(nt->as_string()).value_or(0);
        if (len < 1 || len > 10000)
            return validation("1 validation error detected: Value at 'nextToken' failed to satisfy constraint: "
                              "Member must have length between 1 and 10000");
        const auto it = cursors_.find(std::string{nt->as_string()});
        if (it == cursors_.end() || it->second.owner != caller.name)
            return validation("The nextToken is not valid or has expired.");
        after_seq = it->second.after_seq;
    }

    json::array items;
    std::uint64_t last_seq = after_seq;
    bool more = false;
    for (const Token& t : tokens_) {
        if (t.owner != caller.name || t.seq <= after_seq)
            continue;
        if (items.size() == page_size) {
            more = true;
            break;
        }
        json::object item;
        item["id"] = t.id;
        item["name"] = t.name;
        if (t.expires)
            item["expiresTime"] = format_rfc3339(*t.expires);
        items.push_back(std::move(item));
        last_seq = t.seq;
    }

    json::object out;
    out["items"] = std::move(items);
    if (more) {
        std::string token = random_base64(48);
        cursors_[token] = Cursor{caller.name, last_seq};
        out["nextToken"] = std::move(token);
    }
    return json_reply(200, out);
}

Reply Service::delete_token(const User& caller, std::string_view raw_label)
{
    const auto id = percent_decode(raw_label);
    if (!id)
        return validation("1 validation error detected: Value at 'id' is not correctly percent-encoded");
    const auto len = utf8_code_points(*id);
    if (!len)
        return validation("1 validation error detected: Value at 'id' is not valid UTF-8");
    if (*len < 1 || *len > 36)
        return validation("1 validation error detected: Value at 'id' failed to satisfy constraint: "
                          "Member must have length between 1 and 36");

    const auto it = std::find_if(tokens_.begin(), tokens_.end(), [&](const Token& t) { return t.id == *id; });
    if (it == tokens_.end())
        return error_reply("ResourceNotFoundException",
                           "The request was denied because the specified personal access token was not found.");
    if (it->owner != caller.name)
        return error_reply("AccessDeniedException",
                           "The request was denied because a personal access token can only be deleted by the "
                           "user who created it.");
    tokens_.erase(it);
    return json_reply(200, json::object{});
}

Reply Service::verify_session(const User& caller)
{
    return json_reply(200, json::object{{"identity", caller.identity}});
}

std::string Service::redact(std::string_view text, const Request& req)
{
    std::vector<std::string> secrets;
    {
        std::lock_guard lock{mutex_};
        for (const Token& t : tokens_)
            secrets.push_back(t.secret);
    }
    if (auto b = bearer_of(req))
        secrets.push_back(std::move(*b));
    std::string out{text};
    for (const auto& s : secrets) {
        if (s.empty())
            continue;
        for (auto pos = out.find(s); pos != std::string::npos; pos = out.find(s, pos + 10))
            out.replace(pos, s.size(), "<redacted>");
    }
    return out;
}

// ---------------------------------------------------------------- faults and control

bool Service::is_control(const Request& req)
{
    return std::string_view{req.target}.starts_with(kControlPrefix);
}

std::optional<Fault> Service::record_and_take_fault(const Request& req)
{
    json::object headers;
    for (const auto& [name, value] : req.headers) {
        const std::string key = to_lower(name);
        const std::string shown = key == "authorization" ? "<redacted>" : sanitize_utf8(value);
        if (json::value* existing = headers.if_contains(key)) {
            std::string joined{existing->as_string()};
            joined += ", ";
            joined += shown;
            *existing = joined;
        } else {
            headers[key] = shown;
        }
    }
    json::object entry;
    entry["method"] = sanitize_utf8(req.method);
    entry["target"] = sanitize_utf8(req.target);
    entry["headers"] = std::move(headers);
    entry["hasBearer"] = bearer_of(req).has_value();
    entry["body"] = sanitize_utf8(req.body);

    std::lock_guard lock{mutex_};
    log_.push_back(std::move(entry));
    if (faults_.empty())
        return std::nullopt;
    Fault f = faults_.front();
    if (--faults_.front().remaining == 0)
        faults_.pop_front();
    return f;
}

Reply Service::fault_reply(const Fault& f)
{
    Reply r;
    const Shape* shape = f.error_type ? find_shape(*f.error_type) : nullptr;
    r.status = f.status ? *f.status : (shape ? shape->status : 200);
    if (f.error_type) {
        std::string type = *f.error_type;
        if (type.find(':') == std::string::npos && type.find('#') == std::string::npos)
            type += kErrorTypeSuffix;
        r.headers.emplace_back("X-Amzn-Errortype", std::move(type));
    }
    if (f.body_bytes)
        r.body = padding_body(*f.body_bytes);
    else if (f.body)
        r.body = *f.body;
    else if (f.error_type || r.status >= 300)
        r.body = message_body(f.message ? *f.message
                              : shape   ? std::string{shape->message}
                                        : "Injected fault (HTTP " + std::to_string(r.status) + ").");
    else
        r.body = "{}";
    if (f.content_type)
        r.content_type = *f.content_type;
    return r;
}

namespace {

// Validates one fault object; returns an error sentence or fills `out`.
std::optional<std::string> parse_fault(const json::value& v, Fault& out)
{
    if (!v.is_object())
        return "every fault must be a JSON object";
    const json::object& o = v.as_object();
    static const std::set<std::string_view> known = {"count", "delayMs", "drop",   "status",      "errorType",
                                                     "message", "body",  "bodyBytes", "contentType", "headers"};
    for (const auto& kv : o)
        if (!known.contains(std::string_view{kv.key()}))
            return "unknown fault field \"" + std::string{kv.key()} + "\"";
    out.spec = o;

    if (const json::value* c = member(o, "count")) {
        const auto n = as_integer(*c);
        if (!n || *n < 1)
            return "\"count\" must be an integer >= 1";
        out.remaining = static_cast<std::uint64_t>(*n);
    }
    if (const json::value* d = member(o, "delayMs")) {
        const auto n = as_integer(*d);
        if (!n || *n < 0 || *n > kMaxDelayMs)
            return "\"delayMs\" must be an integer between 0 and 600000";
        out.delay = std::chrono::milliseconds{*n};
    }
    if (const json::value* d = member(o, "drop")) {
        if (!d->is_bool())
            return "\"drop\" must be a boolean";
        out.drop = d->get_bool();
    }
    if (const json::value* s = member(o, "status")) {
        const auto n = as_integer(*s);
        if (!n || *n < 200 || *n > 599)
            return "\"status\" must be an integer between 200 and 599";
        out.status = static_cast<unsigned>(*n);
    }
    const auto string_field = [&](std::string_view key, std::optional<std::string>& dst,
                                  bool header) -> std::optional<std::string> {
        if (const json::value* s = member(o, key)) {
            if (!s->is_string())
                return "\"" + std::string{key} + "\" must be a string";
            if (header && (s->as_string().empty() || !header_safe(s->as_string())))
                return "\"" + std::string{key} + "\" must be a non-empty header-safe string";
            dst = std::string{s->as_string()};
        }
        return std::nullopt;
    };
    if (auto e = string_field("errorType", out.error_type, true))
        return e;
    if (auto e = string_field("message", out.message, false))
        return e;
    if (auto e = string_field("body", out.body, false))
        return e;
    if (auto e = string_field("contentType", out.content_type, true))
        return e;
    if (const json::value* b = member(o, "bodyBytes")) {
        const auto n = as_integer(*b);
        if (!n || *n < 2 || static_cast<std::uint64_t>(*n) > kMaxBodyBytes)
            return "\"bodyBytes\" must be an integer between 2 and 268435456";
        out.body_bytes = static_cast<std::size_t>(*n);
    }
    if (const json::value* h = member(o, "headers")) {
        if (!h->is_object())
            return "\"headers\" must be an object of strings";
        for (const auto& kv : h->as_object()) {
            if (!kv.value().is_string() || !header_name_ok(kv.key()) || !header_safe(kv.value().as_string()))
                return "\"headers\" must map valid header names to header-safe strings";
            out.headers.emplace_back(std::string{kv.key()}, std::string{kv.value().as_string()});
        }
    }
    if (out.error_type && !out.status && !find_shape(*out.error_type))
        return "\"status\" is required with an errorType that is not one of the model's error shapes";
    return std::nullopt;
}

} // namespace

Reply Service::queue_faults(const Request& req)
{
    json::error_code ec;
    json::value v = json::parse(req.body, ec);
    if (ec)
        return validation("The fault list is not valid JSON.");
    json::array list;
    if (v.is_array())
        list = std::move(v.as_array());
    else
        list.push_back(std::move(v));

    std::vector<Fault> parsed;
    for (const json::value& item : list) {
        Fault f;
        if (auto err = parse_fault(item, f))
            return validation("Invalid fault: " + *err + ".");
        parsed.push_back(std::move(f));
    }
    std::lock_guard lock{mutex_};
    for (auto& f : parsed)
        faults_.push_back(std::move(f));
    return json_reply(200, json::object{{"queued", parsed.size()}, {"pending", faults_.size()}});
}

json::array Service::fault_specs()
{
    std::lock_guard lock{mutex_};
    json::array out;
    for (const Fault& f : faults_) {
        json::object o = f.spec;
        o["remaining"] = f.remaining;
        out.push_back(std::move(o));
    }
    return out;
}

json::array Service::request_log()
{
    std::lock_guard lock{mutex_};
    return log_;
}

json::array Service::token_dump()
{
    std::lock_guard lock{mutex_};
    json::array out;
    const TimePoint now = now_ms();
    for (const Token& t : tokens_) {
        json::object o;
        o["id"] = t.id;
        o["name"] = t.name;
        o["owner"] = t.owner;
        if (t.expires)
            o["expiresTime"] = format_rfc3339(*t.expires);
        o["expired"] = t.expires && *t.expires <= now;
        out.push_back(std::move(o));
    }
    return out;
}

Reply Service::control(const Request& req)
{
    const std::string_view path = path_of(req.target);
    const std::string_view method = req.method;
    const auto not_allowed = [&](std::string_view allow) {
        return unknown_operation(405, "Method " + req.method + " is not allowed on " + std::string{path} + ".",
                                 allow);
    };

    if (path == "/__emulator/health") {
        if (method != "GET")
            return not_allowed("GET");
        return json_reply(200, json::object{});
    }
    if (path == "/__emulator/faults") {
        if (method == "POST")
            return queue_faults(req);
        if (method == "GET")
            return json_reply(200, fault_specs());
        if (method == "DELETE") {
            std::lock_guard lock{mutex_};
            faults_.clear();
            return json_reply(200, json::object{});
        }
        return not_allowed("GET, POST, DELETE");
    }
    if (path == "/__emulator/requests") {
        if (method != "GET")
            return not_allowed("GET");
        return json_reply(200, request_log());
    }
    if (path == "/__emulator/reset") {
        if (method != "POST")
            return not_allowed("POST");
        std::lock_guard lock{mutex_};
        faults_.clear();
        log_.clear();
        return json_reply(200, json::object{});
    }
    if (path == "/__emulator/tokens") {
        if (method != "GET")
            return not_allowed("GET");
        return json_reply(200, token_dump());
    }
    return unknown_operation(404, "No emulator control endpoint matches " + std::string{path} + ".");
}

} // namespace emu
