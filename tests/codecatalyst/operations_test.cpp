// Every CodeCatalyst operation through the library and the libcurl transport against the emulator
// over 127.0.0.1: each once with success and once with a modelled error, as one lifecycle (a
// project, a repository and a branch, a dev environment started and stopped with a session, a
// workflow run; then everything listed and deleted). The last case fails if an operation was
// not called both ways.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include <restop/restop.hpp>
#include <restop/transports/curl.hpp>

#include "codecatalyst_cli_table.hpp"

namespace cc = restop::codecatalyst;

namespace {

restop::transports::curl_transport& transport() {
    static restop::transports::curl_transport t = [] {
        const char* url = std::getenv("RESTOP_EMULATOR_URL");
        REQUIRE_MESSAGE(url != nullptr, "RESTOP_EMULATOR_URL is not set: run through CTest, which starts the emulator");
        restop::transports::transport_options options;
        options.endpoint = url;
        options.total_timeout = std::chrono::seconds(10);
        return restop::transports::curl_transport(options);
    }();
    return t;
}

const restop::bearer_token alice("alice-pat-secret-1");
const restop::bearer_token bob("bob-pat-secret-1");
std::set<std::string_view> succeeded, failed_as_modelled;

constexpr std::string_view unknown_id = "deadbeef-0000-4000-8000-000000000000";
constexpr std::string_view build_workflow = "0f0f0000-0000-4000-8000-000000000001";
constexpr std::string_view broken_workflow = "0f0f0000-0000-4000-8000-000000000003";

// Calls `op`, requires success and returns the output.
template <class Op>
auto ok(const Op& op, const restop::bearer_token& token = alice) {
    auto outcome = restop::call(transport(), op, token);
    if (!outcome) FAIL_CHECK(cc::cli::table<Op>::name << ": " << outcome.error());
    REQUIRE(outcome);
    CHECK(outcome->request_id.size() == 36);
    succeeded.insert(cc::cli::table<Op>::name);
    return std::move(outcome->output);
}

// Calls `op`, requires the modelled error `Shape` (its own type, its status, a message).
template <class Shape, class Op>
void fails(const Op& op, const restop::bearer_token& token = alice) {
    auto outcome = restop::call(transport(), op, token);
    REQUIRE_FALSE(outcome);
    CAPTURE(cc::cli::table<Op>::name);
    CHECK(outcome.error().kind() == restop::error_kind::modeled);
    CHECK(outcome.error().template holds<Shape>());
    CHECK(outcome.error().status() == Shape::http_status);
    CHECK_FALSE(outcome.error().message().empty());
    failed_as_modelled.insert(cc::cli::table<Op>::name);
}

template <class... Ops>
std::set<std::string_view> all_names(cc::cli::operation_list<Ops...>) {
    return {cc::cli::table<Ops>::name...};
}

const std::string sandbox = "alice-sandbox";
const std::string project = "Lifecycle-Demo";
std::string dev_id, session_id, run_id, token_id;

}  // namespace

TEST_CASE("codecatalyst lifecycle: session, user, spaces, subscription, event logs") {
    CHECK(ok(cc::verify_session{}).identity == "alice");
    fails<cc::access_denied_exception>(cc::verify_session{}, restop::bearer_token("not-a-token"));
    CHECK(ok(cc::get_user_details{.user_name = "alice"}).display_name == "Alice Example");
    fails<cc::resource_not_found_exception>(cc::get_user_details{.user_name = "nobody"});

    std::vector<std::string> spaces;
    for (const auto& space : restop::items(transport(), cc::list_spaces{}, alice)) {
        REQUIRE(space);
        spaces.push_back(space->name);
    }
    CHECK(spaces == std::vector<std::string>{"restop-space", "alice-private", "alice-sandbox"});
    CHECK(ok(cc::list_spaces{}).items.value().size() == 2);  // the emulator runs with --default-page-size 2
    fails<cc::validation_exception>(cc::list_spaces{.next_token = "made-up"});
    CHECK(ok(cc::get_space{.name = "restop-space"}).region_name == "us-west-2");
    fails<cc::resource_not_found_exception>(cc::get_space{.name = "no-such-space"});
    CHECK(ok(cc::update_space{.name = sandbox, .description_ = "For the lifecycle test."}).description == "For the lifecycle test.");
    fails<cc::access_denied_exception>(cc::update_space{.name = "alice-private", .description_ = "x"}, bob);
    CHECK(ok(cc::get_subscription{.space_name = "restop-space"}).subscription_type == "STANDARD");
    fails<cc::resource_not_found_exception>(cc::get_subscription{.space_name = "no-such-space"});

    cc::list_event_logs logs{.space_name = "restop-space"};
    logs.start_time = *restop::parse_rfc3339("2024-01-01T00:00:00Z");
    logs.end_time = *restop::parse_rfc3339("2024-12-31T00:00:00Z");
    const auto first_page = ok(logs);
    CHECK(first_page.items.size() == 2);
    REQUIRE(first_page.next_token);
    CHECK(first_page.items[0].event_name == "CreateProject");
    std::swap(logs.start_time, logs.end_time);
    fails<cc::validation_exception>(logs);
}

