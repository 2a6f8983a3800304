// The exact wire of every CodeCatalyst operation: method, request target, every header (in
// order) and the body, byte for byte, as the model's @http, @httpLabel, @httpQuery and JSON body
// members prescribe. One row per operation; a test fails if an operation has no row.
#include <doctest/doctest.h>

#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <restop/codecatalyst.hpp>
#include <restop/core.hpp>

#include "codecatalyst_cli_table.hpp"

namespace cc = restop::codecatalyst;

namespace {

const restop::bearer_token token("wire-test-pat");

struct row {
    std::string_view operation;  // the CLI name, to check that every operation has a row
    std::function<restop::result<restop::request, restop::validation_error>()> encode;
    std::string_view method;
    std::string_view target;
    std::string_view headers;  // "Name: value\n" each, in order
    std::string_view body;
};

template <class Op>
std::function<restop::result<restop::request, restop::validation_error>()> encoding(Op op) {
    return [op] { return restop::encode(op, token); };
}

constexpr std::string_view bearer = "Authorization: Bearer wire-test-pat\n";
constexpr std::string_view json = "Authorization: Bearer wire-test-pat\nContent-Type: application/json\n";

constexpr std::string_view P = "/v1/spaces/my-space/projects/my-project";

std::string at(std::string_view suffix) { return std::string(P) + std::string(suffix); }

std::vector<row> rows() {
    static const std::string dev = at("/devEnvironments/d0000000-0000-4000-8000-000000000001");
    static const std::string repos = at("/sourceRepositories");
    static const std::string repo = at("/sourceRepositories/my-repo");
    static const std::string branch = at("/sourceRepositories/my-repo/branches/feature%2Fx");
    static const std::string branches = at("/sourceRepositories/my-repo/branches");
    static const std::string clone = at("/sourceRepositories/my-repo/cloneUrls");
    static const std::string devs = at("/devEnvironments");
    static const std::string start = at("/devEnvironments/d0000000-0000-4000-8000-000000000001/start");
    static const std::string stop = at("/devEnvironments/d0000000-0000-4000-8000-000000000001/stop");
    static const std::string session = at("/devEnvironments/d0000000-0000-4000-8000-000000000001/session");
    static const std::string end_session = at("/devEnvironments/d0000000-0000-4000-8000-000000000001/session/s%201");
    static const std::string sessions = at("/devEnvironments/d0000000-0000-4000-8000-000000000001/sessions");
    static const std::string workflow = at("/workflows/0f0f0000-0000-4000-8000-000000000001");
    static const std::string workflows = at("/workflows?nextToken=n%2B1&maxResults=5");
    static const std::string run = at("/workflowRuns/a0000000-0000-4000-8000-00000000000b");
    static const std::string runs = at("/workflowRuns?workflowId=0f0f0000-0000-4000-8000-000000000001&maxResults=3");
    static const std::string start_run = at("/workflowRuns?workflowId=0f0f0000-0000-4000-8000-000000000001");

    cc::create_dev_environment create_dev{.space_name = "my-space", .project_name = "my-project"};
    create_dev.repositories = {{cc::repository_input{.repository_name = "my-repo", .branch_name = "main"}}};
    create_dev.client_token = "tok-1";
    create_dev.alias = "demo";
    create_dev.ides = {{cc::ide_configuration{.runtime = std::nullopt, .name = "VSCode"}}};
    create_dev.instance_type = cc::instance_type{cc::instance_type::dev_standard1_small};
    create_dev.inactivity_timeout_minutes = 15;
    create_dev.persistent_storage = cc::persistent_storage_configuration{.size_in_gi_b = 16};

    cc::list_dev_environments list_devs{.space_name = "my-space", .project_name = "my-project"};
    list_devs.filters = {{cc::filter{.key = "status", .values = {"RUNNING", "STOPPED"}, .comparison_operator = "EQ"}}};
    list_devs.max_results = 50;

    cc::list_projects list_projects{.space_name = "my-space"};
    list_projects.filters = {{cc::project_list_filter{.key = cc::filter_key{cc::filter_key::name},
                                                      .values = {"restop"},
                                                      .comparison_operator = cc::comparison_operator{cc::comparison_operator::begins_with}}}};

    cc::start_dev_environment start_dev{.space_name = "my-space", .project_name = "my-project", .id = "d0000000-0000-4000-8000-000000000001"};
    start_dev.instance_type = cc::instance_type{cc::instance_type::dev_standard1_large};
    start_dev.inactivity_timeout_minutes = 0;

    cc::start_dev_environment_session start_session{.space_name = "my-space", .project_name = "my-project", .id = "d0000000-0000-4000-8000-000000000001"};
    start_session.session_configuration.session_type = cc::dev_environment_session_type{cc::dev_environment_session_type::ssm};
    start_session.session_configuration.execute_command_session_configuration =
        cc::execute_command_session_configuration{.command = "ls", .arguments = std::vector<std::string>{"-l", "/"}};

    cc::update_dev_environment update_dev{.space_name = "my-space", .project_name = "my-project", .id = "d0000000-0000-4000-8000-000000000001"};
    update_dev.alias = "";
    update_dev.ides = std::vector<cc::ide_configuration>{};

    cc::list_event_logs event_logs{.space_name = "my-space"};
    event_logs.start_time = *restop::parse_rfc3339("2024-01-01T00:00:00Z");
    event_logs.end_time = *restop::parse_rfc3339("2024-02-01T12:30:00.5Z");
    event_logs.event_name = "CreateProject";

    cc::list_workflow_runs list_runs{.space_name = "my-space", .workflow_id = "0f0f0000-0000-4000-8000-000000000001", .project_name = "my-project"};
    list_runs.max_results = 3;
    cc::list_workflows list_workflows{.space_name = "my-space", .project_name = "my-project", .next_token = "n+1"};
    list_workflows.max_results = 5;
    list_workflows.sort_by = std::vector<cc::workflow_sort_criteria>{{}};

    return {
        {"create-access-token",
         encoding(cc::create_access_token{.name = "ci", .expires_time = restop::parse_rfc3339("2030-01-31T12:00:00Z")}), "PUT",
         "/v1/accessTokens", json, R"({"name":"ci","expiresTime":"2030-01-31T12:00:00Z"})"},
        {"create-dev-environment", encoding(create_dev), "PUT", devs, json,
         R"({"repositories":[{"repositoryName":"my-repo","branchName":"main"}],"clientToken":"tok-1","alias":"demo",)"
         R"("ides":[{"name":"VSCode"}],"instanceType":"dev.standard1.small","inactivityTimeoutMinutes":15,)"
         R"("persistentStorage":{"sizeInGiB":16}})"},
        {"create-project", encoding(cc::create_project{.space_name = "my-space", .display_name = "My Project", .description_ = "d"}),
         "PUT", "/v1/spaces/my-space/projects", json, R"({"displayName":"My Project","description":"d"})"},
        {"create-source-repository",
         encoding(cc::create_source_repository{.space_name = "my-space", .project_name = "my-project", .name = "my-repo"}), "PUT",
         repo, json, "{}"},  // restJson1: an input with body members sends an object, even an empty one
        {"create-source-repository-branch",
         encoding(cc::create_source_repository_branch{.space_name = "my-space", .project_name = "my-project",
                                                      .source_repository_name = "my-repo", .name = "feature/x",
                                                      .head_commit_id = "0123abcd"}),
         "PUT", branch, json, R"({"headCommitId":"0123abcd"})"},
        {"delete-access-token", encoding(cc::delete_access_token{.id = "a1b2c3d4-5678-90ab-cdef-EXAMPLEbbbbb"}), "DELETE",
         "/v1/accessTokens/a1b2c3d4-5678-90ab-cdef-EXAMPLEbbbbb", bearer, ""},
        {"delete-dev-environment",
         encoding(cc::delete_dev_environment{.space_name = "my-space", .project_name = "my-project", .id = "d0000000-0000-4000-8000-000000000001"}), "DELETE", dev,
         bearer, ""},
        {"delete-project", encoding(cc::delete_project{.space_name = "my-space", .name = "my-project"}), "DELETE", P, bearer, ""},
        {"delete-source-repository",
         encoding(cc::delete_source_repository{.space_name = "my-space", .project_name = "my-project", .name = "my-repo"}), "DELETE",
         repo, bearer, ""},
        {"delete-space", encoding(cc::delete_space{.name = "my-space"}), "DELETE", "/v1/spaces/my-space", bearer, ""},
        {"get-dev-environment",
         encoding(cc::get_dev_environment{.space_name = "my-space", .project_name = "my-project", .id = "d0000000-0000-4000-8000-000000000001"}), "GET", dev, bearer,
         ""},
        {"get-project", encoding(cc::get_project{.space_name = "my-space", .name = "my-project"}), "GET", P, bearer, ""},
        {"get-source-repository",
         encoding(cc::get_source_repository{.space_name = "my-space", .project_name = "my-project", .name = "my-repo"}), "GET", repo,
         bearer, ""},
        {"get-source-repository-clone-urls",
         encoding(cc::get_source_repository_clone_urls{.space_name = "my-space", .project_name = "my-project",
                                                       .source_repository_name = "my-repo"}),
         "GET", clone, bearer, ""},
        {"get-space", encoding(cc::get_space{.name = "my-space"}), "GET", "/v1/spaces/my-space", bearer, ""},
        {"get-subscription", encoding(cc::get_subscription{.space_name = "my-space"}), "GET", "/v1/spaces/my-space/subscription",
         bearer, ""},
        {"get-user-details", encoding(cc::get_user_details{.user_name = "alice.smith"}), "GET",
         "/userDetails?userName=alice.smith", bearer, ""},
        {"get-workflow", encoding(cc::get_workflow{.space_name = "my-space", .id = "0f0f0000-0000-4000-8000-000000000001", .project_name = "my-project"}), "GET",
         workflow, bearer, ""},
        {"get-workflow-run", encoding(cc::get_workflow_run{.space_name = "my-space", .id = "a0000000-0000-4000-8000-00000000000b", .project_name = "my-project"}),
         "GET", run, bearer, ""},
        {"list-access-tokens", encoding(cc::list_access_tokens{.max_results = 10, .next_token = "abc"}), "POST", "/v1/accessTokens",
         json, R"({"maxResults":10,"nextToken":"abc"})"},
        {"list-dev-environment-sessions",
         encoding(cc::list_dev_environment_sessions{.space_name = "my-space", .project_name = "my-project",
                                                    .dev_environment_id = "d0000000-0000-4000-8000-000000000001", .next_token = "t", .max_results = 2}),
         "POST", sessions, json, R"({"nextToken":"t","maxResults":2})"},
        {"list-dev-environments", encoding(list_devs), "POST", "/v1/spaces/my-space/devEnvironments", json,
         R"({"projectName":"my-project","filters":[{"key":"status","values":["RUNNING","STOPPED"],"comparisonOperator":"EQ"}],)"
         R"("maxResults":50})"},
        {"list-event-logs", encoding(event_logs), "POST", "/v1/spaces/my-space/eventLogs", json,
         R"({"startTime":"2024-01-01T00:00:00Z","endTime":"2024-02-01T12:30:00.5Z","eventName":"CreateProject"})"},
        {"list-projects", encoding(list_projects), "POST", "/v1/spaces/my-space/projects", json,
         R"({"filters":[{"key":"name","values":["restop"],"comparisonOperator":"BEGINS_WITH"}]})"},
        {"list-source-repositories",
         encoding(cc::list_source_repositories{.space_name = "my-space", .project_name = "my-project", .max_results = 1}), "POST",
         repos, json, R"({"maxResults":1})"},
        {"list-source-repository-branches",
         encoding(cc::list_source_repository_branches{.space_name = "my-space", .project_name = "my-project",
                                                      .source_repository_name = "my-repo"}),
         "POST", branches, json, "{}"},
        {"list-spaces", encoding(cc::list_spaces{.next_token = "page-2"}), "POST", "/v1/spaces", json, R"({"nextToken":"page-2"})"},
        {"list-workflow-runs", encoding(list_runs), "POST", runs, json, "{}"},
        {"list-workflows", encoding(list_workflows), "POST", workflows, json, R"({"sortBy":[{}]})"},
        {"start-dev-environment", encoding(start_dev), "PUT", start, json,
         R"({"instanceType":"dev.standard1.large","inactivityTimeoutMinutes":0})"},
        {"start-dev-environment-session", encoding(start_session), "PUT", session, json,
         R"({"sessionConfiguration":{"sessionType":"SSM","executeCommandSessionConfiguration":{"command":"ls","arguments":["-l","/"]}}})"},
        {"start-workflow-run",
         encoding(cc::start_workflow_run{.space_name = "my-space", .project_name = "my-project", .workflow_id = "0f0f0000-0000-4000-8000-000000000001",
                                         .client_token = "c-1"}),
         "PUT", start_run, json, R"({"clientToken":"c-1"})"},
        {"stop-dev-environment",
         encoding(cc::stop_dev_environment{.space_name = "my-space", .project_name = "my-project", .id = "d0000000-0000-4000-8000-000000000001"}), "PUT", stop,
         bearer, ""},
        {"stop-dev-environment-session",
         encoding(cc::stop_dev_environment_session{.space_name = "my-space", .project_name = "my-project", .id = "d0000000-0000-4000-8000-000000000001",
                                                   .session_id = "s 1"}),
         "DELETE", end_session, bearer, ""},
        {"update-dev-environment", encoding(update_dev), "PATCH", dev, json, R"({"alias":"","ides":[]})"},
        {"update-project", encoding(cc::update_project{.space_name = "my-space", .name = "my-project", .description_ = "new"}),
         "PATCH", P, json, R"({"description":"new"})"},
        {"update-space", encoding(cc::update_space{.name = "my-space", .description_ = "Our space, 2024."}), "PATCH",
         "/v1/spaces/my-space", json, R"({"description":"Our space, 2024."})"},
        {"verify-session", encoding(cc::verify_session{}), "GET", "/session", bearer, ""},
    };
}

std::string headers_of(const restop::request& req) {
    std::string text;
    for (const auto& h : req.headers) text += h.name + ": " + h.value + "\n";
    return text;
}

template <class... Ops>
std::set<std::string_view> cli_names(cc::cli::operation_list<Ops...>) {
    return {cc::cli::table<Ops>::name...};
}

}  // namespace

