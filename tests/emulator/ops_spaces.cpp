// Spaces and what hangs off a space directly: ListSpaces, GetSpace, UpdateSpace,
// DeleteSpace, GetSubscription, ListEventLogs; projects: CreateProject,
// GetProject, ListProjects, UpdateProject, DeleteProject; and GetUserDetails.
#include "ops.hpp"

namespace emu {

namespace json = boost::json;

namespace {

json::object space_summary(const Space& s)
{
    json::object o{{"name", s.name}, {"regionName", s.region}};
    if (s.display_name)
        o["displayName"] = *s.display_name;
    if (s.description)
        o["description"] = *s.description;
    return o;
}

json::object project_summary(const Project& p)
{
    json::object o{{"name", p.name}, {"displayName", p.display_name}};
    if (p.description)
        o["description"] = *p.description;
    return o;
}

// ---------------------------------------------------------------- spaces

Answer list_spaces(Call& c)
{
    std::vector<const Space*> visible;
    for (const Space& s : c.state.spaces)
        if (std::find(s.members.begin(), s.members.end(), c.caller.name) != s.members.end())
            visible.push_back(&s);
    return paginate(c, "ListSpaces", visible, space_summary);
}

Answer get_space(Call& c)
{
    auto space = find_space(c, c.str("name"));
    if (!space)
        return space.error();
    return space_summary(*space);
}

Answer update_space(Call& c)
{
    auto space = find_space(c, c.str("name"));
    if (!space)
        return space.error();
    if (const auto d = c.opt("description"))
        space->description = *d;
    json::object out = space_summary(*space);
    out.erase("regionName");
    return out;
}

Answer delete_space(Call& c)
{
    auto space = find_space(c, c.str("name"));
    if (!space)
        return space.error();
    json::object out{{"name", space->name}};
    if (space->display_name)
        out["displayName"] = *space->display_name;
    const std::string name = space->name;
    std::erase_if(c.state.spaces, [&](const Space& s) { return s.name == name; });
    return out;
}

Answer get_subscription(Call& c)
{
    auto space = find_space(c, c.str("spaceName"));
    if (!space)
        return space.error();
    return space->subscription;
}

Answer list_event_logs(Call& c)
{
    auto space = find_space(c, c.str("spaceName"));
    if (!space)
        return space.error();
    const TimePoint start = *c.time("startTime");
    const TimePoint end = *c.time("endTime");
    if (end < start)
        return validation_error("1 validation error detected: Value at 'endTime' failed to satisfy constraint: "
                                "Member must not be earlier than startTime");
    const auto name = c.opt("eventName");
    std::vector<const EventLog*> matching;
    for (const EventLog& e : space->events)
        if (e.time >= start && e.time <= end && (!name || e.event_name == *name))
            matching.push_back(&e);
    return paginate(c, "ListEventLogs/" + space->name, matching, [](const EventLog& e) { return e.entry; });
}

// ---------------------------------------------------------------- projects

Answer create_project(Call& c)
{
    auto space = find_space(c, c.str("spaceName"));
    if (!space)
        return space.error();
    // The project's name is its display name with spaces as hyphens: the display name's
    // pattern is the NameString pattern plus ' ' as a separator.
    Project p;
    p.display_name = c.str("displayName");
    p.name = p.display_name;
    std::replace(p.name.begin(), p.name.end(), ' ', '-');
    p.description = c.opt("description");
    for (const Project& other : space->projects)
        if (other.name == p.name)
            return conflict("The request was denied because a project named '" + p.name +
                            "' already exists in the space '" + space->name + "'.");
    p.seq = c.state.seq();
    json::object out = project_summary(p);
    out["spaceName"] = space->name;
    space->projects.push_back(std::move(p));
    return out;
}

Answer get_project(Call& c)
{
    auto space = find_space(c, c.str("spaceName"));
    if (!space)
        return space.error();
    auto project = find_project(c, *space, c.str("name"));
    if (!project)
        return project.error();
    json::object out = project_summary(*project);
    out["spaceName"] = space->name;
    return out;
}

// One ProjectListFilter: true when it keeps `p`; a Reply for a filter the service refuses.
std::variant<bool, Reply> keeps(const json::object& filter, const Project& p)
{
    const std::string key{filter.at("key").get_string()};
    std::vector<std::string> values;
    for (const json::value& v : filter.at("values").get_array())
        values.emplace_back(v.get_string());
    std::string op = "EQ";
    if (const json::value* o = filter.if_contains("comparisonOperator"); o && o->is_string())
        op = std::string{o->get_string()};
    if (key == "hasAccessTo") {
        // Every member of a space has access to all of its projects.
        if (op != "EQ" || values.size() != 1 || (values[0] != "true" && values[0] != "false"))
            return validation_error("1 validation error detected: The filter 'hasAccessTo' takes the "
                                    "comparisonOperator EQ and one value, true or false");
        return values[0] == "true";
    }
    if (op == "EQ")
        return std::find(values.begin(), values.end(), p.name) != values.end();
    if (op == "BEGINS_WITH")
        return std::any_of(values.begin(), values.end(), [&](const std::string& v) { return p.name.starts_with(v); });
    if (values.size() != 1)
        return validation_error("1 validation error detected: The comparisonOperator " + op + " takes one value");
    const int cmp = p.name.compare(values[0]);
    return op == "GT" ? cmp > 0 : op == "GE" ? cmp >= 0 : op == "LT" ? cmp < 0 : cmp <= 0;
}

Answer list_projects(Call& c)
{
    auto space = find_space(c, c.str("spaceName"));
    if (!space)
        return space.error();
    std::vector<const Project*> matching;
    for (const Project& p : space->projects) {
        bool keep = true;
        if (const json::value* filters = c.value("filters"))
            for (const json::value& f : filters->get_array()) {
                auto k = keeps(f.get_object(), p);
                if (auto* err = std::get_if<Reply>(&k))
                    return std::move(*err);
                keep = keep && std::get<bool>(k);
            }
        if (keep)
            matching.push_back(&p);
    }
    return paginate(c, "ListProjects/" + space->name, matching, project_summary);
}

Answer update_project(Call& c)
{
    auto space = find_space(c, c.str("spaceName"));
    if (!space)
        return space.error();
    auto project = find_project(c, *space, c.str("name"));
    if (!project)
        return project.error();
    if (const auto d = c.opt("description"))
        project->description = *d;
    json::object out = project_summary(*project);
    out["spaceName"] = space->name;
    return out;
}

Answer delete_project(Call& c)
{
    auto space = find_space(c, c.str("spaceName"));
    if (!space)
        return space.error();
    auto project = find_project(c, *space, c.str("name"));
    if (!project)
        return project.error();
    json::object out{{"spaceName", space->name}, {"name", project->name}, {"displayName", project->display_name}};
    const std::string name = project->name;
    std::erase_if(space->projects, [&](const Project& p) { return p.name == name; });
    return out;
}

// ---------------------------------------------------------------- users

Answer get_user_details(Call& c)
{
    const auto id = c.opt("id");
    const auto name = c.opt("userName");
    if (!id && !name)
        return validation_error("1 validation error detected: Either 'id' or 'userName' must be specified");
    const User* found = nullptr;
    for (const User& u : c.state.users)
        if ((!id || u.identity == *id) && (!name || u.name == *name))
            found = &u;
    if (!found)
        return not_found("user");
    return json::object{{"userId", found->identity},
                        {"userName", found->name},
                        {"displayName", found->display_name},
                        {"primaryEmail", json::object{{"email", found->email}, {"verified", found->email_verified}}},
                        {"version", "1"}};
}

} // namespace

void register_space_ops(HandlerTable& table)
{
    table["ListSpaces"] = list_spaces;
    table["GetSpace"] = get_space;
    table["UpdateSpace"] = update_space;
    table["DeleteSpace"] = delete_space;
    table["GetSubscription"] = get_subscription;
    table["ListEventLogs"] = list_event_logs;
    table["CreateProject"] = create_project;
    table["GetProject"] = get_project;
    table["ListProjects"] = list_projects;
    table["UpdateProject"] = update_project;
    table["DeleteProject"] = delete_project;
    table["GetUserDetails"] = get_user_details;
}

} // namespace emu
