#!/usr/bin/env python3
"""Every operation of the CodeCatalyst model against the emulator, over 127.0.0.1.

    with_emulator.py EMULATOR users.json --default-page-size 2 -- emulator_test.py MODEL_JSON

Exact statuses, output members and error names (header and body), pagination across pages
(the emulator runs with --default-page-size 2), the dev environment state machine, workflow
runs, event logs; and at the end, that every operation of MODEL_JSON was called. Standard
library only.
"""
import http.client
import json
import os
import re
import sys
import threading
import urllib.parse

PORT = int(os.environ["RESTOP_EMULATOR_PORT"])
ALICE = "alice-pat-secret-1"
BOB = "bob-pat-secret-1"
SPACE = "restop-space"
DEMO = "restop-demo"
BUILD = "0f0f0000-0000-4000-8000-000000000001"
RELEASE = "0f0f0000-0000-4000-8000-000000000002"
BROKEN = "0f0f0000-0000-4000-8000-000000000003"
SUFFIX = ":http://internal.amazon.com/coral/com.amazonaws.codecatalyst/"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$")

failures = []
covered = set()


def check(condition, what):
    if not condition:
        failures.append(what)
        print(f"FAIL: {what}", file=sys.stderr)


def q(value):
    return urllib.parse.quote(value, safe="")


class Response:
    def __init__(self, status, headers, raw):
        self.status = status
        self.headers = headers
        self.raw = raw
        self.json = json.loads(raw) if raw else None

    def header(self, name):
        return self.headers.get(name.lower())


def send(method, target, body=None, token=ALICE, raw_body=None):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    headers = {}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    payload = raw_body if raw_body is not None else (json.dumps(body) if body is not None else None)
    if payload is not None:
        headers["Content-Type"] = "application/json"
    conn.request(method, target, body=payload, headers=headers)
    r = conn.getresponse()
    raw = r.read().decode("utf-8")
    response = Response(r.status, {k.lower(): v for k, v in r.getheaders()}, raw)
    conn.close()
    check(UUID.match(response.header("x-amzn-requestid") or ""), f"{method} {target}: x-amzn-requestid is a uuid")
    check(response.header("content-type") == "application/json", f"{method} {target}: Content-Type")
    return response


def call(op, method, target, body=None, token=ALICE, status=200, raw_body=None):
    """A successful call of `op`: exact status, JSON object body; returns the body."""
    covered.add(op)
    r = send(method, target, body, token, raw_body)
    check(r.status == status, f"{op}: status {r.status} != {status}: {r.raw}")
    check(r.header("x-amzn-errortype") is None, f"{op}: no X-Amzn-Errortype on success")
    check(isinstance(r.json, dict), f"{op}: the body is a JSON object: {r.raw!r}")
    call.last = r
    return r.json if isinstance(r.json, dict) else {}


def fails(op, method, target, body=None, token=ALICE, status=400, error="ValidationException", message=None,
          raw_body=None):
    """A call of `op` that must fail with exactly this status, error name and (when given) message."""
    covered.add(op)
    r = send(method, target, body, token, raw_body)
    check(r.status == status, f"{op}: status {r.status} != {status}: {r.raw}")
    check(r.header("x-amzn-errortype") == error + SUFFIX, f"{op}: X-Amzn-Errortype {r.header('x-amzn-errortype')!r}")
    check(isinstance(r.json, dict) and list(r.json) == ["message"], f"{op}: error body is {{message}}: {r.raw!r}")
    if message is not None and isinstance(r.json, dict):
        check(r.json.get("message") == message, f"{op}: message {r.json.get('message')!r} != {message!r}")
    return r


def all_pages(op, method, path, body=None, token=ALICE, query=None, page_sizes=None):
    """Follows nextToken to the end; returns the items, checks each page's size."""
    items, sizes, token_value = [], [], None
    for _ in range(100):
        b = dict(body or {})
        target = path
        params = dict(query or {})
        if token_value is not None:
            if op in ("ListWorkflows", "ListWorkflowRuns"):   # nextToken is a query parameter there
                params["nextToken"] = token_value
            else:
                b["nextToken"] = token_value
        if params:
            target += "?" + "&".join(f"{k}={q(v)}" for k, v in params.items())
        out = call(op, method, target, b)
        check(isinstance(out.get("items"), list), f"{op}: items is a list")
        items += out.get("items", [])
        sizes.append(len(out.get("items", [])))
        token_value = out.get("nextToken")
        if token_value is None:
            break
    if page_sizes is not None:
        check(sizes == page_sizes, f"{op}: page sizes {sizes} != {page_sizes}")
    return items


def project_path(project=DEMO, space=SPACE):
    return f"/v1/spaces/{q(space)}/projects/{q(project)}"


# ---------------------------------------------------------------- routing and auth