TEST_CASE("codecatalyst wire: every operation has a row") {
    std::set<std::string_view> covered;
    for (const row& r : rows()) CHECK_MESSAGE(covered.insert(r.operation).second, r.operation);
    CHECK(covered == cli_names(cc::cli::operations{}));
    CHECK(covered.size() == 38);
}

TEST_CASE("codecatalyst wire: method, target, headers and body of every operation") {
    for (const row& r : rows()) {
        CAPTURE(r.operation);
        auto req = r.encode();
        REQUIRE_MESSAGE(req, r.operation);
        CHECK(to_string(req->method) == r.method);
        CHECK(req->target == r.target);
        CHECK(headers_of(*req) == r.headers);
        CHECK(req->body == r.body);
        CHECK(req->host_prefix.empty());
    }
}

TEST_CASE("codecatalyst wire: StartWorkflowRun's clientToken is an idempotency token made when absent") {
    auto req = restop::encode(cc::start_workflow_run{.space_name = "s-1", .project_name = "p-1", .workflow_id = "0f0f0000-0000-4000-8000-000000000001"}, token);
    REQUIRE(req);
    CHECK(req->target == "/v1/spaces/s-1/projects/p-1/workflowRuns?workflowId=0f0f0000-0000-4000-8000-000000000001");
    REQUIRE(req->body.size() == std::string_view(R"({"clientToken":"xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"})").size());
    CHECK(req->body.starts_with(R"({"clientToken":")"));
    CHECK(req->body[16 + 14] == '4');  // a UUID v4
}

TEST_CASE("codecatalyst wire: required members and constraints are checked before anything is encoded") {
    CHECK(restop::validate(cc::create_project{.space_name = "my-space"}).error().message() ==
          "member 'displayName' is required but was not set");
    CHECK(restop::validate(cc::get_space{.name = std::string_view("ab")}).error().message() ==
          "member 'name' has length 2 (Unicode scalar values), outside @length 3..63");
    cc::create_dev_environment dev{.space_name = "my-space", .project_name = "my-project"};
    dev.instance_type = cc::instance_type{cc::instance_type::dev_standard1_small};
    dev.persistent_storage.size_in_gi_b = 65;
    CHECK(restop::validate(dev).error().message() == "member 'sizeInGiB' is 65, outside @range 0..64");
    CHECK(restop::validate(cc::list_dev_environments{.space_name = "my-space", .max_results = restop::runtime(51)}).error().message() ==
          "member 'maxResults' is 51, outside @range 1..50");
}

TEST_CASE("codecatalyst wire: a structured output decodes with its timestamps and enums") {
    const restop::response answer{
        200,
        {{"x-amzn-requestid", "r-1"}},
        R"({"spaceName":"s","projectName":"p","id":"d","lastUpdatedTime":"2024-01-02T03:04:05Z","creatorId":"alice",)"
        R"("status":"RUNNING","repositories":[{"repositoryName":"r","branchName":"main"}],"instanceType":"dev.standard1.small",)"
        R"("inactivityTimeoutMinutes":15,"persistentStorage":{"sizeInGiB":16},"future":"ignored"})"};
    auto got = restop::decode<cc::get_dev_environment>(answer);
    REQUIRE(got);
    CHECK(got->request_id == "r-1");
    CHECK(got->output.status == cc::dev_environment_status{cc::dev_environment_status::running});
    CHECK(restop::format_rfc3339(got->output.last_updated_time) == "2024-01-02T03:04:05Z");
    CHECK(got->output.persistent_storage.size_in_gi_b == 16);
    REQUIRE(got->output.repositories.size() == 1);
    CHECK(got->output.repositories[0].branch_name == "main");
    CHECK_FALSE(got->output.alias);
}
