// What an operation handler sees and the helpers the handlers share.
//
// A handler gets the request's input already decoded and validated against
// the model (Call::in, keyed by member name), runs under Service's mutex, and
// answers either the output object (serialised with the operation's success
// status after a check against the model's output shape) or an error Reply.
// One source file per resource family registers its handlers by operation name.
#pragma once

#include "message.hpp"
#include "model.hpp"
#include "state.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace emu {

struct Call {
    const model::Model& model;
    const model::Operation& op;
    State& state;
    const User& caller;
    const boost::json::object& in;
    std::string request_id;
    TimePoint now;

    // Input members (validated already, so the types are right).
    std::string str(std::string_view key) const;
    std::optional<std::string> opt(std::string_view key) const;
    std::optional<std::int64_t> integer(std::string_view key) const;
    std::optional<TimePoint> time(std::string_view key) const;
    const boost::json::value* value(std::string_view key) const;
};

using Answer = std::variant<boost::json::object, Reply>;
using Handler = Answer (*)(Call&);
using HandlerTable = std::map<std::string, Handler, std::less<>>;

void register_token_ops(HandlerTable& table);      // ops_tokens.cpp
void register_space_ops(HandlerTable& table);      // ops_spaces.cpp: spaces, projects, subscription, users, event logs
void register_repository_ops(HandlerTable& table); // ops_repositories.cpp
void register_dev_environment_ops(HandlerTable& table); // ops_dev_environments.cpp
void register_workflow_ops(HandlerTable& table);   // ops_workflows.cpp

// Standard error responses (service.cpp).
Reply error_reply(std::string_view shape, std::string_view message);
Reply error_reply(unsigned status, std::string_view shape, std::string_view message);

Reply validation_error(std::string_view message);   // 400 ValidationException
Reply not_found(std::string_view what);             // 404 "... the specified <what> was not found."
Reply conflict(std::string_view message);           // 409 ConflictException
Reply access_denied(std::string_view message);      // 403 AccessDeniedException

// A resource found by name, or the error that says why not.
template <class T>
class Found {
public:
    Found(T& t) : ptr_{&t} {}
    Found(Reply r) : error_{std::move(r)} {}
    explicit operator bool() const { return ptr_ != nullptr; }
    T* operator->() const { return ptr_; }
    T& operator*() const { return *ptr_; }
    Reply error() const { return *error_; }

private:
    T* ptr_ = nullptr;
    std::optional<Reply> error_;
};

// Lookups along spaceName / projectName / ...: 404 for an unknown name,
// 403 for a space the caller is not a member of or another user's dev environment.
Found<Space> find_space(Call& c, const std::string& name);
Found<Project> find_project(Call& c, Space& space, const std::string& name);
Found<Project> find_space_project(Call& c);   // labels spaceName + projectName
Found<Repository> find_repository(Project& project, const std::string& name);

// Paging over items in `seq` order. Page size: the operation's page-size member
// when given (must be >= 1), else State::default_page_size capped by the member's
// @range max. nextToken: opaque, remembered server-side (resumes "after this item",
// so deletions between pages neither skip nor repeat items), valid only for the
// same caller and `scope`. Sets the operation's items and output-token members.
template <class T, class ToJson>
Answer paginate(Call& c, const std::string& scope, const std::vector<const T*>& items, ToJson&& to_json,
                boost::json::object out = {});

// The page window of paginate, separate so that it needs no template.
struct PageWindow {
    std::uint64_t after_seq = 0;
    std::size_t size = 0;
};
std::variant<PageWindow, Reply> page_window(Call& c, const std::string& scope);
// Remembers a cursor and returns the nextToken for it.
std::string issue_cursor(Call& c, const std::string& scope, std::uint64_t after_seq);

template <class T, class ToJson>
Answer paginate(Call& c, const std::string& scope, const std::vector<const T*>& items, ToJson&& to_json,
                boost::json::object out)
{
    auto window = page_window(c, scope);
    if (auto* err = std::get_if<Reply>(&window))
        return std::move(*err);
    const PageWindow w = std::get<PageWindow>(window);
    boost::json::array page;
    std::uint64_t last = w.after_seq;
    bool more = false;
    for (const T* item : items) {
        if (item->seq <= w.after_seq)
            continue;
        if (page.size() == w.size) {
            more = true;
            break;
        }
        page.push_back(to_json(*item));
        last = item->seq;
    }
    out[c.op.items] = std::move(page);
    if (more)
        out[c.op.output_token] = issue_cursor(c, scope, last);
    return out;
}

// Lower-case copy, for comparing uuids the model allows in either case.
std::string lower(std::string_view s);

} // namespace emu