def test_routing_and_auth():
    r = send("GET", "/v1/nothing/here")
    check(r.status == 404 and r.header("x-amzn-errortype") == "UnknownOperationException", "unknown path: 404")
    check(r.json == {"message": "No operation matches GET /v1/nothing/here."}, f"404 message {r.json}")
    r = send("GET", "/v1/spaces")
    check(r.status == 405 and r.header("allow") == "POST", f"GET /v1/spaces: 405 Allow POST ({r.status} {r.header('allow')})")
    check(r.json == {"message": "Method GET is not allowed on /v1/spaces."}, f"405 message {r.json}")
    r = send("DELETE", f"/v1/spaces/{SPACE}/projects/{DEMO}/devEnvironments/x/start")
    check(r.status == 405 and r.header("allow") == "PUT", "start: 405 Allow PUT")
    r = send("PATCH", "/v1/spaces/x/projects/y/devEnvironments/z", token=None)
    check(r.status == 403, "routing before auth, then auth: no token is 403")
    r = send("POST", "/v1/spaces", token="not-a-token")
    check(r.status == 403 and r.header("x-amzn-errortype") == "AccessDeniedException" + SUFFIX, "unknown token: 403")


# ---------------------------------------------------------------- access tokens and session

def test_tokens():
    out = call("VerifySession", "GET", "/session")
    check(out == {"identity": "alice"}, f"VerifySession: {out}")

    created = call("CreateAccessToken", "PUT", "/v1/accessTokens", {"name": "emulator-test"}, status=201)
    check(sorted(created) == ["accessTokenId", "expiresTime", "name", "secret"], f"CreateAccessToken members {created}")
    check(created.get("name") == "emulator-test" and STAMP.match(created.get("expiresTime", "")), "CreateAccessToken values")
    fails("CreateAccessToken", "PUT", "/v1/accessTokens", {},
          message="1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null")
    fails("CreateAccessToken", "PUT", "/v1/accessTokens", {"name": "x" * 101, "expiresTime": "yesterday"},
          message="2 validation errors detected: Value at 'name' failed to satisfy constraint: Member must have length "
                  "between 1 and 100; Value at 'expiresTime' is not a valid RFC 3339 date-time")
    fails("CreateAccessToken", "PUT", "/v1/accessTokens", raw_body="[1]", message="The request body must be a JSON object.")

    # alice: 4 seeded + 1 created = 5 tokens; page size 2 by default (--default-page-size 2).
    items = all_pages("ListAccessTokens", "POST", "/v1/accessTokens", page_sizes=[2, 2, 1])
    check([i["name"] for i in items] == ["alice-laptop", "alice-ci", "alice-old-1", "alice-old-2", "emulator-test"],
          f"ListAccessTokens items {items}")
    out = call("ListAccessTokens", "POST", "/v1/accessTokens", {"maxResults": 10})
    check(len(out["items"]) == 5 and "nextToken" not in out, "ListAccessTokens maxResults 10: one page")
    fails("ListAccessTokens", "POST", "/v1/accessTokens", {"maxResults": 11},
          message="1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must have "
                  "value less than or equal to 10")
    fails("ListAccessTokens", "POST", "/v1/accessTokens", {"maxResults": 0},
          message="1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must be an "
                  "integer between 1 and 10")
    fails("ListAccessTokens", "POST", "/v1/accessTokens", {"nextToken": "forged"},
          message="The nextToken is not valid or has expired.")

    token_id = created["accessTokenId"]
    out = call("DeleteAccessToken", "DELETE", f"/v1/accessTokens/{token_id}")
    check(out == {}, f"DeleteAccessToken {out}")
    fails("DeleteAccessToken", "DELETE", f"/v1/accessTokens/{token_id}", status=404, error="ResourceNotFoundException",
          message="The request was denied because the specified personal access token was not found.")
    fails("DeleteAccessToken", "DELETE", "/v1/accessTokens/b0b0b0b0-0001-4000-8000-00000000b001", status=403,
          error="AccessDeniedException")
    fails("DeleteAccessToken", "DELETE", "/v1/accessTokens/%zz",
          message="1 validation error detected: Value at 'id' is not correctly percent-encoded")


# ---------------------------------------------------------------- spaces, subscription, users

