// Workflows (seeded from the fixtures) and their runs: GetWorkflow,
// ListWorkflows, StartWorkflowRun, GetWorkflowRun, ListWorkflowRuns.
//
// A run starts IN_PROGRESS; the first GetWorkflowRun still sees IN_PROGRESS,
// and from the second on the run has ended with its workflow's outcome
// (fixture "runOutcome", SUCCEEDED by default). ListWorkflowRuns shows the
// current status and advances nothing, so that tests control the progression.
#include "ops.hpp"

namespace emu {

namespace json = boost::json;

namespace {

const Workflow* find_workflow(const Project& p, const std::string& id)
{
    const std::string want = lower(id);
    for (const Workflow& w : p.workflows)
        if (lower(w.id) == want)
            return &w;
    return nullptr;
}

json::object workflow_summary(const Workflow& w)
{
    return json::object{{"id", w.id},
                        {"name", w.name},
                        {"sourceRepositoryName", w.source_repository_name},
                        {"sourceBranchName", w.source_branch_name},
                        {"definition", json::object{{"path", w.definition_path}}},
                        {"createdTime", format_rfc3339(w.created)},
                        {"lastUpdatedTime", format_rfc3339(w.last_updated)},
                        {"runMode", w.run_mode},
                        {"status", w.status}};
}

json::object run_summary(const WorkflowRun& r)
{
    json::object o{{"id", r.id},
                   {"workflowId", r.workflow_id},
                   {"workflowName", r.workflow_name},
                   {"status", r.status},
                   {"startTime", format_rfc3339(r.start)},
                   {"lastUpdatedTime", format_rfc3339(r.last_updated)}};
    if (r.end)
        o["endTime"] = format_rfc3339(*r.end);
    return o;
}

Answer get_workflow(Call& c)
{
    auto project = find_space_project(c);
    if (!project)
        return project.error();
    const Workflow* w = find_workflow(*project, c.str("id"));
    if (!w)
        return not_found("workflow '" + c.str("id") + "' in project '" + project->name + "'");
    json::object out = workflow_summary(*w);
    out["spaceName"] = c.str("spaceName");
    out["projectName"] = project->name;
    return out;
}

Answer list_workflows(Call& c)
{
    auto project = find_space_project(c);
    if (!project)
        return project.error();
    std::vector<const Workflow*> all;
    for (const Workflow& w : project->workflows)
        all.push_back(&w);
    return paginate(c, "ListWorkflows/" + c.str("spaceName") + "/" + project->name, all, workflow_summary);
}

Answer start_workflow_run(Call& c)
{
    auto project = find_space_project(c);
    if (!project)
        return project.error();
    const Workflow* w = find_workflow(*project, c.str("workflowId"));
    if (!w)
        return not_found("workflow '" + c.str("workflowId") + "' in project '" + project->name + "'");
    const auto answer = [&](const WorkflowRun& r) {
        return json::object{
            {"spaceName", c.str("spaceName")}, {"projectName", project->name}, {"id", r.id}, {"workflowId", r.workflow_id}};
    };
    const auto token = c.opt("clientToken");
    if (token)   // a retry with the same idempotency token gets the first answer
        for (const WorkflowRun& r : project->runs)
            if (r.client_token == token && r.workflow_id == w->id && r.starter == c.caller.name)
                return answer(r);
    if (w->status != "ACTIVE")
        return validation_error("The workflow '" + w->name + "' is " + w->status + " and cannot be run.");
    WorkflowRun r;
    r.seq = c.state.seq();
    r.id = make_uuid();
    r.workflow_id = w->id;
    r.workflow_name = w->name;
    r.status = "IN_PROGRESS";
    r.outcome = w->run_outcome;
    r.client_token = token;
    r.starter = c.caller.name;
    r.start = r.last_updated = c.now;
    json::object out = answer(r);
    project->runs.push_back(std::move(r));
    return out;
}

Answer get_workflow_run(Call& c)
{
    auto project = find_space_project(c);
    if (!project)
        return project.error();
    const std::string id = lower(c.str("id"));
    for (WorkflowRun& r : project->runs) {
        if (r.id != id)
            continue;
        if (r.read_once && r.status == "IN_PROGRESS") {
            r.status = r.outcome;
            r.end = r.last_updated = c.now;
        }
        r.read_once = true;
        json::object out = run_summary(r);
        out.erase("workflowName");
        out["spaceName"] = c.str("spaceName");
        out["projectName"] = project->name;
        return out;
    }
    return not_found("workflow run '" + id + "' in project '" + project->name + "'");
}

Answer list_workflow_runs(Call& c)
{
    auto project = find_space_project(c);
    if (!project)
        return project.error();
    const auto workflow = c.opt("workflowId");
    if (workflow && !find_workflow(*project, *workflow))
        return not_found("workflow '" + *workflow + "' in project '" + project->name + "'");
    std::vector<const WorkflowRun*> matching;
    for (const WorkflowRun& r : project->runs)
        if (!workflow || lower(r.workflow_id) == lower(*workflow))
            matching.push_back(&r);
    return paginate(c, "ListWorkflowRuns/" + c.str("spaceName") + "/" + project->name + "/" + workflow.value_or(""),
                    matching, run_summary);
}

} // namespace

void register_workflow_ops(HandlerTable& table)
{
    table["GetWorkflow"] = get_workflow;
    table["ListWorkflows"] = list_workflows;
    table["StartWorkflowRun"] = start_workflow_run;
    table["GetWorkflowRun"] = get_workflow_run;
    table["ListWorkflowRuns"] = list_workflow_runs;
}

} // namespace emu