TEST_CASE("codecatalyst lifecycle: a project, a repository and a branch") {
    const auto made = ok(cc::create_project{.space_name = sandbox, .display_name = "Lifecycle Demo"});
    CHECK(made.name == project);
    fails<cc::conflict_exception>(cc::create_project{.space_name = sandbox, .display_name = "Lifecycle Demo"});
    cc::list_projects filtered{.space_name = "restop-space"};
    filtered.filters = {{cc::project_list_filter{.key = cc::filter_key{cc::filter_key::name}, .values = {"restop-docs"}}}};
    const auto projects = ok(filtered);
    REQUIRE(projects.items.value().size() == 1);
    CHECK((*projects.items)[0].name == "restop-docs");
    fails<cc::resource_not_found_exception>(cc::list_projects{.space_name = "no-such-space"});
    CHECK(ok(cc::get_project{.space_name = sandbox, .name = project}).display_name == "Lifecycle Demo");
    fails<cc::resource_not_found_exception>(cc::get_project{.space_name = sandbox, .name = "nope-project"});
    CHECK(ok(cc::update_project{.space_name = sandbox, .name = project, .description_ = "Changed."}).description == "Changed.");
    fails<cc::resource_not_found_exception>(cc::update_project{.space_name = sandbox, .name = "nope-project"});

    CHECK(ok(cc::create_source_repository{.space_name = sandbox, .project_name = project, .name = "life-repo"}).name ==
          "life-repo");
    fails<cc::conflict_exception>(cc::create_source_repository{.space_name = sandbox, .project_name = project, .name = "life-repo"});
    const auto repos = ok(cc::list_source_repositories{.space_name = sandbox, .project_name = project});
    REQUIRE(repos.items);
    REQUIRE(repos.items->size() == 1);
    CHECK((*repos.items)[0].name == "life-repo");
    fails<cc::resource_not_found_exception>(cc::list_source_repositories{.space_name = sandbox, .project_name = "nope-project"});
    CHECK(ok(cc::get_source_repository{.space_name = sandbox, .project_name = project, .name = "life-repo"}).name == "life-repo");
    fails<cc::resource_not_found_exception>(
        cc::get_source_repository{.space_name = sandbox, .project_name = project, .name = "nope-repo"});
    const auto urls =
        ok(cc::get_source_repository_clone_urls{.space_name = sandbox, .project_name = project, .source_repository_name = "life-repo"});
    CHECK(urls.https.ends_with("/v1/alice-sandbox/Lifecycle-Demo/life-repo"));
    fails<cc::resource_not_found_exception>(
        cc::get_source_repository_clone_urls{.space_name = sandbox, .project_name = project, .source_repository_name = "nope-repo"});
    const cc::create_source_repository_branch branch{.space_name = sandbox, .project_name = project,
                                                     .source_repository_name = "life-repo", .name = "feature-x"};
    CHECK(ok(branch).head_commit_id.has_value());
    fails<cc::conflict_exception>(branch);
    std::set<std::string> branches;
    for (const auto& b : restop::items(transport(), cc::list_source_repository_branches{.space_name = sandbox, .project_name = project,
                                                                                       .source_repository_name = "life-repo"},
                                       alice)) {
        REQUIRE(b);
        branches.insert(b->name.value_or(""));
    }
    CHECK(branches.size() == 2);
    CHECK(ok(cc::list_source_repository_branches{.space_name = "restop-space", .project_name = "restop-demo",
                                                 .source_repository_name = "restop"})
              .next_token.has_value());
    fails<cc::resource_not_found_exception>(cc::list_source_repository_branches{
        .space_name = sandbox, .project_name = project, .source_repository_name = "nope-repo"});
}