def test_spaces():
    items = all_pages("ListSpaces", "POST", "/v1/spaces", page_sizes=[2, 1])
    check([s["name"] for s in items] == [SPACE, "alice-private", "alice-sandbox"], f"ListSpaces alice {items}")
    check(items[0] == {"name": SPACE, "regionName": "us-west-2", "displayName": "restop space",
                       "description": "Where restop's integration tests live"}, f"ListSpaces item {items[0]}")
    out = call("ListSpaces", "POST", "/v1/spaces", {}, token=BOB)
    check([s["name"] for s in out["items"]] == [SPACE] and "nextToken" not in out, f"ListSpaces bob {out}")

    out = call("GetSpace", "GET", "/v1/spaces/alice-private")
    check(out == {"name": "alice-private", "regionName": "eu-west-1", "displayName": "alice private"}, f"GetSpace {out}")
    fails("GetSpace", "GET", "/v1/spaces/alice-private", token=BOB, status=403, error="AccessDeniedException",
          message="The request was denied because you are not a member of the space 'alice-private'.")
    fails("GetSpace", "GET", "/v1/spaces/no-such-space", status=404, error="ResourceNotFoundException",
          message="The request was denied because the specified space 'no-such-space' was not found.")
    fails("GetSpace", "GET", "/v1/spaces/ab",
          message="1 validation error detected: Value at 'name' failed to satisfy constraint: Member must have length "
                  "between 3 and 63")
    fails("GetSpace", "GET", "/v1/spaces/bad..name",
          message="1 validation error detected: Value at 'name' failed to satisfy constraint: Member must satisfy "
                  "regular expression pattern: ^[a-zA-Z0-9]+(?:[-_\\.][a-zA-Z0-9]+)*$")

    out = call("UpdateSpace", "PATCH", "/v1/spaces/alice-sandbox", {"description": "Sandbox for experiments"})
    check(out == {"name": "alice-sandbox", "description": "Sandbox for experiments"}, f"UpdateSpace {out}")
    fails("UpdateSpace", "PATCH", "/v1/spaces/alice-sandbox", {"description": 5},
          message="1 validation error detected: Value at 'description' must be a string")

    out = call("GetSubscription", "GET", f"/v1/spaces/{SPACE}/subscription")
    check(out == {"subscriptionType": "STANDARD", "awsAccountName": "restop-billing"}, f"GetSubscription {out}")
    out = call("GetSubscription", "GET", "/v1/spaces/alice-private/subscription")
    check(out == {"subscriptionType": "FREE", "pendingSubscriptionType": "STANDARD",
                  "pendingSubscriptionStartTime": "2099-01-01T00:00:00Z"}, f"GetSubscription pending {out}")
    fails("GetSubscription", "GET", "/v1/spaces/alice-private/subscription", token=BOB, status=403,
          error="AccessDeniedException")

    out = call("GetUserDetails", "GET", "/userDetails?userName=bob")
    check(out == {"userId": "bob", "userName": "bob", "displayName": "Bob Example",
                  "primaryEmail": {"email": "bob@example.com", "verified": False}, "version": "1"}, f"GetUserDetails {out}")
    out = call("GetUserDetails", "GET", "/userDetails?id=alice")
    check(out.get("userName") == "alice" and out.get("primaryEmail") == {"email": "alice@example.com", "verified": True},
          f"GetUserDetails by id {out}")
    fails("GetUserDetails", "GET", "/userDetails?userName=nobody", status=404, error="ResourceNotFoundException")
    fails("GetUserDetails", "GET", "/userDetails",
          message="1 validation error detected: Either 'id' or 'userName' must be specified")
    fails("GetUserDetails", "GET", "/userDetails?userName=a%21b",
          message="1 validation error detected: Value at 'userName' failed to satisfy constraint: Member must satisfy "
                  "regular expression pattern: ^[a-zA-Z0-9_.-]{3,100}$")

    out = call("DeleteSpace", "DELETE", "/v1/spaces/alice-sandbox")
    check(out == {"name": "alice-sandbox"}, f"DeleteSpace {out}")
    fails("GetSpace", "GET", "/v1/spaces/alice-sandbox", status=404, error="ResourceNotFoundException")
    fails("DeleteSpace", "DELETE", "/v1/spaces/alice-private", token=BOB, status=403, error="AccessDeniedException")


# ---------------------------------------------------------------- projects, repositories, branches

