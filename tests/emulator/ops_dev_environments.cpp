// Dev environments and their sessions: CreateDevEnvironment, GetDevEnvironment,
// ListDevEnvironments, UpdateDevEnvironment, DeleteDevEnvironment,
// StartDevEnvironment, StopDevEnvironment, StartDevEnvironmentSession,
// ListDevEnvironmentSessions, StopDevEnvironmentSession.
//
// State machine: Create -> RUNNING. Stop: RUNNING -> STOPPING (in Stop's answer)
// -> STOPPED (from the next request that reads it). Start: STOPPED -> STARTING
// -> RUNNING likewise. Start on RUNNING and Stop on STOPPED change nothing.
// Sessions need RUNNING and end when the dev environment stops.
#include "ops.hpp"

namespace emu {

namespace json = boost::json;

namespace {

// Completes a transition begun by Start or Stop.
void settle(DevEnvironment& env)
{
    if (env.status == "STARTING")
        env.status = "RUNNING";
    else if (env.status == "STOPPING")
        env.status = "STOPPED";
}

struct Located {
    Space* space = nullptr;
    Project* project = nullptr;
    DevEnvironment* env = nullptr;
};

// The dev environment of labels spaceName + projectName + `id_member`, settled; only its creator may use it.
std::variant<Located, Reply> locate(Call& c, std::string_view id_member = "id")
{
    auto space = find_space(c, c.str("spaceName"));
    if (!space)
        return space.error();
    auto project = find_project(c, *space, c.str("projectName"));
    if (!project)
        return project.error();
    const std::string id = lower(c.str(id_member));
    for (DevEnvironment& env : project->dev_environments) {
        if (env.id != id)
            continue;
        if (env.creator != c.caller.name)
            return access_denied("The request was denied because the dev environment belongs to another user.");
        settle(env);
        return Located{&*space, &*project, &env};
    }
    return not_found("dev environment '" + id + "' in project '" + project->name + "'");
}

json::object summary(const Space& space, const Project& project, const DevEnvironment& env)
{
    json::object o{{"spaceName", space.name},
                   {"projectName", project.name},
                   {"id", env.id},
                   {"lastUpdatedTime", format_rfc3339(env.last_updated)},
                   {"creatorId", env.creator_id},
                   {"status", env.status},
                   {"repositories", env.repositories},
                   {"instanceType", env.instance_type},
                   {"inactivityTimeoutMinutes", env.inactivity_timeout_minutes},
                   {"persistentStorage", json::object{{"sizeInGiB", env.storage_gib}}}};
    if (env.alias)
        o["alias"] = *env.alias;
    if (!env.ides.empty())
        o["ides"] = env.ides;
    if (env.vpc_connection_name)
        o["vpcConnectionName"] = *env.vpc_connection_name;
    return o;
}

json::object identity(const Located& l)
{
    return json::object{{"spaceName", l.space->name}, {"projectName", l.project->name}, {"id", l.env->id}};
}

Answer create_dev_environment(Call& c)
{
    auto space = find_space(c, c.str("spaceName"));
    if (!space)
        return space.error();
    auto project = find_project(c, *space, c.str("projectName"));
    if (!project)
        return project.error();
    const auto answer = [&](const DevEnvironment& env) {
        json::object out{{"spaceName", space->name}, {"projectName", project->name}, {"id", env.id}};
        if (env.vpc_connection_name)
            out["vpcConnectionName"] = *env.vpc_connection_name;
        return out;
    };
    const auto token = c.opt("clientToken");
    if (token)   // a retry with the same idempotency token gets the first answer
        for (const DevEnvironment& env : project->dev_environments)
            if (env.client_token == token && env.creator == c.caller.name)
                return answer(env);

    const std::int64_t storage = c.value("persistentStorage")->get_object().at("sizeInGiB").to_number<std::int64_t>();
    if (storage != 16 && storage != 32 && storage != 64)
        return validation_error("1 validation error detected: Value at 'persistentStorage.sizeInGiB' failed to "
                                "satisfy constraint: Member must be one of 16, 32, 64");
    DevEnvironment env;
    if (const json::value* repos = c.value("repositories"))
        for (const json::value& rv : repos->get_array()) {
            const json::object& r = rv.get_object();
            auto repo = find_repository(*project, std::string{r.at("repositoryName").get_string()});
            if (!repo)
                return repo.error();
            json::object entry{{"repositoryName", repo->name}};
            if (const json::value* b = r.if_contains("branchName"); b && b->is_string()) {
                const bool known = std::any_of(repo->branches.begin(), repo->branches.end(),
                                               [&](const Branch& br) { return br.name == b->get_string(); });
                if (!known)
                    return not_found("branch '" + std::string{b->get_string()} + "' in the source repository '" +
                                     repo->name + "'");
                entry["branchName"] = *b;
            }
            env.repositories.push_back(std::move(entry));
        }
    env.seq = c.state.seq();
    env.id = make_uuid();
    env.creator = c.caller.name;
    env.creator_id = c.caller.identity;
    env.status = "RUNNING";
    env.alias = c.opt("alias");
    if (const json::value* ides = c.value("ides"))
        env.ides = ides->get_array();
    env.instance_type = c.str("instanceType");
    env.inactivity_timeout_minutes = c.integer("inactivityTimeoutMinutes").value_or(0);
    env.storage_gib = storage;
    env.vpc_connection_name = c.opt("vpcConnectionName");
    env.client_token = token;
    env.last_updated = c.now;
    json::object out = answer(env);
    project->dev_environments.push_back(std::move(env));
    return out;
}

Answer get_dev_environment(Call& c)
{
    auto found = locate(c);
    if (auto* err = std::get_if<Reply>(&found))
        return std::move(*err);
    const Located& l = std::get<Located>(found);
    return summary(*l.space, *l.project, *l.env);
}

// One Filter of ListDevEnvironments: true when it keeps `env`; a Reply for a filter the emulator does not know.
std::variant<bool, Reply> keeps(const json::object& filter, const Project& project, const DevEnvironment& env)
{
    const std::string key{filter.at("key").get_string()};
    std::string op = "EQ";
    if (const json::value* o = filter.if_contains("comparisonOperator"); o && o->is_string())
        op = std::string{o->get_string()};
    std::string actual;
    if (key == "status")
        actual = env.status;
    else if (key == "instanceType")
        actual = env.instance_type;
    else if (key == "alias")
        actual = env.alias.value_or("");
    else if (key == "creatorId")
        actual = env.creator_id;
    else if (key == "projectName")
        actual = project.name;
    else
        return validation_error("1 validation error detected: Value at 'filters.key' failed to satisfy constraint: "
                                "Member must be one of status, instanceType, alias, creatorId, projectName");
    if (op != "EQ" && op != "BEGINS_WITH")
        return validation_error("1 validation error detected: Value at 'filters.comparisonOperator' failed to "
                                "satisfy constraint: Member must be one of EQ, BEGINS_WITH");
    for (const json::value& v : filter.at("values").get_array()) {
        const std::string_view want = v.get_string();
        if (op == "EQ" ? actual == want : std::string_view{actual}.starts_with(want))
            return true;
    }
    return false;
}

Answer list_dev_environments(Call& c)
{
    auto space = find_space(c, c.str("spaceName"));
    if (!space)
        return space.error();
    std::vector<Project*> projects;
    if (const auto name = c.opt("projectName")) {
        auto project = find_project(c, *space, *name);
        if (!project)
            return project.error();
        projects.push_back(&*project);
    } else {
        for (Project& p : space->projects)
            projects.push_back(&p);
    }
    // Only the caller's own dev environments, in creation order across projects.
    struct Item {
        std::uint64_t seq;
        const Project* project;
        const DevEnvironment* env;
    };
    std::vector<Item> items;
    for (Project* p : projects)
        for (DevEnvironment& env : p->dev_environments) {
            if (env.creator != c.caller.name)
                continue;
            settle(env);
            bool keep = true;
            if (const json::value* filters = c.value("filters"))
                for (const json::value& f : filters->get_array()) {
                    auto k = keeps(f.get_object(), *p, env);
                    if (auto* err = std::get_if<Reply>(&k))
                        return std::move(*err);
                    keep = keep && std::get<bool>(k);
                }
            if (keep)
                items.push_back(Item{env.seq, p, &env});
        }
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.seq < b.seq; });
    std::vector<const Item*> ordered;
    for (const Item& i : items)
        ordered.push_back(&i);
    const std::string scope = "ListDevEnvironments/" + space->name + "/" + c.opt("projectName").value_or("");
    const Space& s = *space;
    return paginate(c, scope, ordered, [&](const Item& i) { return summary(s, *i.project, *i.env); });
}

