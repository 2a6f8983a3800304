#!/usr/bin/env python3
"""The codecatalyst CLI's contract against the emulator over 127.0.0.1: every one of the 38
operations once with success and once with a modelled error, output shapes, pagination and
--no-paginate, input from flags and --cli-input-json, exit codes 0/1/2/3, and --help.

    with_emulator.py EMULATOR USERS --default-page-size 2 -- cli_test.py CODECATALYST

Standard library only. Prints one line per case and "N passed, N failed" at the end; fails if an
operation listed by `codecatalyst --help` was not run both ways.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.request

CLI = sys.argv[1]
URL = os.environ["RESTOP_EMULATOR_URL"]
ALICE = "alice-pat-secret-1"
BOB = "bob-pat-secret-1"
SECRETS = [ALICE, BOB, "alice-pat-secret-2", "alice-pat-secret-3", "alice-pat-secret-4", "bob-pat-secret-2"]
BUILD_WORKFLOW = "0f0f0000-0000-4000-8000-000000000001"
BROKEN_WORKFLOW = "0f0f0000-0000-4000-8000-000000000003"
UNKNOWN_ID = "deadbeef-0000-4000-8000-000000000000"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")
results = []
succeeded, failed_as_modelled = set(), set()


def control(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(URL + path, data=data, method=method)
    with urllib.request.urlopen(request) as response:
        text = response.read()
        return json.loads(text) if text else None


def run(args, token=ALICE, endpoint=True, env_extra=None):
    env = {k: v for k, v in os.environ.items() if k != "CODECATALYST_TOKEN"}
    if token is not None:
        env["CODECATALYST_TOKEN"] = token
    env.update(env_extra or {})
    full = [CLI] + (["--endpoint", URL] if endpoint else []) + args
    done = subprocess.run(full, env=env, capture_output=True, text=True, timeout=60)
    for secret in SECRETS:
        if secret in done.stdout or secret in done.stderr:
            raise AssertionError("a bearer token appeared in the CLI's output")
    return done


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def one_object(done):
    lines = done.stdout.splitlines()
    expect(len(lines) == 1, f"expected one line on stdout, got {done.stdout!r} (stderr {done.stderr!r})")
    return json.loads(lines[0])


def ok(operation, *args, token=ALICE):
    """Runs OPERATION ARGS, expects exit 0 and one JSON object; returns it."""
    done = run([operation, *args], token=token)
    expect(done.returncode == 0, f"{operation}: exit {done.returncode}, stdout {done.stdout!r}, stderr {done.stderr!r}")
    expect(done.stderr == "", f"{operation}: stderr {done.stderr!r}")
    out = one_object(done)
    expect("ok" not in out, f"{operation}: a success prints the output only, got {out}")
    succeeded.add(operation)
    return out


def fails(operation, error, status, *args, token=ALICE):
    """Runs OPERATION ARGS, expects the service's modelled error ERROR (HTTP STATUS), exit 1."""
    done = run([operation, *args], token=token)
    expect(done.returncode == 1, f"{operation}: exit {done.returncode}, stdout {done.stdout!r}, stderr {done.stderr!r}")
    out = one_object(done)
    expect(out["ok"] is False and out["error"] == error and out["status"] == status,
           f"{operation}: expected {error} ({status}), got {out}")
    expect(out["fault"] == "client" and out["retryable"] is (error == "ThrottlingException"), f"{operation}: {out}")
    expect(isinstance(out["message"], str) and out["message"], f"{operation}: no message in {out}")
    expect(re.fullmatch(r"[0-9a-f-]{36}", out["requestId"]) is not None, f"{operation}: requestId {out.get('requestId')}")
    expect(list(out) == ["ok", "status", "error", "message", "fault", "retryable", "requestId"], f"key order {list(out)}")
    failed_as_modelled.add(operation)
    return out


def refused(args, sentence, token=ALICE):
    """Input refused before sending: exit 2, one line on stderr containing SENTENCE, nothing sent."""
    before = len(control("GET", "/__emulator/requests"))
    done = run(args, token=token)
    expect(done.returncode == 2, f"{args}: exit {done.returncode}, stdout {done.stdout!r}, stderr {done.stderr!r}")
    expect(done.stdout == "", f"{args}: stdout {done.stdout!r}")
    lines = done.stderr.splitlines()
    expect(len(lines) == 1 and sentence in lines[0], f"{args}: stderr {done.stderr!r}, expected {sentence!r}")
    expect(len(control("GET", "/__emulator/requests")) == before, f"{args}: a request was sent")