def test_projects_and_repositories():
    base = f"/v1/spaces/{SPACE}/projects"
    out = call("CreateProject", "PUT", base, {"displayName": "Lifecycle Test", "description": "made by the test"},
               status=201)
    check(out == {"spaceName": SPACE, "name": "Lifecycle-Test", "displayName": "Lifecycle Test",
                  "description": "made by the test"}, f"CreateProject {out}")
    create_request_id = call.last.header("x-amzn-requestid")
    fails("CreateProject", "PUT", base, {"displayName": "Lifecycle Test"}, status=409, error="ConflictException",
          message="The request was denied because a project named 'Lifecycle-Test' already exists in the space "
                  "'restop-space'.")
    fails("CreateProject", "PUT", base, {"displayName": "x"},
          message="1 validation error detected: Value at 'displayName' failed to satisfy constraint: Member must have "
                  "length between 3 and 63")

    out = call("GetProject", "GET", f"{base}/Lifecycle-Test")
    check(out == {"spaceName": SPACE, "name": "Lifecycle-Test", "displayName": "Lifecycle Test",
                  "description": "made by the test"}, f"GetProject {out}")
    fails("GetProject", "GET", f"{base}/no-such-project", status=404, error="ResourceNotFoundException")

    items = all_pages("ListProjects", "POST", base, page_sizes=[2, 1])
    check([p["name"] for p in items] == [DEMO, "restop-docs", "Lifecycle-Test"], f"ListProjects {items}")
    out = call("ListProjects", "POST", base,
               {"filters": [{"key": "name", "values": ["restop"], "comparisonOperator": "BEGINS_WITH"}], "maxResults": 5})
    check([p["name"] for p in out["items"]] == [DEMO, "restop-docs"], f"ListProjects BEGINS_WITH {out}")
    out = call("ListProjects", "POST", base, {"filters": [{"key": "hasAccessTo", "values": ["true"]}], "maxResults": 5})
    check(len(out["items"]) == 3, f"ListProjects hasAccessTo {out}")
    fails("ListProjects", "POST", base, {"filters": [{"key": "owner", "values": ["x"]}]},
          message="1 validation error detected: Value at 'filters.1.member.key' failed to satisfy constraint: Member "
                  "must satisfy enum value set: [hasAccessTo, name]")

    out = call("UpdateProject", "PATCH", f"{base}/Lifecycle-Test", {"description": "updated by the test"})
    check(out == {"spaceName": SPACE, "name": "Lifecycle-Test", "displayName": "Lifecycle Test",
                  "description": "updated by the test"}, f"UpdateProject {out}")

    repos = f"{base}/Lifecycle-Test/sourceRepositories"
    out = call("CreateSourceRepository", "PUT", f"{repos}/lifecycle-repo", {"description": "a test repository"},
               status=201)
    check(out == {"spaceName": SPACE, "projectName": "Lifecycle-Test", "name": "lifecycle-repo",
                  "description": "a test repository"}, f"CreateSourceRepository {out}")
    fails("CreateSourceRepository", "PUT", f"{repos}/lifecycle-repo", {}, status=409, error="ConflictException")
    fails("CreateSourceRepository", "PUT", f"{repos}/mirror.git", {},
          message="1 validation error detected: Value at 'name' failed to satisfy constraint: Member must satisfy "
                  "regular expression pattern: ^(?!.*[.]git$)[\\w\\-.]*$")
    call("CreateSourceRepository", "PUT", f"{repos}/second-repo", None, status=201)
    call("CreateSourceRepository", "PUT", f"{repos}/third-repo", {}, status=201)

    out = call("GetSourceRepository", "GET", f"{repos}/lifecycle-repo")
    check(sorted(out) == ["createdTime", "description", "lastUpdatedTime", "name", "projectName", "spaceName"]
          and STAMP.match(out["createdTime"]), f"GetSourceRepository {out}")
    out = call("GetSourceRepository", "GET", f"{project_path()}/sourceRepositories/restop")
    check(out == {"spaceName": SPACE, "projectName": DEMO, "name": "restop", "description": "restop's sources",
                  "lastUpdatedTime": "2024-06-01T12:00:00Z", "createdTime": "2024-01-02T03:04:05Z"},
          f"GetSourceRepository seeded {out}")
    fails("GetSourceRepository", "GET", f"{repos}/nothing", status=404, error="ResourceNotFoundException")

    items = all_pages("ListSourceRepositories", "POST", repos, page_sizes=[2, 1])
    check([r["name"] for r in items] == ["lifecycle-repo", "second-repo", "third-repo"]
          and all(UUID.match(r["id"]) for r in items), f"ListSourceRepositories {items}")
    fails("ListSourceRepositories", "POST", repos, {"maxResults": 201},
          message="1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must have "
                  "value between 1 and 200")

    out = call("GetSourceRepositoryCloneUrls", "GET", f"{repos}/lifecycle-repo/cloneUrls")
    check(out == {"https": "https://alice@git.us-west-2.codecatalyst.aws/v1/restop-space/Lifecycle-Test/lifecycle-repo"},
          f"GetSourceRepositoryCloneUrls {out}")
    fails("GetSourceRepositoryCloneUrls", "GET", f"{repos}/nothing/cloneUrls", status=404,
          error="ResourceNotFoundException")

    branches = f"{repos}/lifecycle-repo/branches"
    main = call("ListSourceRepositoryBranches", "POST", branches)["items"]
    check([b["name"] for b in main] == ["main"] and main[0]["ref"] == "refs/heads/main", f"new repository branches {main}")
    out = call("CreateSourceRepositoryBranch", "PUT", f"{branches}/feature-1", {}, status=201)
    check(sorted(out) == ["headCommitId", "lastUpdatedTime", "name", "ref"] and out["name"] == "feature-1"
          and out["ref"] == "refs/heads/feature-1" and out["headCommitId"] == main[0]["headCommitId"],
          f"CreateSourceRepositoryBranch {out}")
    fails("CreateSourceRepositoryBranch", "PUT", f"{branches}/feature-1", {}, status=409, error="ConflictException")
    fails("CreateSourceRepositoryBranch", "PUT", f"{branches}/feature-2", {"headCommitId": "deadbeef"}, status=404,
          error="ResourceNotFoundException")
    items = all_pages("ListSourceRepositoryBranches", "POST", f"{project_path()}/sourceRepositories/restop/branches",
                      page_sizes=[2, 1])
    check([(b["name"], b["headCommitId"][:8]) for b in items] ==
          [("main", "01234567"), ("develop", "89abcdef"), ("release-1.0", "fedcba98")], f"ListSourceRepositoryBranches {items}")

    out = call("DeleteSourceRepository", "DELETE", f"{repos}/third-repo")
    check(out == {"spaceName": SPACE, "projectName": "Lifecycle-Test", "name": "third-repo"}, f"DeleteSourceRepository {out}")
    fails("DeleteSourceRepository", "DELETE", f"{repos}/third-repo", status=404, error="ResourceNotFoundException")
    return create_request_id