TEST_CASE("codecatalyst lifecycle: a dev environment started and stopped, with a session") {
    cc::create_dev_environment create{.space_name = sandbox, .project_name = project};
    create.repositories = {{cc::repository_input{.repository_name = "life-repo", .branch_name = "feature-x"}}};
    create.instance_type = cc::instance_type{cc::instance_type::dev_standard1_small};
    create.persistent_storage.size_in_gi_b = 16;
    dev_id = ok(create).id;
    CHECK(dev_id.size() == 36);
    create.persistent_storage.size_in_gi_b = 17;
    fails<cc::validation_exception>(create);

    const auto listed = ok(cc::list_dev_environments{.space_name = sandbox});
    REQUIRE(listed.items.size() == 1);
    CHECK(listed.items[0].status == cc::dev_environment_status{cc::dev_environment_status::running});
    fails<cc::resource_not_found_exception>(cc::list_dev_environments{.space_name = "no-such-space"});
    const auto got = ok(cc::get_dev_environment{.space_name = sandbox, .project_name = project, .id = dev_id});
    CHECK(got.repositories.at(0).branch_name == "feature-x");
    fails<cc::resource_not_found_exception>(cc::get_dev_environment{.space_name = sandbox, .project_name = project, .id = unknown_id});
    cc::update_dev_environment update{.space_name = sandbox, .project_name = project, .id = dev_id, .alias = "renamed"};
    CHECK(ok(update).alias == "renamed");
    update.id = unknown_id;
    fails<cc::resource_not_found_exception>(update);

    cc::start_dev_environment_session start_session{.space_name = sandbox, .project_name = project, .id = dev_id};
    start_session.session_configuration.session_type = cc::dev_environment_session_type{cc::dev_environment_session_type::ssh};
    const auto session = ok(start_session);
    REQUIRE(session.session_id);
    session_id = *session.session_id;
    CHECK_FALSE(session.access_details.token_value.reveal().empty());
    start_session.id = unknown_id;
    fails<cc::resource_not_found_exception>(start_session);
    const auto sessions =
        ok(cc::list_dev_environment_sessions{.space_name = sandbox, .project_name = project, .dev_environment_id = dev_id});
    REQUIRE(sessions.items.size() == 1);
    CHECK(sessions.items[0].id == session_id);
    fails<cc::resource_not_found_exception>(
        cc::list_dev_environment_sessions{.space_name = sandbox, .project_name = project, .dev_environment_id = unknown_id});
    const cc::stop_dev_environment_session stop_session{.space_name = sandbox, .project_name = project, .id = dev_id,
                                                        .session_id = session_id};
    CHECK(ok(stop_session).session_id == session_id);
    fails<cc::resource_not_found_exception>(stop_session);

    const cc::stop_dev_environment stop{.space_name = sandbox, .project_name = project, .id = dev_id};
    CHECK(ok(stop).status == cc::dev_environment_status{cc::dev_environment_status::stopping});
    fails<cc::resource_not_found_exception>(cc::stop_dev_environment{.space_name = sandbox, .project_name = project, .id = unknown_id});
    CHECK(ok(cc::get_dev_environment{.space_name = sandbox, .project_name = project, .id = dev_id}).status ==
          cc::dev_environment_status{cc::dev_environment_status::stopped});
    const cc::start_dev_environment start{.space_name = sandbox, .project_name = project, .id = dev_id};
    CHECK(ok(start).status == cc::dev_environment_status{cc::dev_environment_status::starting});
    fails<cc::access_denied_exception>(start, bob);
}