Answer update_dev_environment(Call& c)
{
    auto found = locate(c);
    if (auto* err = std::get_if<Reply>(&found))
        return std::move(*err);
    const Located& l = std::get<Located>(found);
    DevEnvironment& env = *l.env;
    if (const auto alias = c.opt("alias"))
        env.alias = alias->empty() ? std::nullopt : alias;   // "" clears the alias
    if (const json::value* ides = c.value("ides"))
        env.ides = ides->get_array();
    if (const auto type = c.opt("instanceType"))
        env.instance_type = *type;
    if (const auto minutes = c.integer("inactivityTimeoutMinutes"))
        env.inactivity_timeout_minutes = *minutes;
    if (const auto token = c.opt("clientToken"))
        env.client_token = token;
    env.last_updated = c.now;
    json::object out = identity(l);
    if (env.alias)
        out["alias"] = *env.alias;
    if (!env.ides.empty())
        out["ides"] = env.ides;
    out["instanceType"] = env.instance_type;
    out["inactivityTimeoutMinutes"] = env.inactivity_timeout_minutes;
    if (const auto token = c.opt("clientToken"))
        out["clientToken"] = *token;
    return out;
}

Answer delete_dev_environment(Call& c)
{
    auto found = locate(c);
    if (auto* err = std::get_if<Reply>(&found))
        return std::move(*err);
    const Located& l = std::get<Located>(found);
    json::object out = identity(l);
    const std::string id = l.env->id;
    std::erase_if(l.project->dev_environments, [&](const DevEnvironment& e) { return e.id == id; });
    return out;
}