# ---------------------------------------------------------------- dev environments and sessions

def test_dev_environments():
    base = f"{project_path('Lifecycle-Test')}/devEnvironments"
    spec = {"instanceType": "dev.standard1.small", "persistentStorage": {"sizeInGiB": 16},
            "repositories": [{"repositoryName": "lifecycle-repo", "branchName": "main"}], "alias": "devbox",
            "ides": [{"name": "VSCode"}], "inactivityTimeoutMinutes": 15, "clientToken": "create-1"}
    out = call("CreateDevEnvironment", "PUT", base, spec, status=201)
    check(sorted(out) == ["id", "projectName", "spaceName"] and UUID.match(out.get("id", "")), f"CreateDevEnvironment {out}")
    env = out["id"]
    again = call("CreateDevEnvironment", "PUT", base, spec, status=201)
    check(again.get("id") == env, "CreateDevEnvironment: the same clientToken gets the same dev environment")
    fails("CreateDevEnvironment", "PUT", base, {},
          message="2 validation errors detected: Value null at 'instanceType' failed to satisfy constraint: Member must "
                  "not be null; Value null at 'persistentStorage' failed to satisfy constraint: Member must not be null")
    fails("CreateDevEnvironment", "PUT", base, {"instanceType": "huge", "persistentStorage": {"sizeInGiB": 65}},
          message="2 validation errors detected: Value at 'instanceType' failed to satisfy constraint: Member must "
                  "satisfy enum value set: [dev.standard1.small, dev.standard1.medium, dev.standard1.large, "
                  "dev.standard1.xlarge]; Value at 'persistentStorage.sizeInGiB' failed to satisfy constraint: Member "
                  "must have value between 0 and 64")
    fails("CreateDevEnvironment", "PUT", base, {"instanceType": "dev.standard1.small", "persistentStorage": {"sizeInGiB": 20}},
          message="1 validation error detected: Value at 'persistentStorage.sizeInGiB' failed to satisfy constraint: "
                  "Member must be one of 16, 32, 64")
    fails("CreateDevEnvironment", "PUT", base,
          {"instanceType": "dev.standard1.small", "persistentStorage": {"sizeInGiB": 16},
           "repositories": [{"repositoryName": "nothing"}]}, status=404, error="ResourceNotFoundException")
    fails("CreateDevEnvironment", "PUT", base,
          {"instanceType": "dev.standard1.small", "persistentStorage": {"sizeInGiB": 16}, "ides": [{}, {}]},
          message="1 validation error detected: Value at 'ides' failed to satisfy constraint: Member must have length "
                  "between 0 and 1")

    out = call("GetDevEnvironment", "GET", f"{base}/{env}")
    expected = {"spaceName": SPACE, "projectName": "Lifecycle-Test", "id": env, "creatorId": "alice", "status": "RUNNING",
                "repositories": [{"repositoryName": "lifecycle-repo", "branchName": "main"}], "alias": "devbox",
                "ides": [{"name": "VSCode"}], "instanceType": "dev.standard1.small", "inactivityTimeoutMinutes": 15,
                "persistentStorage": {"sizeInGiB": 16}}
    check({k: v for k, v in out.items() if k != "lastUpdatedTime"} == expected and STAMP.match(out.get("lastUpdatedTime", "")),
          f"GetDevEnvironment {out}")
    fails("GetDevEnvironment", "GET", f"{base}/{env}", token=BOB, status=403, error="AccessDeniedException",
          message="The request was denied because the dev environment belongs to another user.")
    fails("GetDevEnvironment", "GET", f"{base}/00000000-0000-4000-8000-000000000000", status=404,
          error="ResourceNotFoundException")
    fails("GetDevEnvironment", "GET", f"{base}/not-a-uuid",
          message="1 validation error detected: Value at 'id' failed to satisfy constraint: Member must satisfy regular "
                  "expression pattern: ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")

    small = {"instanceType": "dev.standard1.medium", "persistentStorage": {"sizeInGiB": 32}}
    second = call("CreateDevEnvironment", "PUT", base, small, status=201)["id"]
    third = call("CreateDevEnvironment", "PUT", f"{project_path()}/devEnvironments", small, status=201)["id"]
    items = all_pages("ListDevEnvironments", "POST", f"/v1/spaces/{SPACE}/devEnvironments", page_sizes=[2, 1])
    check([i["id"] for i in items] == [env, second, third], f"ListDevEnvironments across projects {items}")
    out = call("ListDevEnvironments", "POST", f"/v1/spaces/{SPACE}/devEnvironments",
               {"projectName": "Lifecycle-Test", "filters": [{"key": "instanceType", "values": ["dev.standard1.medium"]}]})
    check([i["id"] for i in out["items"]] == [second], f"ListDevEnvironments filtered {out}")
    out = call("ListDevEnvironments", "POST", f"/v1/spaces/{SPACE}/devEnvironments", {}, token=BOB)
    check(out == {"items": []}, f"ListDevEnvironments bob sees none of alice's {out}")

    sessions = f"{base}/{env}"
    out = call("StartDevEnvironmentSession", "PUT", f"{sessions}/session",
               {"sessionConfiguration": {"sessionType": "SSH"}})
    check(sorted(out) == ["accessDetails", "id", "projectName", "sessionId", "spaceName"]
          and sorted(out["accessDetails"]) == ["streamUrl", "tokenValue"], f"StartDevEnvironmentSession {out}")
    session = out["sessionId"]
    fails("StartDevEnvironmentSession", "PUT", f"{sessions}/session", {"sessionConfiguration": {"sessionType": "RDP"}},
          message="1 validation error detected: Value at 'sessionConfiguration.sessionType' failed to satisfy "
                  "constraint: Member must satisfy enum value set: [SSM, SSH]")
    items = all_pages("ListDevEnvironmentSessions", "POST", f"{sessions}/sessions")
    check([(s["id"], s["devEnvironmentId"]) for s in items] == [(session, env)], f"ListDevEnvironmentSessions {items}")
    out = call("StopDevEnvironmentSession", "DELETE", f"{sessions}/session/{q(session)}")
    check(out == {"spaceName": SPACE, "projectName": "Lifecycle-Test", "id": env, "sessionId": session},
          f"StopDevEnvironmentSession {out}")
    fails("StopDevEnvironmentSession", "DELETE", f"{sessions}/session/{q(session)}", status=404,
          error="ResourceNotFoundException")

    out = call("StopDevEnvironment", "PUT", f"{base}/{env}/stop")
    check(out == {"spaceName": SPACE, "projectName": "Lifecycle-Test", "id": env, "status": "STOPPING"},
          f"StopDevEnvironment {out}")
    check(call("GetDevEnvironment", "GET", f"{base}/{env}")["status"] == "STOPPED", "stopped after stop")
    fails("StartDevEnvironmentSession", "PUT", f"{sessions}/session", {"sessionConfiguration": {"sessionType": "SSM"}},
          status=409, error="ConflictException")
    out = call("StartDevEnvironment", "PUT", f"{base}/{env}/start", {"instanceType": "dev.standard1.large"})
    check(out == {"spaceName": SPACE, "projectName": "Lifecycle-Test", "id": env, "status": "STARTING"},
          f"StartDevEnvironment {out}")
    got = call("GetDevEnvironment", "GET", f"{base}/{env}")
    check(got["status"] == "RUNNING" and got["instanceType"] == "dev.standard1.large", f"running after start {got}")
    fails("StartDevEnvironment", "PUT", f"{base}/{env}/start", {"inactivityTimeoutMinutes": 1201},
          message="1 validation error detected: Value at 'inactivityTimeoutMinutes' failed to satisfy constraint: "
                  "Member must have value between 0 and 1200")

    out = call("UpdateDevEnvironment", "PATCH", f"{base}/{env}", {"alias": "", "instanceType": "dev.standard1.xlarge"})
    check(out == {"spaceName": SPACE, "projectName": "Lifecycle-Test", "id": env, "ides": [{"name": "VSCode"}],
                  "instanceType": "dev.standard1.xlarge", "inactivityTimeoutMinutes": 15}, f"UpdateDevEnvironment {out}")
    fails("UpdateDevEnvironment", "PATCH", f"{base}/{env}", {"alias": "bad alias"},
          message="1 validation error detected: Value at 'alias' failed to satisfy constraint: Member must satisfy "
                  "regular expression pattern: ^$|^[a-zA-Z0-9]+(?:[-_\\.][a-zA-Z0-9]+)*$")

    for gone in (env, second):
        out = call("DeleteDevEnvironment", "DELETE", f"{base}/{gone}")
        check(out == {"spaceName": SPACE, "projectName": "Lifecycle-Test", "id": gone}, f"DeleteDevEnvironment {out}")
    fails("DeleteDevEnvironment", "DELETE", f"{base}/{env}", status=404, error="ResourceNotFoundException")
    fails("DeleteDevEnvironment", "DELETE", f"{project_path()}/devEnvironments/{third}", token=BOB, status=403,
          error="AccessDeniedException")


