// The emulator's in-memory world: users and their access tokens, spaces with
// their projects, source repositories, branches, dev environments, sessions,
// workflows, workflow runs and event logs. Seeded from the fixtures file
// (users.json), changed only by the operations, under Service's mutex.
#pragma once

#include "util.hpp"

#include <boost/json.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace emu {

namespace model {
class Model;
}

struct User {
    std::string name;            // userName
    std::string identity;        // returned by VerifySession; the userId of GetUserDetails
    std::string display_name;
    std::string email;
    bool email_verified = true;
};

struct Token {
    std::uint64_t seq = 0;       // creation order
    std::string id;
    std::string name;
    std::string secret;
    std::optional<TimePoint> expires;
    std::string owner;           // user name
};

struct Branch {
    std::uint64_t seq = 0;
    std::string name;
    std::string head_commit_id;
    TimePoint last_updated{};
};

struct Repository {
    std::uint64_t seq = 0;
    std::string id;              // uuid
    std::string name;
    std::optional<std::string> description;
    TimePoint created{}, last_updated{};
    std::vector<Branch> branches;
};

struct Session {
    std::uint64_t seq = 0;
    std::string id;
    TimePoint started{};
};

struct DevEnvironment {
    std::uint64_t seq = 0;
    std::string id;              // uuid, lower case
    std::string creator;         // user name (owner)
    std::string creator_id;      // the owner's identity
    std::string status;          // DevEnvironmentStatus
    boost::json::array repositories;   // [{repositoryName, branchName?}]
    std::optional<std::string> alias;
    boost::json::array ides;           // [{name?, runtime?}], at most one
    std::string instance_type;
    std::int64_t inactivity_timeout_minutes = 0;
    std::int64_t storage_gib = 0;
    std::optional<std::string> vpc_connection_name;
    std::optional<std::string> client_token;
    TimePoint last_updated{};
    std::vector<Session> sessions;
};

struct Workflow {
    std::uint64_t seq = 0;
    std::string id;
    std::string name;
    std::string source_repository_name;
    std::string source_branch_name;
    std::string definition_path;
    std::string run_mode;        // WorkflowRunMode
    std::string status;          // WorkflowStatus
    std::string run_outcome;     // what its runs end as (fixture "runOutcome", default SUCCEEDED)
    TimePoint created{}, last_updated{};
};

struct WorkflowRun {
    std::uint64_t seq = 0;
    std::string id;
    std::string workflow_id;
    std::string workflow_name;
    std::string status;          // IN_PROGRESS until read once, then `outcome`
    std::string outcome;
    bool read_once = false;
    std::optional<std::string> client_token;
    std::string starter;         // user name
    TimePoint start{}, last_updated{};
    std::optional<TimePoint> end;
};

struct Project {
    std::uint64_t seq = 0;
    std::string name;
    std::string display_name;
    std::optional<std::string> description;
    std::vector<Repository> repositories;
    std::vector<DevEnvironment> dev_environments;
    std::vector<Workflow> workflows;
    std::vector<WorkflowRun> runs;
};

struct EventLog {
    std::uint64_t seq = 0;
    TimePoint time{};
    std::string event_name;
    boost::json::object entry;   // an EventLogEntry as served
};

struct Space {
    std::uint64_t seq = 0;
    std::string name;
    std::string region;
    std::optional<std::string> display_name;
    std::optional<std::string> description;
    std::vector<std::string> members;   // user names allowed in
    boost::json::object subscription;   // GetSubscription output
    std::vector<Project> projects;
    std::vector<EventLog> events;
};

// A nextToken handed out: who may use it, for which listing, and where it resumes.
struct Cursor {
    std::string owner;
    std::string scope;           // operation and the labels that identify the list
    std::uint64_t after_seq = 0;
};

struct State {
    std::size_t max_tokens_per_user = 100;
    std::size_t default_page_size = 25;
    std::vector<User> users;
    std::vector<Token> tokens;   // creation order
    std::vector<Space> spaces;
    std::uint64_t next_seq = 1;
    std::unordered_map<std::string, Cursor> cursors;

    std::uint64_t seq() { return next_seq++; }
    const User* user_named(std::string_view name) const;
};

// Loads users, tokens and spaces from the fixtures file into `state`, checking
// seeded values against the model; throws std::runtime_error with a readable message.
void load_fixtures(const std::string& path, const model::Model& model, State& state);

} // namespace emu
