// Source repositories and branches: CreateSourceRepository, GetSourceRepository,
// ListSourceRepositories, DeleteSourceRepository, GetSourceRepositoryCloneUrls,
// CreateSourceRepositoryBranch, ListSourceRepositoryBranches.
#include "ops.hpp"

namespace emu {

namespace json = boost::json;

namespace {

json::object branch_item(const Branch& b)
{
    return json::object{{"ref", "refs/heads/" + b.name},
                        {"name", b.name},
                        {"lastUpdatedTime", format_rfc3339(b.last_updated)},
                        {"headCommitId", b.head_commit_id}};
}

std::string scope_of(const Call& c, std::string_view op)
{
    return std::string{op} + "/" + c.str("spaceName") + "/" + c.str("projectName");
}

Answer create_source_repository(Call& c)
{
    auto project = find_space_project(c);
    if (!project)
        return project.error();
    const std::string name = c.str("name");
    if (find_repository(*project, name))
        return conflict("The request was denied because a source repository named '" + name +
                        "' already exists in the project '" + project->name + "'.");
    Repository r;
    r.seq = c.state.seq();
    r.id = make_uuid();
    r.name = name;
    r.description = c.opt("description");
    r.created = r.last_updated = c.now;
    // A new repository has one branch, main, at an initial commit, so that branches can be made from it.
    Branch main;
    main.seq = c.state.seq();
    main.name = "main";
    main.head_commit_id = random_hex(40);
    main.last_updated = c.now;
    r.branches.push_back(std::move(main));
    json::object out{{"spaceName", c.str("spaceName")}, {"projectName", project->name}, {"name", r.name}};
    if (r.description)
        out["description"] = *r.description;
    project->repositories.push_back(std::move(r));
    return out;
}

Answer get_source_repository(Call& c)
{
    auto project = find_space_project(c);
    if (!project)
        return project.error();
    auto repo = find_repository(*project, c.str("name"));
    if (!repo)
        return repo.error();
    json::object out{{"spaceName", c.str("spaceName")},
                     {"projectName", project->name},
                     {"name", repo->name},
                     {"lastUpdatedTime", format_rfc3339(repo->last_updated)},
                     {"createdTime", format_rfc3339(repo->created)}};
    if (repo->description)
        out["description"] = *repo->description;
    return out;
}

Answer list_source_repositories(Call& c)
{
    auto project = find_space_project(c);
    if (!project)
        return project.error();
    std::vector<const Repository*> all;
    for (const Repository& r : project->repositories)
        all.push_back(&r);
    return paginate(c, scope_of(c, "ListSourceRepositories"), all, [](const Repository& r) {
        json::object item{{"id", r.id},
                          {"name", r.name},
                          {"lastUpdatedTime", format_rfc3339(r.last_updated)},
                          {"createdTime", format_rfc3339(r.created)}};
        if (r.description)
            item["description"] = *r.description;
        return item;
    });
}

Answer delete_source_repository(Call& c)
{
    auto project = find_space_project(c);
    if (!project)
        return project.error();
    auto repo = find_repository(*project, c.str("name"));
    if (!repo)
        return repo.error();
    json::object out{{"spaceName", c.str("spaceName")}, {"projectName", project->name}, {"name", repo->name}};
    const std::string name = repo->name;
    std::erase_if(project->repositories, [&](const Repository& r) { return r.name == name; });
    return out;
}

Answer get_source_repository_clone_urls(Call& c)
{
    auto space = find_space(c, c.str("spaceName"));
    if (!space)
        return space.error();
    auto project = find_project(c, *space, c.str("projectName"));
    if (!project)
        return project.error();
    auto repo = find_repository(*project, c.str("sourceRepositoryName"));
    if (!repo)
        return repo.error();
    return json::object{{"https", "https://" + c.caller.name + "@git." + space->region + ".codecatalyst.aws/v1/" +
                                      space->name + "/" + project->name + "/" + repo->name}};
}

Answer create_source_repository_branch(Call& c)
{
    auto project = find_space_project(c);
    if (!project)
        return project.error();
    auto repo = find_repository(*project, c.str("sourceRepositoryName"));
    if (!repo)
        return repo.error();
    const std::string name = c.str("name");
    for (const Branch& b : repo->branches)
        if (b.name == name)
            return conflict("The request was denied because a branch named '" + name +
                            "' already exists in the source repository '" + repo->name + "'.");
    Branch b;
    b.seq = c.state.seq();
    b.name = name;
    b.last_updated = c.now;
    if (const auto head = c.opt("headCommitId")) {
        // "The commit ID in an existing branch": the head of one of the repository's branches.
        const bool known = std::any_of(repo->branches.begin(), repo->branches.end(),
                                       [&](const Branch& other) { return other.head_commit_id == *head; });
        if (!known)
            return not_found("commit '" + *head + "' in the source repository '" + repo->name + "'");
        b.head_commit_id = *head;
    } else {
        b.head_commit_id = repo->branches.empty() ? random_hex(40) : repo->branches.front().head_commit_id;
    }
    repo->last_updated = c.now;
    json::object out = branch_item(b);
    repo->branches.push_back(std::move(b));
    return out;
}

Answer list_source_repository_branches(Call& c)
{
    auto project = find_space_project(c);
    if (!project)
        return project.error();
    auto repo = find_repository(*project, c.str("sourceRepositoryName"));
    if (!repo)
        return repo.error();
    std::vector<const Branch*> all;
    for (const Branch& b : repo->branches)
        all.push_back(&b);
    return paginate(c, scope_of(c, "ListSourceRepositoryBranches") + "/" + repo->name, all, branch_item);
}

} // namespace

void register_repository_ops(HandlerTable& table)
{
    table["CreateSourceRepository"] = create_source_repository;
    table["GetSourceRepository"] = get_source_repository;
    table["ListSourceRepositories"] = list_source_repositories;
    table["DeleteSourceRepository"] = delete_source_repository;
    table["GetSourceRepositoryCloneUrls"] = get_source_repository_clone_urls;
    table["CreateSourceRepositoryBranch"] = create_source_repository_branch;
    table["ListSourceRepositoryBranches"] = list_source_repository_branches;
}

} // namespace emu