# ---------------------------------------------------------------- workflows and runs

def test_workflows():
    base = project_path()
    items = all_pages("ListWorkflows", "POST", f"{base}/workflows", page_sizes=[2, 1])
    check([w["name"] for w in items] == ["build", "release", "broken"], f"ListWorkflows {items}")
    check(items[0] == {"id": BUILD, "name": "build", "sourceRepositoryName": "restop", "sourceBranchName": "main",
                       "definition": {"path": ".codecatalyst/workflows/build.yaml"}, "createdTime": "2024-01-03T00:00:00Z",
                       "lastUpdatedTime": "2024-01-04T00:00:00Z", "runMode": "QUEUED", "status": "ACTIVE"},
          f"ListWorkflows item {items[0]}")
    out = call("ListWorkflows", "POST", f"{base}/workflows?maxResults=3", {"sortBy": [{}]})
    check(len(out["items"]) == 3 and "nextToken" not in out, "ListWorkflows maxResults=3 in the query")
    fails("ListWorkflows", "POST", f"{base}/workflows?maxResults=abc",
          message="1 validation error detected: Value at 'maxResults' must be an integer")
    fails("ListWorkflows", "POST", f"{base}/workflows?maxResults=101",
          message="1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must have "
                  "value between 1 and 100")

    out = call("GetWorkflow", "GET", f"{base}/workflows/{RELEASE}")
    check(out == {"spaceName": SPACE, "projectName": DEMO, "id": RELEASE, "name": "release",
                  "sourceRepositoryName": "restop", "sourceBranchName": "main",
                  "definition": {"path": ".codecatalyst/workflows/release.yaml"}, "createdTime": "2024-01-03T00:00:00Z",
                  "lastUpdatedTime": "2024-01-04T00:00:00Z", "runMode": "SUPERSEDED", "status": "ACTIVE"},
          f"GetWorkflow {out}")
    fails("GetWorkflow", "GET", f"{base}/workflows/00000000-0000-4000-8000-000000000000", status=404,
          error="ResourceNotFoundException")

    runs = f"{base}/workflowRuns"
    out = call("StartWorkflowRun", "PUT", f"{runs}?workflowId={BUILD}", {"clientToken": "run-1"})
    check(sorted(out) == ["id", "projectName", "spaceName", "workflowId"] and out["workflowId"] == BUILD,
          f"StartWorkflowRun {out}")
    run = out["id"]
    check(call("StartWorkflowRun", "PUT", f"{runs}?workflowId={BUILD}", {"clientToken": "run-1"})["id"] == run,
          "StartWorkflowRun: the same clientToken gets the same run")
    failed_run = call("StartWorkflowRun", "PUT", f"{runs}?workflowId={RELEASE}", {})["id"]
    third_run = call("StartWorkflowRun", "PUT", f"{runs}?workflowId={BUILD}")["id"]
    fails("StartWorkflowRun", "PUT", runs, {},
          message="1 validation error detected: Value null at 'workflowId' failed to satisfy constraint: Member must not "
                  "be null")
    fails("StartWorkflowRun", "PUT", f"{runs}?workflowId={BROKEN}", {},
          message="The workflow 'broken' is INVALID and cannot be run.")
    fails("StartWorkflowRun", "PUT", f"{runs}?workflowId=00000000-0000-4000-8000-000000000000", status=404,
          error="ResourceNotFoundException")

    first = call("GetWorkflowRun", "GET", f"{runs}/{run}")
    check(first.get("status") == "IN_PROGRESS" and "endTime" not in first and first.get("workflowId") == BUILD
          and sorted(first) == ["id", "lastUpdatedTime", "projectName", "spaceName", "startTime", "status", "workflowId"],
          f"GetWorkflowRun first read {first}")
    second = call("GetWorkflowRun", "GET", f"{runs}/{run}")
    check(second.get("status") == "SUCCEEDED" and STAMP.match(second.get("endTime", "")), f"GetWorkflowRun second {second}")
    call("GetWorkflowRun", "GET", f"{runs}/{failed_run}")
    check(call("GetWorkflowRun", "GET", f"{runs}/{failed_run}")["status"] == "FAILED", "release runs end FAILED")
    fails("GetWorkflowRun", "GET", f"{runs}/00000000-0000-4000-8000-000000000000", status=404,
          error="ResourceNotFoundException")

    items = all_pages("ListWorkflowRuns", "POST", runs, page_sizes=[2, 1])
    check([(r["id"], r["status"], r["workflowName"]) for r in items] ==
          [(run, "SUCCEEDED", "build"), (failed_run, "FAILED", "release"), (third_run, "IN_PROGRESS", "build")],
          f"ListWorkflowRuns {items}")
    items = all_pages("ListWorkflowRuns", "POST", runs, query={"workflowId": BUILD})
    check([r["id"] for r in items] == [run, third_run], f"ListWorkflowRuns by workflow {items}")
    fails("ListWorkflowRuns", "POST", f"{runs}?nextToken=forged", message="The nextToken is not valid or has expired.")