Answer start_dev_environment(Call& c)
{
    auto found = locate(c);
    if (auto* err = std::get_if<Reply>(&found))
        return std::move(*err);
    const Located& l = std::get<Located>(found);
    DevEnvironment& env = *l.env;
    if (env.status != "RUNNING") {
        if (const json::value* ides = c.value("ides"))
            env.ides = ides->get_array();
        if (const auto type = c.opt("instanceType"))
            env.instance_type = *type;
        if (const auto minutes = c.integer("inactivityTimeoutMinutes"))
            env.inactivity_timeout_minutes = *minutes;
        env.status = "STARTING";
        env.last_updated = c.now;
    }
    json::object out = identity(l);
    out["status"] = env.status;
    return out;
}

Answer stop_dev_environment(Call& c)
{
    auto found = locate(c);
    if (auto* err = std::get_if<Reply>(&found))
        return std::move(*err);
    const Located& l = std::get<Located>(found);
    DevEnvironment& env = *l.env;
    if (env.status == "RUNNING") {
        env.status = "STOPPING";
        env.sessions.clear();
        env.last_updated = c.now;
    }
    json::object out = identity(l);
    out["status"] = env.status;
    return out;
}

Answer start_dev_environment_session(Call& c)
{
    auto found = locate(c);
    if (auto* err = std::get_if<Reply>(&found))
        return std::move(*err);
    const Located& l = std::get<Located>(found);
    DevEnvironment& env = *l.env;
    if (env.status != "RUNNING")
        return conflict("The request was denied because the dev environment is not running (status " + env.status +
                        ").");
    Session s;
    s.seq = c.state.seq();
    s.id = c.caller.name + "-" + random_hex(17);
    s.started = c.now;
    json::object out = identity(l);
    out["sessionId"] = s.id;
    out["accessDetails"] = json::object{
        {"streamUrl", "wss://ssmmessages." + l.space->region + ".amazonaws.com/v1/data-channel/" + s.id +
                          "?role=publish_subscribe"},
        {"tokenValue", random_alnum(64)}};
    env.sessions.push_back(std::move(s));
    return out;
}

Answer list_dev_environment_sessions(Call& c)
{
    auto found = locate(c, "devEnvironmentId");
    if (auto* err = std::get_if<Reply>(&found))
        return std::move(*err);
    const Located& l = std::get<Located>(found);
    std::vector<const Session*> all;
    for (const Session& s : l.env->sessions)
        all.push_back(&s);
    return paginate(c, "ListDevEnvironmentSessions/" + l.space->name + "/" + l.project->name + "/" + l.env->id, all,
                    [&](const Session& s) {
                        return json::object{{"spaceName", l.space->name},
                                            {"projectName", l.project->name},
                                            {"devEnvironmentId", l.env->id},
                                            {"startedTime", format_rfc3339(s.started)},
                                            {"id", s.id}};
                    });
}

Answer stop_dev_environment_session(Call& c)
{
    auto found = locate(c);
    if (auto* err = std::get_if<Reply>(&found))
        return std::move(*err);
    const Located& l = std::get<Located>(found);
    const std::string id = c.str("sessionId");
    const auto it = std::find_if(l.env->sessions.begin(), l.env->sessions.end(),
                                 [&](const Session& s) { return s.id == id; });
    if (it == l.env->sessions.end())
        return not_found("session '" + id + "' of the dev environment '" + l.env->id + "'");
    l.env->sessions.erase(it);
    json::object out = identity(l);
    out["sessionId"] = id;
    return out;
}

} // namespace

void register_dev_environment_ops(HandlerTable& table)
{
    table["CreateDevEnvironment"] = create_dev_environment;
    table["GetDevEnvironment"] = get_dev_environment;
    table["ListDevEnvironments"] = list_dev_environments;
    table["UpdateDevEnvironment"] = update_dev_environment;
    table["DeleteDevEnvironment"] = delete_dev_environment;
    table["StartDevEnvironment"] = start_dev_environment;
    table["StopDevEnvironment"] = stop_dev_environment;
    table["StartDevEnvironmentSession"] = start_dev_environment_session;
    table["ListDevEnvironmentSessions"] = list_dev_environment_sessions;
    table["StopDevEnvironmentSession"] = stop_dev_environment_session;
}

} // namespace emu
