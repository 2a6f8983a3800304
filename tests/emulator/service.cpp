#include "service.hpp"

#include <algorithm>
#include <variant>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace emu {

namespace json = boost::json;

namespace {

constexpr std::string_view kErrorTypeSuffix = ":http://internal.amazon.com/coral/com.amazonaws.codecatalyst/";
constexpr std::string_view kControlPrefix = "/__emulator/";
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

Reply validation_error(std::string_view message) { return error_reply("ValidationException", message); }

Reply not_found(std::string_view what)
{
    return error_reply("ResourceNotFoundException",
                       "The request was denied because the specified " + std::string{what} + " was not found.");
}

Reply conflict(std::string_view message) { return error_reply("ConflictException", message); }

Reply access_denied(std::string_view message) { return error_reply("AccessDeniedException", message); }

// ---------------------------------------------------------------- loading

Service::Service(const std::string& model_path, const std::string& users_path, std::size_t max_tokens_per_user,
                 std::size_t default_page_size)
    : model_{model::Model::load(model_path)}
{
    state_.max_tokens_per_user = max_tokens_per_user;
    state_.default_page_size = default_page_size;
    load_fixtures(users_path, model_, state_);
    register_token_ops(handlers_);
    register_space_ops(handlers_);
    register_repository_ops(handlers_);
    register_dev_environment_ops(handlers_);
    register_workflow_ops(handlers_);
    // Every operation of the model is served, and nothing else.
    for (const auto& op : model_.operations())
        if (!handlers_.contains(op.name))
            throw std::runtime_error(model_path + ": the emulator has no handler for operation " + op.name);
    for (const auto& [name, handler] : handlers_)
        if (!model_.operation(name))
            throw std::runtime_error(model_path + ": the model has no operation " + name);
}

// ---------------------------------------------------------------- service

const User* Service::authenticate(const Request& req)
{
    const auto bearer = bearer_of(req);
    if (!bearer)
        return nullptr;
    const TimePoint now = now_ms();
    for (const Token& t : state_.tokens) {
        if (t.secret != *bearer)
            continue;
        if (t.expires && *t.expires <= now)
            return nullptr;
        return state_.user_named(t.owner);
    }
    return nullptr;
}

Reply Service::dispatch(const Request& req)
{
    // Order of checks: routing (404/405) -> auth (403) -> input validation (400) -> operation.
    const std::string_view path = path_of(req.target);
    const auto routed = model_.route(req.method, path);
    if (const auto* none = std::get_if<model::NoRoute>(&routed)) {
        if (none->status == 405)
            return unknown_operation(405, "Method " + req.method + " is not allowed on " + none->uri + ".", none->allow);
        return unknown_operation(404, "No operation matches " + req.method + " " + std::string{path} + ".");
    }
    const model::Route& route = std::get<model::Route>(routed);

    std::lock_guard lock{mutex_};
    const User* caller = authenticate(req);
    if (!caller)
        return error_reply("AccessDeniedException",
                           "The request was denied because you don't have sufficient access to perform this "
                           "action. The bearer token is missing, malformed, expired or unknown.");
    auto decoded = model_.decode_input(route, req);
    if (const auto* message = std::get_if<std::string>(&decoded))
        return validation(*message);
    const json::object& input = std::get<json::object>(decoded);

    Call call{model_, *route.op, state_, *caller, input, make_uuid(), now_ms()};
    Answer answer = handlers_.at(route.op->name)(call);
    Reply reply;
    if (auto* error = std::get_if<Reply>(&answer)) {
        reply = std::move(*error);
    } else {
        const json::object& output = std::get<json::object>(answer);
        // The emulator checks its own answers against the model: a mismatch is its bug.
        if (const auto errors = model_.check_output(*route.op, output); !errors.empty())
            return error_reply(500, "InternalServerException",
                               "The emulator's output for " + route.op->name +
                                   " does not satisfy the model: " + model::validation_message(errors));
        reply = json_reply(route.op->code, output);
        record_event(call, req, output);
    }
    reply.request_id = call.request_id;
    return reply;
}

// Every successful mutation inside a space lands in the space's event log (ListEventLogs).
void Service::record_event(const Call& call, const Request& req, const json::object& output)
{
    if (call.op.readonly)
        return;
    std::string space_name;
    if (const auto s = call.opt("spaceName"))
        space_name = *s;
    else if (call.op.name == "UpdateSpace")
        space_name = call.str("name");
    if (space_name.empty())
        return;
    Space* space = nullptr;
    for (Space& s : state_.spaces)
        if (s.name == space_name)
            space = &s;
    if (!space)
        return;   // DeleteSpace
    json::object entry;
    entry["id"] = make_uuid();
    entry["eventName"] = call.op.name;
    entry["eventType"] = "AwsApiCall";
    entry["eventCategory"] = "Management";
    entry["eventSource"] = "codecatalyst.amazonaws.com";
    entry["eventTime"] = format_rfc3339(call.now);
    entry["operationType"] = "MUTATION";
    entry["userIdentity"] = json::object{{"userType", "USER"},
                                         {"principalId", call.caller.identity},
                                         {"userName", call.caller.name}};
    std::optional<std::string> project = call.opt("projectName");
    if (!project && call.op.name.ends_with("Project"))   // CreateProject, UpdateProject, DeleteProject
        if (const json::value* n = output.if_contains("name"); n && n->is_string())
            project = std::string{n->get_string()};
    if (project)
        entry["projectInformation"] = json::object{{"name", *project}};
    entry["requestId"] = call.request_id;
    entry["sourceIpAddress"] = "127.0.0.1";
    for (const auto& [name, value] : req.headers)
        if (iequals(name, "user-agent"))
            entry["userAgent"] = sanitize_utf8(value);
    EventLog e;
    e.seq = state_.seq();
    e.time = call.now;
    e.event_name = call.op.name;
    e.entry = std::move(entry);
    space->events.push_back(std::move(e));
}

std::string Service::redact(std::string_view text, const Request& req)
{
    std::vector<std::string> secrets;
    {
        std::lock_guard lock{mutex_};
        for (const Token& t : state_.tokens)
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
    for (const Token& t : state_.tokens) {
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