# ---------------------------------------------------------------- event logs, cleanup, faults

def test_event_logs(create_request_id):
    base = f"/v1/spaces/{SPACE}/eventLogs"
    window = {"startTime": "2024-01-01T00:00:00Z", "endTime": "2024-12-31T23:59:59Z"}
    items = all_pages("ListEventLogs", "POST", base, window, page_sizes=[2, 1])
    check([e["id"][-1] for e in items] == ["1", "2", "3"], f"ListEventLogs seeded {items}")
    out = call("ListEventLogs", "POST", base, dict(window, eventName="GetProject"))
    check([e["eventName"] for e in out["items"]] == ["GetProject"], f"ListEventLogs by name {out}")
    # Mutations made by this test are in the log, with their request id.
    out = call("ListEventLogs", "POST", base, {"startTime": "2025-01-01T00:00:00Z", "endTime": "2999-01-01T00:00:00Z",
                                               "eventName": "CreateProject", "maxResults": 50})
    recorded = out["items"][0] if out["items"] else {}
    check([e.get("requestId") for e in out["items"]] == [create_request_id]
          and recorded.get("userIdentity") == {"userType": "USER", "principalId": "alice", "userName": "alice"}
          and recorded.get("projectInformation") == {"name": "Lifecycle-Test"}
          and recorded.get("operationType") == "MUTATION", f"ListEventLogs recorded {out}")
    fails("ListEventLogs", "POST", base, {"endTime": "2024-01-01T00:00:00Z"},
          message="1 validation error detected: Value null at 'startTime' failed to satisfy constraint: Member must not "
                  "be null")
    fails("ListEventLogs", "POST", base, {"startTime": "2024-02-01T00:00:00Z", "endTime": "2024-01-01T00:00:00Z"},
          message="1 validation error detected: Value at 'endTime' failed to satisfy constraint: Member must not be "
                  "earlier than startTime")