def case(name):
    def wrap(fn):
        control("POST", "/__emulator/reset")
        try:
            fn()
            results.append((name, None))
            print(f"ok   {name}")
        except (AssertionError, KeyError, ValueError) as failure:
            results.append((name, repr(failure)))
            print(f"FAIL {name}: {failure!r}")
        return fn
    return wrap


def requests_sent():
    return control("GET", "/__emulator/requests")


# ---- help ------------------------------------------------------------------------------------

OPERATIONS = []


@case("--help lists the 38 operations, each with its summary, exit 0")
def _():
    done = run(["--help"], token=None, endpoint=False)
    expect(done.returncode == 0 and done.stderr == "", f"exit {done.returncode} {done.stderr!r}")
    listed = done.stdout.split("\noperations:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    for line in listed:
        name, summary = line.split(None, 1)
        OPERATIONS.append(name)
        expect(summary.endswith("."), f"summary of {name}: {summary!r}")
    expect(len(OPERATIONS) == 38 and OPERATIONS == sorted(OPERATIONS), f"operations: {OPERATIONS}")
    expect("  delete-access-token               Deletes a specified personal access token (PAT).\n" in done.stdout,
           "delete-access-token's line")
    expect("CODECATALYST_TOKEN" in done.stdout and "--token-file" in done.stdout, "token sources")


@case("OPERATION --help lists its members with type, location, constraints and first sentence")
def _():
    done = run(["create-source-repository", "--help"], token=None, endpoint=False)
    expect(done.returncode == 0, f"exit {done.returncode}")
    text = done.stdout
    expect(text.startswith("usage: codecatalyst [options] create-source-repository "), text[:100])
    expect("Creates an empty Git-based source repository in a specified project.\n" in text, "summary")
    expect("  name, --name: string, label; required, length 1..100, pattern ^(?!.*[.]git$)[\\w\\-.]*$\n"
           "      The name of the source repository.\n" in text, text)
    expect("  description, --description: string, body; length 1..255\n" in text, text)
    expect("output members: spaceName projectName name description\n" in text, text)
    paged = run(["list-projects", "--help"], token=None, endpoint=False).stdout
    expect("filters, --filters: list of structure ProjectListFilter (JSON), body" in paged, paged)
    expect("--no-paginate" in paged and "--no-paginate" not in text, "--no-paginate only where the model paginates")
    none = run(["verify-session", "--help"], token=None, endpoint=False).stdout
    expect("members (--cli-input-json key, flag: type, location; constraints):\n  (none)\n" in none, none)


# ---- every operation, once with success and once with a modelled error -------------------------

state = {}


@case("session and user: verify-session, get-user-details")
def _():
    expect(ok("verify-session") == {"identity": "alice"}, "identity")
    fails("verify-session", "AccessDeniedException", 403, token="not-a-token")
    user = ok("get-user-details", "--user-name", "alice")
    expect(user["userName"] == "alice" and user["primaryEmail"] == {"email": "alice@example.com", "verified": True}, user)
    fails("get-user-details", "ResourceNotFoundException", 404, "--user-name", "nobody")


@case("spaces: list-spaces (every page), get-space, update-space, get-subscription, list-event-logs")
def _():
    spaces = ok("list-spaces")
    expect([s["name"] for s in spaces["items"]] == ["restop-space", "alice-private", "alice-sandbox"], spaces)
    expect(list(spaces) == ["items"], f"no nextToken after the last page: {spaces}")
    expect(len(requests_sent()) == 2, "two pages of two")
    fails("list-spaces", "ValidationException", 400, "--next-token", "made-up")
    space = ok("get-space", "--name", "restop-space")
    expect(space["regionName"] == "us-west-2" and space["displayName"] == "restop space", space)
    fails("get-space", "ResourceNotFoundException", 404, "--name", "no-such-space")
    updated = ok("update-space", "--name", "alice-sandbox", "--description", "Updated by the CLI test.")
    expect(updated["description"] == "Updated by the CLI test.", updated)
    fails("update-space", "AccessDeniedException", 403, "--name", "alice-private", "--description", "x", token=BOB)
    sub = ok("get-subscription", "--space-name", "restop-space")
    expect(sub["subscriptionType"] == "STANDARD", sub)
    fails("get-subscription", "ResourceNotFoundException", 404, "--space-name", "no-such-space")
    logs = ok("list-event-logs", "--space-name", "restop-space", "--start-time", "2024-01-01T00:00:00Z",
              "--end-time", "2024-12-31T00:00:00Z")
    expect(len(logs["items"]) == 3 and all(RFC3339.match(e["eventTime"]) for e in logs["items"]), logs)
    fails("list-event-logs", "ValidationException", 400, "--space-name", "restop-space",
          "--start-time", "2024-12-31T00:00:00Z", "--end-time", "2024-01-01T00:00:00Z")


@case("projects: create-project, list-projects (filters), get-project, update-project")
def _():
    made = ok("create-project", "--space-name", "alice-sandbox", "--display-name", "CLI Demo", "--description", "From the test.")
    expect(made == {"spaceName": "alice-sandbox", "name": "CLI-Demo", "displayName": "CLI Demo",
                    "description": "From the test."}, made)
    fails("create-project", "ConflictException", 409, "--space-name", "alice-sandbox", "--display-name", "CLI Demo")
    listed = ok("list-projects", "--space-name", "restop-space", "--filters",
                '{"key":"name","values":["restop-d"],"comparisonOperator":"BEGINS_WITH"}')
    expect([p["name"] for p in listed["items"]] == ["restop-demo", "restop-docs"], listed)
    fails("list-projects", "ResourceNotFoundException", 404, "--space-name", "no-such-space")
    got = ok("get-project", "--space-name", "alice-sandbox", "--name", "CLI-Demo")
    expect(got["displayName"] == "CLI Demo", got)
    fails("get-project", "ResourceNotFoundException", 404, "--space-name", "alice-sandbox", "--name", "no-such-project")
    changed = ok("update-project", "--space-name", "alice-sandbox", "--name", "CLI-Demo", "--description", "Changed.")
    expect(changed["description"] == "Changed.", changed)
    fails("update-project", "ResourceNotFoundException", 404, "--space-name", "alice-sandbox", "--name", "nope-project",
          "--description", "x")


@case("repositories: create, list, get, clone URLs; branches: create, list (every page)")
def _():
    p = ["--space-name", "alice-sandbox", "--project-name", "CLI-Demo"]
    made = ok("create-source-repository", *p, "--name", "cli-repo", "--description", "A repository.")
    expect(made == {"spaceName": "alice-sandbox", "projectName": "CLI-Demo", "name": "cli-repo",
                    "description": "A repository."}, made)
    fails("create-source-repository", "ConflictException", 409, *p, "--name", "cli-repo")
    repos = ok("list-source-repositories", *p)
    expect([r["name"] for r in repos["items"]] == ["cli-repo"] and RFC3339.match(repos["items"][0]["createdTime"]), repos)
    fails("list-source-repositories", "ResourceNotFoundException", 404, "--space-name", "alice-sandbox",
          "--project-name", "nope-project")
    got = ok("get-source-repository", *p, "--name", "cli-repo")
    expect(got["name"] == "cli-repo", got)
    fails("get-source-repository", "ResourceNotFoundException", 404, *p, "--name", "nope-repo")
    urls = ok("get-source-repository-clone-urls", *p, "--source-repository-name", "cli-repo")
    expect(urls["https"].endswith("/v1/alice-sandbox/CLI-Demo/cli-repo"), urls)
    fails("get-source-repository-clone-urls", "ResourceNotFoundException", 404, *p, "--source-repository-name", "nope-repo")
    branch = ok("create-source-repository-branch", *p, "--source-repository-name", "cli-repo", "--name", "feature-x")
    expect(branch["name"] == "refs/heads/feature-x" or branch["name"] == "feature-x", branch)
    fails("create-source-repository-branch", "ConflictException", 409, *p, "--source-repository-name", "cli-repo",
          "--name", "feature-x")
    seeded = ok("list-source-repository-branches", "--space-name", "restop-space", "--project-name", "restop-demo",
                "--source-repository-name", "restop")
    expect(len(seeded["items"]) == 3 and "nextToken" not in seeded, f"three branches over two pages: {seeded}")
    page = ok("list-source-repository-branches", "--space-name", "restop-space", "--project-name", "restop-demo",
              "--source-repository-name", "restop", "--no-paginate")
    expect(len(page["items"]) == 2 and isinstance(page["nextToken"], str), f"--no-paginate: one page as sent: {page}")
    fails("list-source-repository-branches", "ResourceNotFoundException", 404, *p, "--source-repository-name", "nope-repo")


@case("dev environments: create, list, get, update, sessions, stop, start, delete")
def _():
    p = ["--space-name", "alice-sandbox", "--project-name", "CLI-Demo"]
    made = ok("create-dev-environment", *p, "--instance-type", "dev.standard1.small", "--persistent-storage",
              '{"sizeInGiB":16}', "--repositories", '{"repositoryName":"cli-repo","branchName":"main"}', "--alias", "clidev")
    expect(set(made) == {"spaceName", "projectName", "id"}, made)
    dev = made["id"]
    state["dev"] = dev
    fails("create-dev-environment", "ValidationException", 400, *p, "--instance-type", "dev.standard1.small",
          "--persistent-storage", '{"sizeInGiB":17}')
    listed = ok("list-dev-environments", "--space-name", "alice-sandbox")
    expect([d["id"] for d in listed["items"]] == [dev] and listed["items"][0]["status"] == "RUNNING", listed)
    fails("list-dev-environments", "ResourceNotFoundException", 404, "--space-name", "no-such-space")
    got = ok("get-dev-environment", *p, "--id", dev)
    expect(got["alias"] == "clidev" and got["persistentStorage"] == {"sizeInGiB": 16}, got)
    fails("get-dev-environment", "ResourceNotFoundException", 404, *p, "--id", UNKNOWN_ID)
    changed = ok("update-dev-environment", *p, "--id", dev, "--alias", "renamed", "--inactivity-timeout-minutes", "30")
    expect(changed["alias"] == "renamed" and changed["inactivityTimeoutMinutes"] == 30, changed)
    fails("update-dev-environment", "ResourceNotFoundException", 404, *p, "--id", UNKNOWN_ID, "--alias", "x1")
    session = ok("start-dev-environment-session", *p, "--id", dev, "--session-configuration", '{"sessionType":"SSH"}')
    expect(session["id"] == dev and session["sessionId"].startswith("alice-"), session)
    fails("start-dev-environment-session", "ResourceNotFoundException", 404, *p, "--id", UNKNOWN_ID,
          "--session-configuration", '{"sessionType":"SSH"}')
    sessions = ok("list-dev-environment-sessions", *p, "--dev-environment-id", dev)
    expect([s["id"] for s in sessions["items"]] == [session["sessionId"]], sessions)
    fails("list-dev-environment-sessions", "ResourceNotFoundException", 404, *p, "--dev-environment-id", UNKNOWN_ID)
    ended = ok("stop-dev-environment-session", *p, "--id", dev, "--session-id", session["sessionId"])
    expect(ended["sessionId"] == session["sessionId"], ended)
    fails("stop-dev-environment-session", "ResourceNotFoundException", 404, *p, "--id", dev, "--session-id",
          session["sessionId"])
    stopped = ok("stop-dev-environment", *p, "--id", dev)
    expect(stopped["status"] == "STOPPING", stopped)
    fails("stop-dev-environment", "ResourceNotFoundException", 404, *p, "--id", UNKNOWN_ID)
    started = ok("start-dev-environment", *p, "--id", dev)
    expect(started["status"] == "STARTING", started)
    fails("start-dev-environment", "AccessDeniedException", 403, *p, "--id", dev, token=BOB)
    gone = ok("delete-dev-environment", *p, "--id", dev)
    expect(gone["id"] == dev, gone)
    fails("delete-dev-environment", "ResourceNotFoundException", 404, *p, "--id", dev)


@case("workflows: list-workflows (every page), get-workflow, start-workflow-run, get/list runs")
def _():
    p = ["--space-name", "restop-space", "--project-name", "restop-demo"]
    flows = ok("list-workflows", *p)
    expect([w["name"] for w in flows["items"]] == ["build", "release", "broken"] and "nextToken" not in flows, flows)
    fails("list-workflows", "ResourceNotFoundException", 404, "--space-name", "restop-space", "--project-name", "nope-project")
    flow = ok("get-workflow", *p, "--id", BUILD_WORKFLOW)
    expect(flow["name"] == "build" and flow["definition"] == {"path": ".codecatalyst/workflows/build.yaml"}, flow)
    fails("get-workflow", "ResourceNotFoundException", 404, *p, "--id", UNKNOWN_ID)
    started = ok("start-workflow-run", *p, "--workflow-id", BUILD_WORKFLOW)
    expect(started["workflowId"] == BUILD_WORKFLOW, started)
    body = json.loads(requests_sent()[-1]["body"])
    expect(re.fullmatch(r"[0-9a-f-]{36}", body["clientToken"]) is not None, f"an idempotency token was made: {body}")
    fails("start-workflow-run", "ValidationException", 400, *p, "--workflow-id", BROKEN_WORKFLOW)
    run_ = ok("get-workflow-run", *p, "--id", started["id"])
    expect(run_["status"] == "IN_PROGRESS" and RFC3339.match(run_["startTime"]), run_)
    fails("get-workflow-run", "ResourceNotFoundException", 404, *p, "--id", UNKNOWN_ID)
    runs = ok("list-workflow-runs", *p, "--workflow-id", BUILD_WORKFLOW)
    expect([r["id"] for r in runs["items"]] == [started["id"]], runs)
    fails("list-workflow-runs", "ResourceNotFoundException", 404, "--space-name", "restop-space",
          "--project-name", "nope-project")


@case("deletions: delete-source-repository, delete-project, delete-space (no output: {})")
def _():
    p = ["--space-name", "alice-sandbox", "--project-name", "CLI-Demo"]
    deleted = ok("delete-source-repository", *p, "--name", "cli-repo")
    expect(deleted["name"] == "cli-repo", deleted)
    fails("delete-source-repository", "ResourceNotFoundException", 404, *p, "--name", "cli-repo")
    project = ok("delete-project", "--space-name", "alice-sandbox", "--name", "CLI-Demo")
    expect(project["name"] == "CLI-Demo", project)
    fails("delete-project", "ResourceNotFoundException", 404, "--space-name", "alice-sandbox", "--name", "CLI-Demo")
    space = ok("delete-space", "--name", "alice-sandbox")
    expect(space["name"] == "alice-sandbox", space)
    fails("delete-space", "ResourceNotFoundException", 404, "--name", "alice-sandbox")


@case("tokens: create-access-token (secret printed), list-access-tokens, delete-access-token ({})")
def _():
    made = ok("create-access-token", "--name", "cli-test", "--expires-time", "2030-01-31T12:00:00Z")
    expect(set(made) == {"secret", "name", "expiresTime", "accessTokenId"} and made["expiresTime"] == "2030-01-31T12:00:00Z",
           made)
    fails("create-access-token", "ValidationException", 400, "--name", "late", "--expires-time", "2001-01-01T00:00:00Z")
    listed = ok("list-access-tokens")
    expect(made["accessTokenId"] in [t["id"] for t in listed["items"]] and "nextToken" not in listed, listed)
    fails("list-access-tokens", "ValidationException", 400, "--next-token", "made-up")
    expect(ok("delete-access-token", "--id", made["accessTokenId"]) == {}, "{} for an operation without output")
    fails("delete-access-token", "ResourceNotFoundException", 404, "--id", made["accessTokenId"])


# ---- input, output and exit codes ----------------------------------------------------------------

@case("--cli-input-json (inline and file://) takes the model's names; flags override it")
def _():
    out = ok("get-space", "--cli-input-json", '{"name":"no-such-space"}', "--name", "restop-space")
    expect(out["name"] == "restop-space", "the flag wins")
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump({"spaceName": "restop-space", "projectName": "restop-demo", "sourceRepositoryName": "restop",
                   "maxResults": 1}, f)
    try:
        page = ok("list-source-repository-branches", "--cli-input-json", "file://" + f.name, "--no-paginate")
        expect(len(page["items"]) == 1 and "nextToken" in page, page)
        sent = requests_sent()[-1]
        expect(json.loads(sent["body"]) == {"maxResults": 1}, sent)
    finally:
        os.unlink(f.name)
    projects = ok("list-projects", "--cli-input-json",
                  '{"spaceName":"restop-space","filters":[{"key":"name","values":["restop-docs"]}]}')
    expect([p["name"] for p in projects["items"]] == ["restop-docs"], projects)


@case("refused before sending: one sentence on stderr naming the member and the constraint, exit 2")
def _():
    refused(["create-project", "--space-name", "restop-space"], "member 'displayName' is required but was not set")
    refused(["get-space", "--name", "ab"], "member 'name' has length 2 (Unicode scalar values), outside @length 3..63")
    refused(["get-dev-environment", "--space-name", "restop-space", "--project-name", "restop-demo", "--id", "not-a-uuid"],
            "member 'id'")
    refused(["list-access-tokens", "--max-results", "11"], "member 'maxResults' is 11, outside @range ..10")
    refused(["list-access-tokens", "--max-results", "ten"], "--max-results: the value is not a number")
    refused(["get-space", "--cli-input-json", '{"name":"restop-space","colour":"red"}'], "get-space has no member 'colour'")
    refused(["get-space", "--cli-input-json", "[1]"], "--cli-input-json is not a JSON object")
    refused(["get-space", "--cli-input-json", '{"name":5}'], "member 'name' is not a string")
    refused(["create-dev-environment", "--space-name", "restop-space", "--project-name", "restop-demo",
             "--instance-type", "dev.standard1.small", "--persistent-storage", '{"sizeInGiB":"big"}'],
            "member 'persistentStorage.sizeInGiB' is not an integer")
    refused(["get-space", "--name", "a-space", "--name", "b-space"], "--name takes one value")
    refused(["no-such-operation"], "no-such-operation")
    refused([], "missing operation")
    refused(["--token", ALICE, "verify-session"], "never taken from the command line")
    refused(["verify-session"], "no bearer token", token="")


@case("service faults and transport failures: exit 1 with fault and retryable, exit 3")
def _():
    control("POST", "/__emulator/faults", [{"status": 503, "count": 1}])
    done = run(["--max-attempts", "1", "verify-session"])
    out = one_object(done)
    expect(done.returncode == 1 and out["status"] == 503 and out["fault"] == "server" and out["retryable"] is True, out)
    control("POST", "/__emulator/faults", [{"status": 503, "count": 1}])
    expect(one_object(run(["--max-attempts", "2", "verify-session"])) == {"identity": "alice"}, "a retry succeeds")
    control("POST", "/__emulator/faults", [{"errorType": "ThrottlingException"}])
    throttled = one_object(run(["--max-attempts", "1", "list-spaces"]))
    expect(throttled["error"] == "ThrottlingException" and throttled["status"] == 429 and throttled["retryable"], throttled)
    done = run(["--endpoint", "http://127.0.0.1:1", "--max-attempts", "1", "verify-session"], endpoint=False)
    out = one_object(done)
    expect(done.returncode == 3 and out["ok"] is False and out["error"] == "TransportError", out)


@case("--token-file supplies the token; the environment is not needed")
def _():
    with tempfile.NamedTemporaryFile("w", delete=False) as f:
        f.write(BOB + "\n")
    try:
        out = one_object(run(["--token-file", f.name, "verify-session"], token=None))
        expect(out == {"identity": "bob"}, out)
    finally:
        os.unlink(f.name)


@case("every operation ran with success and with a modelled error")
def _():
    expect(len(OPERATIONS) == 38, "the --help case listed the operations")
    missing_ok = sorted(set(OPERATIONS) - succeeded)
    missing_error = sorted(set(OPERATIONS) - failed_as_modelled)
    expect(not missing_ok and not missing_error, f"not run with success: {missing_ok}; without an error: {missing_error}")


failed = [r for r in results if r[1]]
print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
sys.exit(1 if failed else 0)
