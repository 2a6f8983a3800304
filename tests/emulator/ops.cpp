// Helpers shared by the operation handlers: input access, lookups, paging.
#include "ops.hpp"

namespace emu {

namespace json = boost::json;

const json::value* Call::value(std::string_view key) const
{
    const json::value* v = in.if_contains(key);
    return v && !v->is_null() ? v : nullptr;
}

std::string Call::str(std::string_view key) const { return opt(key).value_or(std::string{}); }

std::optional<std::string> Call::opt(std::string_view key) const
{
    const json::value* v = value(key);
    if (!v || !v->is_string())
        return std::nullopt;
    return std::string{v->get_string()};
}

std::optional<std::int64_t> Call::integer(std::string_view key) const
{
    const json::value* v = value(key);
    if (!v)
        return std::nullopt;
    if (v->is_int64())
        return v->get_int64();
    if (v->is_uint64())
        return static_cast<std::int64_t>(v->get_uint64());
    return std::nullopt;
}

std::optional<TimePoint> Call::time(std::string_view key) const
{
    const auto s = opt(key);
    return s ? parse_rfc3339(*s) : std::nullopt;
}

std::string lower(std::string_view s) { return to_lower(s); }

Found<Space> find_space(Call& c, const std::string& name)
{
    for (Space& s : c.state.spaces) {
        if (s.name != name)
            continue;
        if (std::find(s.members.begin(), s.members.end(), c.caller.name) == s.members.end())
            return access_denied("The request was denied because you are not a member of the space '" + name + "'.");
        return s;
    }
    return not_found("space '" + name + "'");
}

Found<Project> find_project(Call&, Space& space, const std::string& name)
{
    for (Project& p : space.projects)
        if (p.name == name)
            return p;
    return not_found("project '" + name + "' in space '" + space.name + "'");
}

Found<Project> find_space_project(Call& c)
{
    auto space = find_space(c, c.str("spaceName"));
    if (!space)
        return space.error();
    return find_project(c, *space, c.str("projectName"));
}

Found<Repository> find_repository(Project& project, const std::string& name)
{
    for (Repository& r : project.repositories)
        if (r.name == name)
            return r;
    return not_found("source repository '" + name + "' in project '" + project.name + "'");
}

std::variant<PageWindow, Reply> page_window(Call& c, const std::string& scope)
{
    PageWindow w;
    std::optional<double> max;
    if (!c.op.page_size.empty() && c.op.input)
        for (const model::Member& m : c.model.shape(*c.op.input).members)
            if (m.name == c.op.page_size)
                max = m.constraints.range_max;
    w.size = c.state.default_page_size;
    if (max && *max >= 1 && static_cast<double>(w.size) > *max)
        w.size = static_cast<std::size_t>(*max);
    if (!c.op.page_size.empty())
        if (const auto n = c.integer(c.op.page_size)) {
            // The model may leave the minimum out (ListAccessTokens); a page holds at least one item.
            if (*n < 1)
                return validation_error("1 validation error detected: Value at '" + c.op.page_size +
                                        "' failed to satisfy constraint: Member must be an integer between 1 and " +
                                        (max ? std::to_string(static_cast<std::int64_t>(*max)) : "2147483647"));
            w.size = static_cast<std::size_t>(*n);
        }
    if (const auto token = c.opt(c.op.input_token)) {
        const auto it = c.state.cursors.find(*token);
        if (it == c.state.cursors.end() || it->second.owner != c.caller.name || it->second.scope != scope)
            return validation_error("The nextToken is not valid or has expired.");
        w.after_seq = it->second.after_seq;
    }
    return w;
}

std::string issue_cursor(Call& c, const std::string& scope, std::uint64_t after_seq)
{
    std::string token = random_base64(48);
    c.state.cursors[token] = Cursor{c.caller.name, scope, after_seq};
    return token;
}

} // namespace emu