def test_cleanup():
    out = call("DeleteProject", "DELETE", f"/v1/spaces/{SPACE}/projects/Lifecycle-Test")
    check(out == {"spaceName": SPACE, "name": "Lifecycle-Test", "displayName": "Lifecycle Test"}, f"DeleteProject {out}")
    fails("DeleteProject", "DELETE", f"/v1/spaces/{SPACE}/projects/Lifecycle-Test", status=404,
          error="ResourceNotFoundException")
    fails("ListSourceRepositories", "POST", f"/v1/spaces/{SPACE}/projects/Lifecycle-Test/sourceRepositories",
          status=404, error="ResourceNotFoundException")


def control(method, path, body=None):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    conn.request(method, path, body=json.dumps(body) if body is not None else None)
    r = conn.getresponse()
    data = json.loads(r.read() or b"null")
    conn.close()
    return data


def test_faults_and_log():
    control("POST", "/__emulator/reset")
    control("POST", "/__emulator/faults", [{"errorType": "ThrottlingException"}])
    r = send("POST", f"/v1/spaces/{SPACE}/projects", {})
    check(r.status == 429 and r.header("x-amzn-errortype") == "ThrottlingException" + SUFFIX, "faults apply to new ops")
    r = send("POST", f"/v1/spaces/{SPACE}/projects", {})
    check(r.status == 200, "the fault was used up")
    log = control("GET", "/__emulator/requests")
    check([(e["method"], e["target"]) for e in log] == [("POST", f"/v1/spaces/{SPACE}/projects")] * 2
          and log[0]["headers"]["authorization"] == "<redacted>", f"request log {log}")


def test_concurrent_connections():
    results = []

    def worker():
        for _ in range(10):
            results.append(send("GET", f"/v1/spaces/{SPACE}").status)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    check(results == [200] * 40, f"concurrent GetSpace: {sorted(set(results))}")


def main():
    model = json.load(open(sys.argv[1]))
    operations = {name.split("#")[1] for name, shape in model["shapes"].items() if shape["type"] == "operation"}
    test_routing_and_auth()
    test_tokens()
    test_spaces()
    create_request_id = test_projects_and_repositories()
    test_dev_environments()
    test_workflows()
    test_event_logs(create_request_id)
    test_cleanup()
    test_faults_and_log()
    test_concurrent_connections()
    check(len(operations) == 38, f"the model has 38 operations ({len(operations)})")
    missing = sorted(operations - covered)
    check(not missing, f"operations never called: {missing}")
    if failures:
        print(f"{len(failures)} failure(s)", file=sys.stderr)
        return 1
    print(f"ok: {len(covered)} operations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