TEST_CASE("codecatalyst lifecycle: a workflow run") {
    const std::string space = "restop-space";
    const std::string demo = "restop-demo";
    std::vector<std::string> names;
    for (const auto& w : restop::items(transport(), cc::list_workflows{.space_name = space, .project_name = demo}, alice)) {
        REQUIRE(w);
        names.push_back(w->name);
    }
    CHECK(names == std::vector<std::string>{"build", "release", "broken"});
    CHECK(ok(cc::list_workflows{.space_name = space, .project_name = demo}).items.value().size() == 2);
    fails<cc::resource_not_found_exception>(cc::list_workflows{.space_name = space, .project_name = "nope-project"});
    CHECK(ok(cc::get_workflow{.space_name = space, .id = build_workflow, .project_name = demo}).name == "build");
    fails<cc::resource_not_found_exception>(cc::get_workflow{.space_name = space, .id = unknown_id, .project_name = demo});
    run_id = ok(cc::start_workflow_run{.space_name = space, .project_name = demo, .workflow_id = build_workflow}).id;
    fails<cc::validation_exception>(cc::start_workflow_run{.space_name = space, .project_name = demo, .workflow_id = broken_workflow});
    const cc::get_workflow_run get_run{.space_name = space, .id = run_id, .project_name = demo};
    CHECK(ok(get_run).status == cc::workflow_run_status{cc::workflow_run_status::in_progress});
    const auto ended = ok(get_run);
    CHECK(ended.status == cc::workflow_run_status{cc::workflow_run_status::succeeded});
    CHECK(ended.end_time.has_value());
    fails<cc::resource_not_found_exception>(cc::get_workflow_run{.space_name = space, .id = unknown_id, .project_name = demo});
    const auto runs = ok(cc::list_workflow_runs{.space_name = space, .workflow_id = build_workflow, .project_name = demo});
    REQUIRE(runs.items);
    REQUIRE(runs.items->size() == 1);
    CHECK((*runs.items)[0].id == run_id);
    fails<cc::resource_not_found_exception>(cc::list_workflow_runs{.space_name = space, .project_name = "nope-project"});
}

TEST_CASE("codecatalyst lifecycle: everything made is deleted") {
    const cc::delete_dev_environment dev{.space_name = sandbox, .project_name = project, .id = dev_id};
    CHECK(ok(dev).id == dev_id);
    fails<cc::resource_not_found_exception>(dev);
    const cc::delete_source_repository repo{.space_name = sandbox, .project_name = project, .name = "life-repo"};
    CHECK(ok(repo).name == "life-repo");
    fails<cc::resource_not_found_exception>(repo);
    const cc::delete_project gone{.space_name = sandbox, .name = project};
    CHECK(ok(gone).name == project);
    fails<cc::resource_not_found_exception>(gone);
    const cc::delete_space space{.name = sandbox};
    CHECK(ok(space).name == sandbox);
    fails<cc::resource_not_found_exception>(space);
}

TEST_CASE("codecatalyst lifecycle: an access token") {
    const auto made = ok(cc::create_access_token{.name = "lifecycle", .expires_time = restop::parse_rfc3339("2030-01-31T12:00:00Z")});
    token_id = made.access_token_id;
    CHECK(restop::format_rfc3339(made.expires_time) == "2030-01-31T12:00:00Z");
    CHECK_FALSE(made.secret.reveal().empty());
    fails<cc::validation_exception>(cc::create_access_token{.name = "late", .expires_time = restop::parse_rfc3339("2001-01-01T00:00:00Z")});
    bool found = false;
    for (const auto& t : restop::items(transport(), cc::list_access_tokens{}, alice)) {
        REQUIRE(t);
        found = found || t->id == token_id;
    }
    CHECK(found);
    CHECK(ok(cc::list_access_tokens{.max_results = 1}).items.size() == 1);
    fails<cc::validation_exception>(cc::list_access_tokens{.next_token = "made-up"});
    ok(cc::delete_access_token{.id = token_id});
    fails<cc::resource_not_found_exception>(cc::delete_access_token{.id = token_id});
}

TEST_CASE("codecatalyst lifecycle: every operation was called with success and with a modelled error") {
    const auto all = all_names(cc::cli::operations{});
    REQUIRE(all.size() == 38);
    CHECK(succeeded == all);
    CHECK(failed_as_modelled == all);
}
