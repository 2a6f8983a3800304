// Loading the fixtures file: users with their access tokens (as before) and
// spaces with projects, repositories, branches, workflows and event logs.
// Seeded values must satisfy the model, so that what the emulator serves
// from them is what the service could send.
#include "message.hpp"
#include "model.hpp"
#include "state.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace emu {

namespace json = boost::json;

const User* State::user_named(std::string_view name) const
{
    for (const User& u : users)
        if (u.name == name)
            return &u;
    return nullptr;
}

namespace {

// A member that is absent or JSON null counts as absent.
const json::value* member(const json::object& obj, std::string_view key)
{
    const json::value* v = obj.if_contains(key);
    return (v && !v->is_null()) ? v : nullptr;
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

class Loader {
public:
    Loader(const std::string& path, const model::Model& model, State& state)
        : path_{path}, model_{model}, state_{state}
    {
    }

    [[noreturn]] void fail(const std::string& why) const { throw std::runtime_error(path_ + ": " + why); }

    const json::object& object(const json::value& v, const std::string& what) const
    {
        if (!v.is_object())
            fail(what + " must be an object");
        return v.get_object();
    }

    std::string text(const json::object& o, std::string_view key, const std::string& what) const
    {
        const json::value* v = member(o, key);
        if (!v || !v->is_string() || v->get_string().empty())
            fail(what + " needs a non-empty string \"" + std::string{key} + "\"");
        return std::string{v->get_string()};
    }

    std::optional<std::string> optional_text(const json::object& o, std::string_view key, const std::string& what) const
    {
        const json::value* v = member(o, key);
        if (!v)
            return std::nullopt;
        if (!v->is_string())
            fail(what + ": \"" + std::string{key} + "\" must be a string");
        return std::string{v->get_string()};
    }

    TimePoint time(const json::object& o, std::string_view key, const std::string& what) const
    {
        const auto s = optional_text(o, key, what);
        if (!s)
            return start_;
        const auto t = parse_rfc3339(*s);
        if (!t)
            fail(what + ": \"" + std::string{key} + "\" is not RFC 3339");
        return *t;
    }

    const json::array& array(const json::object& o, std::string_view key, const std::string& what) const
    {
        static const json::array empty;
        const json::value* v = member(o, key);
        if (!v)
            return empty;
        if (!v->is_array())
            fail(what + ": \"" + std::string{key} + "\" must be an array");
        return v->get_array();
    }

    // The served form of a seeded value must satisfy its model shape.
    void check(std::string_view shape, const json::object& value, const std::string& what) const
    {
        const model::Shape* s = model_.find_shape(shape);
        if (!s)
            fail("the model has no shape " + std::string{shape});
        std::vector<std::string> errors;
        model_.validate_structure(*s, value, "", errors);
        if (!errors.empty())
            fail(what + " does not satisfy the model's " + std::string{shape} + ": " + model::validation_message(errors));
    }

    void load()
    {
        json::error_code ec;
        const json::value root = json::parse(read_file(path_), ec);
        if (ec)
            fail("not valid JSON (" + ec.message() + ")");
        if (!root.is_object() || !root.get_object().contains("users") || !root.at("users").is_array())
            fail("expected an object with a \"users\" array");
        for (const json::value& uv : root.at("users").get_array())
            user(uv);
        if (const json::value* spaces = member(root.get_object(), "spaces")) {
            if (!spaces->is_array())
                fail("\"spaces\" must be an array");
            for (const json::value& sv : spaces->get_array())
                space(sv);
        }
    }

private:
    void user(const json::value& uv)
    {
        if (!uv.is_object())
            fail("every user must be an object");
        const json::object& u = uv.get_object();
        const json::value* name = member(u, "name");
        if (!name || !name->is_string() || name->get_string().empty())
            fail("every user needs a non-empty string \"name\"");
        User user;
        user.name = std::string{name->get_string()};
        user.identity = user.name;
        if (const json::value* id = member(u, "id")) {
            if (!id->is_string() || id->get_string().empty())
                fail("user \"id\" must be a non-empty string");
            user.identity = std::string{id->get_string()};
        }
        user.display_name = optional_text(u, "displayName", "user " + user.name).value_or(user.name);
        user.email = optional_text(u, "email", "user " + user.name).value_or(user.name + "@example.com");
        if (const json::value* v = member(u, "emailVerified")) {
            if (!v->is_bool())
                fail("user " + user.name + ": \"emailVerified\" must be a boolean");
            user.email_verified = v->get_bool();
        }
        if (!user_names_.insert(user.name).second)
            fail("duplicate user name " + user.name);

        if (const json::value* list = member(u, "accessTokens")) {
            if (!list->is_array())
                fail("\"accessTokens\" must be an array");
            for (const json::value& tv : list->get_array())
                token(tv, user.name);
        }
        state_.users.push_back(std::move(user));
    }

    void token(const json::value& tv, const std::string& owner)
    {
        if (!tv.is_object())
            fail("every access token must be an object");
        const json::object& t = tv.get_object();
        Token token;
        token.owner = owner;
        token.seq = state_.seq();
        const json::value* id = member(t, "id");
        const json::value* tname = member(t, "name");
        const json::value* secret = member(t, "secret");
        if (!id || !id->is_string() || !tname || !tname->is_string() || !secret || !secret->is_string())
            fail("every access token needs string \"id\", \"name\" and \"secret\"");
        token.id = std::string{id->get_string()};
        token.name = std::string{tname->get_string()};
        token.secret = std::string{secret->get_string()};
        const auto id_len = utf8_code_points(token.id).value_or(0);
        if (id_len < 1 || id_len > 36)
            fail("access token id must be 1..36 characters: " + token.id);
        const auto name_len = utf8_code_points(token.name).value_or(0);
        if (name_len < 1 || name_len > 100)
            fail("access token name must be 1..100 characters (token " + token.id + ")");
        Request probe;
        probe.headers.emplace_back("Authorization", "Bearer " + token.secret);
        if (bearer_of(probe) != token.secret)
            fail("secret of token " + token.id +
                 " is not usable as a bearer token (empty, spaces or control characters)");
        if (const json::value* exp = member(t, "expiresTime")) {
            if (!exp->is_string())
                fail("expiresTime of token " + token.id + " must be a string");
            token.expires = parse_rfc3339(exp->get_string());
            if (!token.expires)
                fail("expiresTime of token " + token.id + " is not RFC 3339");
        }
        if (!token_ids_.insert(token.id).second)
            fail("duplicate access token id " + token.id);
        if (!secrets_.insert(token.secret).second)
            fail("duplicate access token secret (token " + token.id + ")");
        state_.tokens.push_back(std::move(token));
    }

    void space(const json::value& sv)
    {
        const json::object& o = object(sv, "every space");
        Space space;
        space.seq = state_.seq();
        space.name = text(o, "name", "every space");
        const std::string what = "space " + space.name;
        space.region = text(o, "regionName", what);
        space.display_name = optional_text(o, "displayName", what);
        space.description = optional_text(o, "description", what);
        json::object summary{{"name", space.name}, {"regionName", space.region}};
        check("SpaceSummary", summary, what);
        if (std::any_of(state_.spaces.begin(), state_.spaces.end(), [&](const Space& s) { return s.name == space.name; }))
            fail("duplicate space " + space.name);
        for (const json::value& m : array(o, "members", what)) {
            if (!m.is_string() || !user_names_.contains(std::string{m.get_string()}))
                fail(what + ": every member must be the name of a user in \"users\"");
            space.members.emplace_back(m.get_string());
        }
        if (const json::value* sub = member(o, "subscription")) {
            space.subscription = object(*sub, what + ": \"subscription\"");
            const model::Operation* op = model_.operation("GetSubscription");
            if (!op || !op->output)
                fail("the model has no GetSubscription output");
            std::vector<std::string> errors;
            model_.validate_structure(model_.shape(*op->output), space.subscription, "", errors);
            if (!errors.empty())
                fail(what + ": \"subscription\" does not satisfy the model: " + model::validation_message(errors));
        } else {
            space.subscription = json::object{{"subscriptionType", "FREE"}};
        }
        for (const json::value& pv : array(o, "projects", what))
            space.projects.push_back(project(pv, what));
        for (const json::value& ev : array(o, "eventLogs", what)) {
            EventLog e;
            e.seq = state_.seq();
            e.entry = object(ev, what + ": every event log entry");
            check("EventLogEntry", e.entry, what + ": event log entry");
            e.time = *parse_rfc3339(e.entry.at("eventTime").get_string());
            e.event_name = std::string{e.entry.at("eventName").get_string()};
            space.events.push_back(std::move(e));
        }
        state_.spaces.push_back(std::move(space));
    }

    Project project(const json::value& pv, const std::string& where)
    {
        const json::object& o = object(pv, where + ": every project");
        Project p;
        p.seq = state_.seq();
        p.name = text(o, "name", where + ": every project");
        const std::string what = where + ", project " + p.name;
        p.display_name = optional_text(o, "displayName", what).value_or(p.name);
        p.description = optional_text(o, "description", what);
        json::object summary{{"name", p.name}, {"displayName", p.display_name}};
        check("ProjectSummary", summary, what);
        for (const json::value& rv : array(o, "sourceRepositories", what)) {
            const json::object& ro = object(rv, what + ": every source repository");
            Repository r;
            r.seq = state_.seq();
            r.id = optional_text(ro, "id", what).value_or(make_uuid());
            r.name = text(ro, "name", what + ": every source repository");
            r.description = optional_text(ro, "description", what);
            r.created = time(ro, "createdTime", what);
            r.last_updated = time(ro, "lastUpdatedTime", what);
            json::object item{{"id", r.id}, {"name", r.name}, {"lastUpdatedTime", format_rfc3339(r.last_updated)},
                              {"createdTime", format_rfc3339(r.created)}};
            if (r.description)
                item["description"] = *r.description;
            check("ListSourceRepositoriesItem", item, what + ", repository " + r.name);
            for (const json::value& bv : array(ro, "branches", what)) {
                const json::object& bo = object(bv, what + ": every branch");
                Branch b;
                b.seq = state_.seq();
                b.name = text(bo, "name", what + ": every branch");
                b.head_commit_id = optional_text(bo, "headCommitId", what).value_or(random_hex(40));
                b.last_updated = time(bo, "lastUpdatedTime", what);
                r.branches.push_back(std::move(b));
            }
            p.repositories.push_back(std::move(r));
        }
        for (const json::value& wv : array(o, "workflows", what)) {
            const json::object& wo = object(wv, what + ": every workflow");
            Workflow w;
            w.seq = state_.seq();
            w.id = text(wo, "id", what + ": every workflow");
            w.name = text(wo, "name", what + ": every workflow");
            w.source_repository_name = text(wo, "sourceRepositoryName", what + ", workflow " + w.name);
            w.source_branch_name = text(wo, "sourceBranchName", what + ", workflow " + w.name);
            if (const json::value* d = member(wo, "definition"); d && d->is_object())
                w.definition_path = text(d->get_object(), "path", what + ", workflow " + w.name + " definition");
            else
                fail(what + ", workflow " + w.name + ": needs \"definition\": {\"path\": ...}");
            w.run_mode = optional_text(wo, "runMode", what).value_or("QUEUED");
            w.status = optional_text(wo, "status", what).value_or("ACTIVE");
            w.run_outcome = optional_text(wo, "runOutcome", what).value_or("SUCCEEDED");
            w.created = time(wo, "createdTime", what);
            w.last_updated = time(wo, "lastUpdatedTime", what);
            json::object summary_w{{"id", w.id},
                                   {"name", w.name},
                                   {"sourceRepositoryName", w.source_repository_name},
                                   {"sourceBranchName", w.source_branch_name},
                                   {"definition", json::object{{"path", w.definition_path}}},
                                   {"createdTime", format_rfc3339(w.created)},
                                   {"lastUpdatedTime", format_rfc3339(w.last_updated)},
                                   {"runMode", w.run_mode},
                                   {"status", w.status}};
            check("WorkflowSummary", summary_w, what + ", workflow " + w.name);
            const model::Shape* run_status = model_.find_shape("WorkflowRunStatus");
            if (!run_status || std::find(run_status->enum_values.begin(), run_status->enum_values.end(),
                                         w.run_outcome) == run_status->enum_values.end())
                fail(what + ", workflow " + w.name + ": \"runOutcome\" must be a WorkflowRunStatus");
            p.workflows.push_back(std::move(w));
        }
        return p;
    }

    std::string path_;
    const model::Model& model_;
    State& state_;
    TimePoint start_ = now_ms();
    std::set<std::string> user_names_, token_ids_, secrets_;
};

} // namespace

void load_fixtures(const std::string& path, const model::Model& model, State& state)
{
    Loader{path, model, state}.load();
}

} // namespace emu
