#include "model.hpp"

#include "util.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace emu::model {

namespace json = boost::json;

namespace {

const json::object* object_at(const json::object& o, std::string_view key)
{
    const json::value* v = o.if_contains(key);
    return v && v->is_object() ? &v->get_object() : nullptr;
}

std::string string_at(const json::object& o, std::string_view key)
{
    const json::value* v = o.if_contains(key);
    return v && v->is_string() ? std::string{v->get_string()} : std::string{};
}

std::optional<double> number_of(const json::value& v)
{
    if (v.is_int64())
        return static_cast<double>(v.get_int64());
    if (v.is_uint64())
        return static_cast<double>(v.get_uint64());
    if (v.is_double())
        return v.get_double();
    return std::nullopt;
}

std::optional<std::int64_t> integer_of(const json::value& v)
{
    if (v.is_int64())
        return v.get_int64();
    if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
        return static_cast<std::int64_t>(v.get_uint64());
    return std::nullopt;
}

Kind kind_of(std::string_view type)
{
    static const std::map<std::string_view, Kind> kinds = {
        {"structure", Kind::structure}, {"union", Kind::union_},       {"list", Kind::list},
        {"set", Kind::list},            {"map", Kind::map},            {"string", Kind::string},
        {"enum", Kind::enum_},          {"boolean", Kind::boolean},    {"byte", Kind::byte_},
        {"short", Kind::short_},        {"integer", Kind::integer},    {"long", Kind::long_},
        {"intEnum", Kind::int_enum},    {"float", Kind::float_},       {"double", Kind::double_},
        {"bigInteger", Kind::big_integer}, {"bigDecimal", Kind::big_decimal},
        {"timestamp", Kind::timestamp}, {"blob", Kind::blob},          {"document", Kind::document},
    };
    const auto it = kinds.find(type);
    return it == kinds.end() ? Kind::unit : it->second;
}

// The prelude's simple shapes ("smithy.api#String"), by their type name.
std::optional<Kind> prelude_kind(std::string_view id)
{
    constexpr std::string_view prefix = "smithy.api#";
    if (!id.starts_with(prefix))
        return std::nullopt;
    std::string name{id.substr(prefix.size())};
    if (name == "Unit")
        return Kind::unit;
    if (name.starts_with("Primitive"))
        name.erase(0, 9);
    if (name.empty())
        return std::nullopt;
    name[0] = static_cast<char>(name[0] - 'A' + 'a');
    const Kind k = kind_of(name);
    return k == Kind::unit ? std::nullopt : std::optional<Kind>{k};
}

bool is_integer_kind(Kind k)
{
    return k == Kind::byte_ || k == Kind::short_ || k == Kind::integer || k == Kind::long_ ||
           k == Kind::int_enum || k == Kind::big_integer;
}

std::pair<std::int64_t, std::int64_t> bounds_of(Kind k)
{
    switch (k) {
    case Kind::byte_:
        return {-128, 127};
    case Kind::short_:
        return {-32768, 32767};
    case Kind::integer:
    case Kind::int_enum:
        return {INT32_MIN, INT32_MAX};
    default:
        return {INT64_MIN, INT64_MAX};
    }
}

std::string number_text(double d)
{
    if (std::floor(d) == d && std::fabs(d) < 9.0e15)
        return std::to_string(static_cast<std::int64_t>(d));
    std::ostringstream ss;
    ss << d;
    return ss.str();
}

std::string constraint_failure(const std::string& path, std::string_view what)
{
    return "Value at '" + path + "' failed to satisfy constraint: Member " + std::string{what};
}

std::string bounds_text(std::string_view noun, const std::optional<std::string>& min,
                        const std::optional<std::string>& max)
{
    std::string out = "must have " + std::string{noun} + " ";
    if (min && max)
        return out + "between " + *min + " and " + *max;
    if (min)
        return out + "greater than or equal to " + *min;
    return out + "less than or equal to " + *max;
}

std::vector<std::string> split(std::string_view text, char sep)
{
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        const auto pos = text.find(sep, start);
        out.emplace_back(text.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
        if (pos == std::string_view::npos)
            return out;
        start = pos + 1;
    }
}

bool is_blank(std::string_view s)
{
    return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

// Match quality of a URI template against a path, compared lexicographically:
// a literal beats a label beats a greedy label at the first position they differ.
using Score = std::vector<int>;

std::optional<Score> match(const Operation& op, const std::vector<std::string>& segs,
                           std::vector<std::pair<std::string, std::string>>& labels)
{
    Score score;
    std::size_t i = 0;
    for (std::size_t k = 0; k < op.segments.size(); ++k) {
        const Segment& s = op.segments[k];
        if (s.greedy) {
            const std::size_t rest = op.segments.size() - k - 1;
            if (segs.size() < i + 1 + rest)
                return std::nullopt;
            const std::size_t take = segs.size() - i - rest;
            std::string joined;
            for (std::size_t n = 0; n < take; ++n)
                joined += (n ? "/" : "") + segs[i + n];
            if (joined.empty())
                return std::nullopt;
            labels.emplace_back(s.text, joined);
            i += take;
            score.push_back(0);
            continue;
        }
        if (i >= segs.size())
            return std::nullopt;
        if (s.label) {
            labels.emplace_back(s.text, segs[i]);
            score.push_back(1);
        } else {
            if (segs[i] != s.text)
                return std::nullopt;
            score.push_back(2);
        }
        ++i;
    }
    if (i != segs.size())
        return std::nullopt;
    return score;
}

// Query pairs of a request-target, names decoded (pairs whose name does not decode are skipped).
std::vector<std::pair<std::string, std::string>> query_pairs(std::string_view target)
{
    std::vector<std::pair<std::string, std::string>> out;
    const auto q = target.find('?');
    if (q == std::string_view::npos)
        return out;
    for (const std::string& part : split(target.substr(q + 1), '&')) {
        if (part.empty())
            continue;
        const auto eq = part.find('=');
        const auto name = percent_decode(part.substr(0, eq));
        if (!name)
            continue;
        out.emplace_back(*name, eq == std::string::npos ? std::string{} : part.substr(eq + 1));
    }
    return out;
}

} // namespace

std::string validation_message(const std::vector<std::string>& errors)
{
    std::string out = std::to_string(errors.size()) +
                      (errors.size() == 1 ? " validation error detected: " : " validation errors detected: ");
    for (std::size_t i = 0; i < errors.size(); ++i)
        out += (i ? "; " : "") + errors[i];
    return out;
}

// ---------------------------------------------------------------- loading

std::size_t Model::index_of(const std::string& id)
{
    for (std::size_t i = 0; i < shapes_.size(); ++i)
        if (shapes_[i].id == id)
            return i;
    Shape s;
    s.id = id;
    s.name = id.substr(id.find('#') + 1);
    shapes_.push_back(std::move(s));
    return shapes_.size() - 1;
}

Constraints Model::constraints_of(const json::object& traits, const Constraints& base) const
{
    Constraints c = base;
    if (const json::object* len = object_at(traits, "smithy.api#length")) {
        c.length_min.reset();
        c.length_max.reset();
        if (const json::value* v = len->if_contains("min"))
            if (auto n = integer_of(*v))
                c.length_min = static_cast<std::uint64_t>(std::max<std::int64_t>(0, *n));
        if (const json::value* v = len->if_contains("max"))
            if (auto n = integer_of(*v))
                c.length_max = static_cast<std::uint64_t>(std::max<std::int64_t>(0, *n));
    }
    if (const json::object* range = object_at(traits, "smithy.api#range")) {
        c.range_min.reset();
        c.range_max.reset();
        if (const json::value* v = range->if_contains("min"))
            c.range_min = number_of(*v);
        if (const json::value* v = range->if_contains("max"))
            c.range_max = number_of(*v);
    }
    if (const json::value* p = traits.if_contains("smithy.api#pattern"); p && p->is_string()) {
        c.pattern = std::string{p->get_string()};
        try {
            // ECMA 262 as Smithy specifies; no_mod_m: ^ and $ anchor the whole string, not lines.
            c.regex = std::make_shared<const boost::regex>(*c.pattern, boost::regex::ECMAScript | boost::regex::no_mod_m);
        } catch (const std::exception& e) {
            throw std::runtime_error("cannot compile the model's pattern " + *c.pattern + ": " + e.what());
        }
    }
    if (const json::value* f = traits.if_contains("smithy.api#timestampFormat"); f && f->is_string())
        c.timestamp_format = std::string{f->get_string()};
    return c;
}

Model Model::load(const std::string& path)
{
    std::ifstream in{path, std::ios::binary};
    if (!in)
        throw std::runtime_error("cannot open the model " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    json::error_code ec;
    const json::value root = json::parse(ss.str(), ec);
    const auto fail = [&](const std::string& why) { throw std::runtime_error(path + ": " + why); };
    if (ec || !root.is_object() || !object_at(root.get_object(), "shapes"))
        fail("not a Smithy JSON AST (expected an object with \"shapes\")");
    const json::object& shapes = *object_at(root.get_object(), "shapes");

    Model m;
    // Pass 1: every shape gets its index and kind, so that members can point at any shape.
    for (const auto& kv : shapes)
        m.index_of(std::string{kv.key()});
    for (const auto& kv : shapes) {
        if (!kv.value().is_object())
            fail("shape " + std::string{kv.key()} + " is not an object");
        Shape& s = m.shapes_[m.index_of(std::string{kv.key()})];
        s.kind = kind_of(string_at(kv.value().get_object(), "type"));
    }

    const auto target_of = [&](const json::object& member) -> std::size_t {
        const std::string id = string_at(member, "target");
        if (id.empty())
            fail("a member without a target");
        const std::size_t index = m.index_of(id);
        if (!shapes.contains(id)) {
            const auto k = prelude_kind(id);
            if (!k)
                fail("unknown shape " + id);
            m.shapes_[index].kind = *k;
        }
        return index;
    };

    // Pass 2: traits (constraints) of simple shapes, then members with merged constraints.
    static const json::object no_traits;
    const auto traits_of = [](const json::object& o) -> const json::object& {
        const json::object* t = object_at(o, "traits");
        return t ? *t : no_traits;
    };
    for (const auto& kv : shapes) {
        const json::object& o = kv.value().get_object();
        Shape& s = m.shapes_[m.index_of(std::string{kv.key()})];
        s.constraints = m.constraints_of(traits_of(o), {});
        if (const json::value* e = traits_of(o).if_contains("smithy.api#enum"); e && e->is_array())
            for (const json::value& item : e->get_array())
                if (item.is_object())
                    s.enum_values.push_back(string_at(item.get_object(), "value"));
    }
    for (const auto& kv : shapes) {
        const json::object& o = kv.value().get_object();
        const std::size_t index = m.index_of(std::string{kv.key()});
        const Kind kind = m.shapes_[index].kind;
        std::vector<std::pair<std::string, const json::object*>> members;
        if (kind == Kind::list) {
            if (const json::object* item = object_at(o, "member"))
                members.emplace_back("member", item);
        } else if (kind == Kind::map) {
            if (const json::object* k = object_at(o, "key"))
                members.emplace_back("key", k);
            if (const json::object* v = object_at(o, "value"))
                members.emplace_back("value", v);
        } else if (const json::object* ms = object_at(o, "members")) {
            for (const auto& mkv : *ms)
                if (mkv.value().is_object())
                    members.emplace_back(std::string{mkv.key()}, &mkv.value().get_object());
        }
        std::vector<Member> built;
        std::vector<std::string> enum_values;
        for (const auto& [name, mo] : members) {
            Member mem;
            mem.name = name;
            mem.wire_name = name;
            mem.target = target_of(*mo);
            const json::object& t = traits_of(*mo);
            mem.required = t.contains("smithy.api#required");
            mem.constraints = m.constraints_of(t, m.shapes_[mem.target].constraints);
            if (t.contains("smithy.api#httpLabel")) {
                mem.location = Location::label;
            } else if (const json::value* q = t.if_contains("smithy.api#httpQuery"); q && q->is_string()) {
                mem.location = Location::query;
                mem.wire_name = std::string{q->get_string()};
            } else if (const json::value* h = t.if_contains("smithy.api#httpHeader"); h && h->is_string()) {
                mem.location = Location::header;
                mem.wire_name = std::string{h->get_string()};
            } else if (t.contains("smithy.api#httpPayload")) {
                mem.location = Location::payload;
            } else if (t.contains("smithy.api#httpQueryParams") || t.contains("smithy.api#httpPrefixHeaders") ||
                       t.contains("smithy.api#httpResponseCode")) {
                mem.location = Location::other;
            } else if (const json::value* j = t.if_contains("smithy.api#jsonName"); j && j->is_string()) {
                mem.wire_name = std::string{j->get_string()};
            }
            if (kind == Kind::enum_)
                if (const json::value* ev = t.if_contains("smithy.api#enumValue"); ev && ev->is_string())
                    enum_values.emplace_back(ev->get_string());
            built.push_back(std::move(mem));
        }
        if (kind == Kind::enum_) {
            m.shapes_[index].enum_values = std::move(enum_values);   // enum members are values, not members
        } else {
            m.shapes_[index].members = std::move(built);
        }
    }

    // Service: its name, the @paginated defaults its operations inherit, and its
    // operations, directly or through its resources (create/read/.../list, nested resources).
    json::object paginated_defaults;
    std::vector<std::string> operation_ids;
    std::vector<std::string> pending_resources;
    const auto add_operation = [&](const json::value& ref) {
        if (!ref.is_object())
            return;
        const std::string id = string_at(ref.get_object(), "target");
        if (!id.empty() && std::find(operation_ids.begin(), operation_ids.end(), id) == operation_ids.end())
            operation_ids.push_back(id);
    };
    const auto add_bindings = [&](const json::object& o) {
        for (const char* key : {"operations", "collectionOperations"})
            if (const json::value* ops = o.if_contains(key); ops && ops->is_array())
                for (const json::value& ref : ops->get_array())
                    add_operation(ref);
        for (const char* key : {"create", "put", "read", "update", "delete", "list"})
            if (const json::value* ref = o.if_contains(key))
                add_operation(*ref);
        if (const json::value* res = o.if_contains("resources"); res && res->is_array())
            for (const json::value& ref : res->get_array())
                if (ref.is_object())
                    pending_resources.push_back(string_at(ref.get_object(), "target"));
    };
    for (const auto& kv : shapes) {
        const json::object& o = kv.value().get_object();
        if (string_at(o, "type") != "service")
            continue;
        m.service_name_ = std::string{kv.key()};
        if (const json::object* p = object_at(traits_of(o), "smithy.api#paginated"))
            paginated_defaults = *p;
        add_bindings(o);
    }
    if (m.service_name_.empty())
        fail("no service shape");
    std::vector<std::string> seen_resources;
    while (!pending_resources.empty()) {
        const std::string id = pending_resources.back();
        pending_resources.pop_back();
        if (std::find(seen_resources.begin(), seen_resources.end(), id) != seen_resources.end())
            continue;
        seen_resources.push_back(id);
        if (!shapes.contains(id) || !shapes.at(id).is_object())
            fail("unknown resource " + id);
        add_bindings(shapes.at(id).get_object());
    }

    for (const std::string& id : operation_ids) {
        const json::object* o = shapes.contains(id) ? &shapes.at(id).get_object() : nullptr;
        if (!o)
            fail("unknown operation " + id);
        const json::object& t = traits_of(*o);
        const json::object* http = object_at(t, "smithy.api#http");
        if (!http)
            fail("operation " + id + " has no @http trait");
        Operation op;
        op.name = id.substr(id.find('#') + 1);
        op.method = string_at(*http, "method");
        op.uri = string_at(*http, "uri");
        op.readonly = t.contains("smithy.api#readonly");
        if (const json::value* c = http->if_contains("code"))
            op.code = static_cast<unsigned>(integer_of(*c).value_or(200));
        const std::string uri_path = op.uri.substr(0, op.uri.find('?'));
        if (const auto q = op.uri.find('?'); q != std::string::npos)
            for (const std::string& part : split(std::string_view{op.uri}.substr(q + 1), '&')) {
                const auto eq = part.find('=');
                op.query_literals.emplace_back(part.substr(0, eq),
                                               eq == std::string::npos ? std::string{} : part.substr(eq + 1));
            }
        if (uri_path.empty() || uri_path.front() != '/')
            fail("operation " + op.name + ": URI must start with /");
        for (const std::string& seg : split(std::string_view{uri_path}.substr(1), '/')) {
            Segment s;
            if (seg.size() >= 2 && seg.front() == '{' && seg.back() == '}') {
                s.label = true;
                s.text = seg.substr(1, seg.size() - 2);
                if (!s.text.empty() && s.text.back() == '+') {
                    s.greedy = true;
                    s.text.pop_back();
                }
            } else {
                s.text = seg;
            }
            op.segments.push_back(std::move(s));
        }
        if (op.segments.size() == 1 && op.segments[0].text.empty() && !op.segments[0].label)
            op.segments.clear();   // "/" itself
        for (const char* io : {"input", "output"}) {
            if (const json::object* ref = object_at(*o, io)) {
                const std::string target = string_at(*ref, "target");
                if (!target.empty() && target != "smithy.api#Unit") {
                    (std::string_view{io} == "input" ? op.input : op.output) = target_of(*ref);
                }
            }
        }
        if (const json::object* p = object_at(t, "smithy.api#paginated")) {
            json::object merged = paginated_defaults;
            for (const auto& kv : *p)
                merged[kv.key()] = kv.value();
            op.input_token = string_at(merged, "inputToken");
            op.output_token = string_at(merged, "outputToken");
            op.items = string_at(merged, "items");
            op.page_size = string_at(merged, "pageSize");
        }
        m.operations_.push_back(std::move(op));
    }
    std::sort(m.operations_.begin(), m.operations_.end(),
              [](const Operation& a, const Operation& b) { return a.name < b.name; });
    return m;
}

const Operation* Model::operation(std::string_view name) const
{
    for (const Operation& op : operations_)
        if (op.name == name)
            return &op;
    return nullptr;
}

const Shape* Model::find_shape(std::string_view name) const
{
    for (const Shape& s : shapes_)
        if (s.name == name)
            return &s;
    return nullptr;
}

// ---------------------------------------------------------------- routing

std::variant<Route, NoRoute> Model::route(std::string_view method, std::string_view path) const
{
    if (path.empty() || path.front() != '/')
        return NoRoute{};
    std::vector<std::string> segs;
    if (path != "/")
        segs = split(path.substr(1), '/');

    const Operation* best = nullptr;
    Score best_score;
    std::vector<std::pair<std::string, std::string>> best_labels;
    const Operation* best_any = nullptr;
    Score best_any_score;
    std::vector<std::string> methods;
    for (const Operation& op : operations_) {
        std::vector<std::pair<std::string, std::string>> labels;
        const auto score = match(op, segs, labels);
        if (!score)
            continue;
        if (!best_any || *score > best_any_score) {
            best_any = &op;
            best_any_score = *score;
        }
        if (std::find(methods.begin(), methods.end(), op.method) == methods.end())
            methods.push_back(op.method);
        if (op.method == method && (!best || *score > best_score)) {
            best = &op;
            best_score = *score;
            best_labels = std::move(labels);
        }
    }
    if (best)
        return Route{best, std::move(best_labels)};
    if (!best_any)
        return NoRoute{};
    std::sort(methods.begin(), methods.end());
    NoRoute out;
    out.status = 405;
    for (std::size_t i = 0; i < methods.size(); ++i)
        out.allow += (i ? ", " : "") + methods[i];
    out.uri = best_any->uri.substr(0, best_any->uri.find('?'));
    return out;
}

// ---------------------------------------------------------------- decoding

namespace {

// A text value (label, query, header) as the JSON value its target takes;
// nullopt with an error appended when it does not convert.
std::optional<json::value> from_text(const Shape& target, const std::string& text, const std::string& name,
                                     std::vector<std::string>& errors)
{
    if (is_integer_kind(target.kind)) {
        std::int64_t n = 0;
        bool ok = !text.empty();
        std::size_t i = (text.size() > 1 && text[0] == '-') ? 1 : 0;
        for (; ok && i < text.size(); ++i) {
            const char c = text[i];
            if (c < '0' || c > '9' || n > (INT64_MAX - (c - '0')) / 10) {
                ok = false;
                break;
            }
            n = n * 10 + (c - '0');
        }
        if (!ok) {
            errors.push_back("Value at '" + name + "' must be an integer");
            return std::nullopt;
        }
        return json::value(text[0] == '-' ? -n : n);
    }
    if (target.kind == Kind::boolean) {
        if (text == "true" || text == "false")
            return json::value(text == "true");
        errors.push_back("Value at '" + name + "' must be a boolean");
        return std::nullopt;
    }
    if (target.kind == Kind::float_ || target.kind == Kind::double_) {
        char* end = nullptr;
        const double d = std::strtod(text.c_str(), &end);
        if (text.empty() || *end != '\0') {
            errors.push_back("Value at '" + name + "' must be a number");
            return std::nullopt;
        }
        return json::value(d);
    }
    return json::value(json::string(text));
}

} // namespace

std::variant<json::object, std::string> Model::decode_input(const Route& route, const Request& req) const
{
    json::object in;
    const Operation& op = *route.op;
    if (!op.input)
        return in;
    const Shape& input = shapes_[*op.input];
    std::vector<std::string> errors;

    const auto member_named = [&](std::string_view name) -> const Member* {
        for (const Member& mem : input.members)
            if (mem.name == name)
                return &mem;
        return nullptr;
    };

    // Labels: strictly percent-decoded, valid UTF-8.
    for (const auto& [name, raw] : route.labels) {
        const Member* mem = member_named(name);
        if (!mem)
            continue;
        const auto decoded = percent_decode(raw);
        if (!decoded)
            return validation_message({"Value at '" + name + "' is not correctly percent-encoded"});
        if (!utf8_code_points(*decoded))
            return validation_message({"Value at '" + name + "' is not valid UTF-8"});
        if (auto v = from_text(shapes_[mem->target], *decoded, name, errors))
            in[name] = std::move(*v);
    }

    // Query: a list takes every value of its key, a scalar the first one.
    const auto pairs = query_pairs(req.target);
    for (const Member& mem : input.members) {
        if (mem.location != Location::query)
            continue;
        const Shape& target = shapes_[mem.target];
        json::array values;
        for (const auto& [key, raw] : pairs) {
            if (key != mem.wire_name)
                continue;
            const auto decoded = percent_decode(raw);
            if (!decoded)
                return validation_message({"Value at '" + mem.name + "' is not correctly percent-encoded"});
            if (!utf8_code_points(*decoded))
                return validation_message({"Value at '" + mem.name + "' is not valid UTF-8"});
            const Shape& item = target.kind == Kind::list ? shapes_[target.members.at(0).target] : target;
            if (auto v = from_text(item, *decoded, mem.name, errors))
                values.push_back(std::move(*v));
            if (target.kind != Kind::list)
                break;
        }
        if (values.empty())
            continue;
        if (target.kind == Kind::list)
            in[mem.name] = std::move(values);
        else
            in[mem.name] = std::move(values[0]);
    }

    // Headers: case-insensitive names; a list is comma-separated.
    for (const Member& mem : input.members) {
        if (mem.location != Location::header)
            continue;
        for (const auto& [name, value] : req.headers) {
            if (!iequals(name, mem.wire_name))
                continue;
            const Shape& target = shapes_[mem.target];
            if (target.kind == Kind::list) {
                json::array items;
                for (std::string item : split(value, ',')) {
                    while (!item.empty() && item.front() == ' ')
                        item.erase(0, 1);
                    while (!item.empty() && item.back() == ' ')
                        item.pop_back();
                    if (auto v = from_text(shapes_[target.members.at(0).target], item, mem.name, errors))
                        items.push_back(std::move(*v));
                }
                in[mem.name] = std::move(items);
            } else if (auto v = from_text(target, value, mem.name, errors)) {
                in[mem.name] = std::move(*v);
            }
            break;
        }
    }

    // Body: a JSON object of the body members (an empty body counts as {}), or the payload member.
    const bool has_body = std::any_of(input.members.begin(), input.members.end(), [](const Member& mem) {
        return mem.location == Location::body || mem.location == Location::payload;
    });
    if (has_body) {
        const Member* payload = nullptr;
        for (const Member& mem : input.members)
            if (mem.location == Location::payload)
                payload = &mem;
        const bool raw_payload = payload && shapes_[payload->target].kind != Kind::structure &&
                                 shapes_[payload->target].kind != Kind::union_ &&
                                 shapes_[payload->target].kind != Kind::document;
        if (raw_payload) {
            if (!req.body.empty())
                in[payload->name] = json::string(req.body);
        } else if (!is_blank(req.body) || !payload) {
            json::object body;
            if (!is_blank(req.body)) {
                json::error_code ec;
                json::value v = json::parse(req.body, ec);
                if (ec)
                    return std::string{"The request body is not valid JSON."};
                if (!v.is_object() && !(payload && shapes_[payload->target].kind == Kind::document))
                    return std::string{"The request body must be a JSON object."};
                if (payload) {
                    in[payload->name] = std::move(v);
                } else {
                    body = std::move(v.get_object());
                }
            }
            for (const Member& mem : input.members) {
                if (mem.location != Location::body)
                    continue;
                const json::value* v = body.if_contains(mem.wire_name);
                if (v && !v->is_null())
                    in[mem.name] = *v;
            }
        }
    }

    if (errors.empty())
        validate_structure(input, in, "", errors);
    if (!errors.empty())
        return validation_message(errors);
    return in;
}

// ---------------------------------------------------------------- validation

void Model::validate_structure(const Shape& shape, const json::object& value, const std::string& prefix,
                               std::vector<std::string>& errors) const
{
    std::size_t set = 0;
    for (const Member& mem : shape.members) {
        const std::string path = prefix.empty() ? mem.name : prefix + "." + mem.name;
        const json::value* v = value.if_contains(mem.name);
        if (!v || v->is_null()) {
            if (mem.required)
                errors.push_back("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
            continue;
        }
        ++set;
        validate_value(shapes_[mem.target], mem.constraints, *v, path, errors);
    }
    if (shape.kind == Kind::union_ && set != 1)
        errors.push_back("Value at '" + (prefix.empty() ? shape.name : prefix) +
                         "' failed to satisfy constraint: Member must have exactly one member set");
}

void Model::validate_value(const Shape& shape, const Constraints& c, const json::value& v, const std::string& path,
                           std::vector<std::string>& errors) const
{
    const auto check_length = [&](std::uint64_t n) {
        if ((c.length_min && n < *c.length_min) || (c.length_max && n > *c.length_max))
            errors.push_back(constraint_failure(
                path, bounds_text("length",
                                  c.length_min ? std::optional<std::string>{std::to_string(*c.length_min)} : std::nullopt,
                                  c.length_max ? std::optional<std::string>{std::to_string(*c.length_max)} : std::nullopt)));
    };
    const auto check_range = [&](double d) {
        if ((c.range_min && d < *c.range_min) || (c.range_max && d > *c.range_max))
            errors.push_back(constraint_failure(
                path, bounds_text("value", c.range_min ? std::optional<std::string>{number_text(*c.range_min)} : std::nullopt,
                                  c.range_max ? std::optional<std::string>{number_text(*c.range_max)} : std::nullopt)));
    };

    switch (shape.kind) {
    case Kind::string:
    case Kind::enum_: {
        if (!v.is_string()) {
            errors.push_back("Value at '" + path + "' must be a string");
            return;
        }
        const std::string_view s = v.get_string();
        const auto n = utf8_code_points(s);
        if (!n) {
            errors.push_back("Value at '" + path + "' is not valid UTF-8");
            return;
        }
        check_length(*n);
        if (c.regex) {
            bool matched = false;
            try {
                matched = boost::regex_search(s.begin(), s.end(), *c.regex);
            } catch (const std::exception&) {
                matched = false;   // too complex to match: not a value the service would take either
            }
            if (!matched)
                errors.push_back(constraint_failure(path, "must satisfy regular expression pattern: " + *c.pattern));
        }
        if (!shape.enum_values.empty() &&
            std::find(shape.enum_values.begin(), shape.enum_values.end(), s) == shape.enum_values.end()) {
            std::string set = "[";
            for (std::size_t i = 0; i < shape.enum_values.size(); ++i)
                set += (i ? ", " : "") + shape.enum_values[i];
            errors.push_back(constraint_failure(path, "must satisfy enum value set: " + set + "]"));
        }
        return;
    }
    case Kind::byte_:
    case Kind::short_:
    case Kind::integer:
    case Kind::long_:
    case Kind::int_enum:
    case Kind::big_integer: {
        const auto n = integer_of(v);
        const auto [lo, hi] = bounds_of(shape.kind);
        if (!n || *n < lo || *n > hi) {
            errors.push_back("Value at '" + path + "' must be an integer");
            return;
        }
        check_range(static_cast<double>(*n));
        return;
    }
    case Kind::float_:
    case Kind::double_:
    case Kind::big_decimal: {
        const auto d = number_of(v);
        if (!d) {
            errors.push_back("Value at '" + path + "' must be a number");
            return;
        }
        check_range(*d);
        return;
    }
    case Kind::boolean:
        if (!v.is_bool())
            errors.push_back("Value at '" + path + "' must be a boolean");
        return;
    case Kind::timestamp: {
        const std::string format = c.timestamp_format.value_or("epoch-seconds");
        if (format == "date-time") {
            if (!v.is_string())
                errors.push_back("Value at '" + path + "' must be an RFC 3339 date-time string");
            else if (!parse_rfc3339(v.get_string()))
                errors.push_back("Value at '" + path + "' is not a valid RFC 3339 date-time");
        } else if (format == "http-date") {
            if (!v.is_string())
                errors.push_back("Value at '" + path + "' must be an HTTP date string");
        } else if (!number_of(v)) {
            errors.push_back("Value at '" + path + "' must be a number of seconds since the epoch");
        }
        return;
    }
    case Kind::blob:
        if (!v.is_string())
            errors.push_back("Value at '" + path + "' must be a base64 string");
        return;
    case Kind::list: {
        if (!v.is_array()) {
            errors.push_back("Value at '" + path + "' must be a list");
            return;
        }
        const json::array& a = v.get_array();
        check_length(a.size());
        const Member& item = shape.members.at(0);
        for (std::size_t i = 0; i < a.size(); ++i) {
            const std::string item_path = path + "." + std::to_string(i + 1) + ".member";
            if (a[i].is_null())
                errors.push_back("Value null at '" + item_path + "' failed to satisfy constraint: Member must not be null");
            else
                validate_value(shapes_[item.target], item.constraints, a[i], item_path, errors);
        }
        return;
    }
    case Kind::map: {
        if (!v.is_object()) {
            errors.push_back("Value at '" + path + "' must be a map (JSON object)");
            return;
        }
        const json::object& o = v.get_object();
        check_length(o.size());
        const Member& key = shape.members.at(0);
        const Member& value = shape.members.at(1);
        for (const auto& kv : o) {
            const std::string entry = path + "." + std::string{kv.key()};
            validate_value(shapes_[key.target], key.constraints, json::value(json::string(kv.key())), entry + ".key",
                           errors);
            if (kv.value().is_null())
                errors.push_back("Value null at '" + entry + "' failed to satisfy constraint: Member must not be null");
            else
                validate_value(shapes_[value.target], value.constraints, kv.value(), entry, errors);
        }
        return;
    }
    case Kind::structure:
    case Kind::union_:
        if (!v.is_object()) {
            errors.push_back("Value at '" + path + "' must be a structure (JSON object)");
            return;
        }
        validate_structure(shape, v.get_object(), path, errors);
        return;
    case Kind::document:
    case Kind::unit:
        return;
    }
}

std::vector<std::string> Model::check_output(const Operation& op, const json::object& output) const
{
    std::vector<std::string> errors;
    if (op.output)
        validate_structure(shapes_[*op.output], output, "", errors);
    else if (!output.empty())
        errors.push_back("the operation has no output members");
    return errors;
}

} // namespace emu::model
