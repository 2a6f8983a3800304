#!/usr/bin/env python3
"""The codecatalyst-tokens output contract, case by case, against the emulator over 127.0.0.1.

    with_emulator.py EMULATOR USERS -- cli_test.py CLI

Standard library only. Prints one line per case and "N passed, N failed" at the end.
"""
import json
import os
import socket
import subprocess
import sys
import tempfile
import urllib.request

CLI = sys.argv[1]
URL = os.environ["RESTOP_EMULATOR_URL"]
ALICE = "alice-pat-secret-1"
BOB = "bob-pat-secret-1"
SECRETS = [ALICE, BOB, "alice-pat-secret-2", "alice-pat-secret-3", "alice-pat-secret-4", "bob-pat-secret-2"]
ALICE_SPARE_1 = "a1b2c3d4-0003-4000-8000-00000000a003"  # alice's tokens that cases may delete
ALICE_SPARE_2 = "a1b2c3d4-0004-4000-8000-00000000a004"
BOB_TOKEN = "b0b0b0b0-0001-4000-8000-00000000b001"
BOB_SPARE = "b0b0b0b0-0002-4000-8000-00000000b002"
results = []


def control(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(URL + path, data=data, method=method)
    with urllib.request.urlopen(request) as response:
        text = response.read()
        return json.loads(text) if text else None


def tokens():
    return {t["id"]: t for t in control("GET", "/__emulator/tokens")}


def run(args, token=ALICE, env_extra=None, endpoint=True):
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


def case(name):
    def wrap(fn):
        control("POST", "/__emulator/reset")
        try:
            fn()
            results.append((name, None))
            print(f"ok   {name}")
        except AssertionError as failure:
            results.append((name, str(failure)))
            print(f"FAIL {name}: {failure}")
        return fn
    return wrap


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def one_json_line(done):
    lines = done.stdout.splitlines()
    expect(len(lines) == 1, f"expected one line on stdout, got {done.stdout!r}")
    return json.loads(lines[0])


def requests_sent():
    return control("GET", "/__emulator/requests")


@case("delete: success prints ok, status and request id; exit 0")
def _():
    target = ALICE_SPARE_1
    done = run(["delete", target])
    expect(done.returncode == 0, f"exit {done.returncode}, stderr {done.stderr!r}")
    line = one_json_line(done)
    expect(list(line) == ["ok", "status", "requestId"], f"keys {list(line)}")
    expect(line["ok"] is True and line["status"] == 200, f"{line}")
    expect(len(line["requestId"]) > 0, "empty request id")
    expect(target not in tokens(), "the token still exists")
    sent = requests_sent()
    expect(len(sent) == 1 and sent[0]["method"] == "DELETE" and sent[0]["target"] == f"/v1/accessTokens/{target}", f"{sent}")


@case("delete: unknown id is ResourceNotFoundException; exit 1")
def _():
    done = run(["delete", "00000000-0000-0000-0000-000000000000"])
    expect(done.returncode == 1, f"exit {done.returncode}")
    line = one_json_line(done)
    expect(list(line) == ["ok", "status", "error", "message", "fault", "retryable", "requestId"], f"keys {list(line)}")
    expect(line["ok"] is False and line["status"] == 404 and line["error"] == "ResourceNotFoundException", f"{line}")
    expect(line["fault"] == "client" and line["retryable"] is False and line["message"], f"{line}")


@case("delete: another user's token is AccessDeniedException; exit 1")
def _():
    done = run(["delete", BOB_TOKEN])
    expect(done.returncode == 1, f"exit {done.returncode}")
    line = one_json_line(done)
    expect(line["status"] == 403 and line["error"] == "AccessDeniedException", f"{line}")


@case("delete: an unknown bearer is AccessDeniedException; exit 1")
def _():
    done = run(["delete", "some-id"], token="not-a-known-token")
    line = one_json_line(done)
    expect(done.returncode == 1 and line["error"] == "AccessDeniedException", f"{done.returncode} {line}")


@case("delete: an error name the model does not know is printed as sanitized")
def _():
    control("POST", "/__emulator/faults", [{"status": 400, "errorType": "com.amazon#NoSuchThingException"}])
    line = one_json_line(run(["delete", "x"]))
    expect(line["error"] == "NoSuchThingException" and line["status"] == 400, f"{line}")


@case("delete: a status with no name maps through the status table, else UnknownError")
def _():
    control("POST", "/__emulator/faults", [{"status": 409, "body": ""}, {"status": 418, "body": "<html>teapot</html>", "contentType": "text/html"}])
    first = one_json_line(run(["delete", "x"]))
    expect(first["error"] == "ConflictException" and first["status"] == 409, f"{first}")
    second = one_json_line(run(["delete", "x"]))
    expect(second["error"] == "UnknownError" and second["status"] == 418 and second["fault"] == "client", f"{second}")


@case("delete: 503 twice is retried and then succeeds")
def _():
    target = ALICE_SPARE_2
    control("POST", "/__emulator/faults", [{"status": 503, "count": 2}])
    done = run(["delete", target])
    expect(done.returncode == 0, f"exit {done.returncode} {done.stdout}")
    expect(len(requests_sent()) == 3, f"{len(requests_sent())} requests")


@case("delete: --max-attempts 1 turns retries off")
def _():
    control("POST", "/__emulator/faults", [{"status": 503, "count": 5}])
    done = run(["--max-attempts", "1", "delete", "x"])
    line = one_json_line(done)
    expect(done.returncode == 1 and line["status"] == 503 and line["fault"] == "server" and line["retryable"] is True, f"{line}")
    expect(len(requests_sent()) == 1, "retried")


@case("refused: a 37-character id exits 2 naming the parameter and constraint; nothing sent")
def _():
    done = run(["delete", "x" * 37])
    expect(done.returncode == 2, f"exit {done.returncode}")
    expect(done.stdout == "", f"stdout {done.stdout!r}")
    expect(done.stderr == "codecatalyst-tokens: invalid id: member 'id' has length 37 (Unicode scalar values), outside @length 1..36\n",
           f"stderr {done.stderr!r}")
    expect(requests_sent() == [], "a request was sent")


@case("refused: an empty id and an id that is not UTF-8 exit 2; nothing sent")
def _():
    empty = run(["delete", ""])
    expect(empty.returncode == 2 and "member 'id' has length 0" in empty.stderr, f"{empty.returncode} {empty.stderr!r}")
    invalid = run(["delete", "ab\udcff"])  # the byte 0xFF, through surrogateescape
    expect(invalid.returncode == 2 and "not valid UTF-8" in invalid.stderr, f"{invalid.returncode} {invalid.stderr!r}")
    expect(requests_sent() == [], "a request was sent")


@case("refused: no token, an empty token file, a token with a newline; exit 2, nothing sent")
def _():
    expect(run(["delete", "x"], token=None).returncode == 2, "no token")
    with tempfile.NamedTemporaryFile("w", delete=False) as f:
        f.write("\n")
    expect(run(["--token-file", f.name, "delete", "x"], token=None).returncode == 2, "empty token file")
    done = run(["delete", "x"], token="abc\ndef")
    expect(done.returncode == 2 and "control byte" in done.stderr, f"{done.stderr!r}")
    expect(run(["--token", "x", "delete", "x"]).returncode == 2, "--token accepted")
    expect(requests_sent() == [], "a request was sent")


@case("token file: the token is read from --token-file")
def _():
    with tempfile.NamedTemporaryFile("w", delete=False) as f:
        f.write(BOB + "\n")
    done = run(["--token-file", f.name, "delete", BOB_SPARE], token=None)
    expect(done.returncode == 0, f"exit {done.returncode} {done.stdout} {done.stderr}")


@case("transport: connection refused exits 3 after the retries")
def _():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    done = run(["--endpoint", f"http://127.0.0.1:{closed_port}", "delete", "x"], endpoint=False)
    expect(done.returncode == 3, f"exit {done.returncode}")
    line = one_json_line(done)
    expect(list(line) == ["ok", "error", "message"] and line["error"] == "TransportError" and line["message"], f"{line}")


@case("transport: a timeout exits 3")
def _():
    control("POST", "/__emulator/faults", [{"delayMs": 3000, "count": 3}])
    done = run(["--timeout", "0.5", "--max-attempts", "1", "delete", "x"])
    line = one_json_line(done)
    expect(done.returncode == 3 and line["error"] == "TransportError", f"{done.returncode} {line}")


@case("whoami: prints the identity the token belongs to")
def _():
    done = run(["whoami"], token=BOB)
    line = one_json_line(done)
    expect(done.returncode == 0 and line == {"ok": True, "status": 200, "identity": "bob"}, f"{done.returncode} {line}")
    sent = requests_sent()
    expect(sent[0]["method"] == "GET" and sent[0]["target"] == "/session" and sent[0]["body"] == "", f"{sent}")


@case("create: prints id, name, UTC expiry and the secret; the request body is exact")
def _():
    done = run(["create", "ci-runner", "--expires", "2030-06-01T12:30:00+02:00"])
    expect(done.returncode == 0, f"exit {done.returncode} {done.stderr}")
    line = one_json_line(done)
    expect(list(line) == ["ok", "status", "accessTokenId", "name", "expiresTime", "secret"], f"keys {list(line)}")
    expect(line["status"] == 201 and line["name"] == "ci-runner" and line["expiresTime"] == "2030-06-01T10:30:00Z", f"{line}")
    expect(len(line["accessTokenId"]) == 36 and len(line["secret"]) > 0, f"{line}")
    sent = requests_sent()
    expect(sent[0]["method"] == "PUT" and sent[0]["target"] == "/v1/accessTokens", f"{sent[0]}")
    expect(sent[0]["body"] == '{"name":"ci-runner","expiresTime":"2030-06-01T10:30:00Z"}', f"{sent[0]['body']!r}")
    expect(sent[0]["headers"].get("content-type") == "application/json", f"{sent[0]['headers']}")
    # The new secret is a working bearer token.
    who = one_json_line(run(["whoami"], token=line["secret"]))
    expect(who["identity"] == "alice", f"{who}")


@case("create: a bad name or --expires is refused before sending; exit 2")
def _():
    long_name = run(["create", "n" * 101])
    expect(long_name.returncode == 2 and "member 'name' has length 101" in long_name.stderr, long_name.stderr)
    bad_time = run(["create", "x", "--expires", "tomorrow"])
    expect(bad_time.returncode == 2 and "--expires" in bad_time.stderr, bad_time.stderr)
    expect(requests_sent() == [], "a request was sent")


@case("list: every token over several pages, one line each, with --max-results as the page size")
def _():
    created = [one_json_line(run(["create", f"bulk-{i}"]))["accessTokenId"] for i in range(5)]
    control("POST", "/__emulator/reset")
    done = run(["list", "--max-results", "2"])
    expect(done.returncode == 0, f"exit {done.returncode} {done.stdout} {done.stderr}")
    lines = [json.loads(l) for l in done.stdout.splitlines()]
    ids = [l["id"] for l in lines]
    expect(all(c in ids for c in created), f"missing created tokens in {ids}")
    expect(len(ids) == len(set(ids)), "duplicates across pages")
    expected = {t for t, v in tokens().items() if v["owner"] == "alice"}
    expect(set(ids) == expected, f"{set(ids)} != {expected}")
    for l in lines:
        expect(set(l) <= {"id", "name", "expiresTime"} and "id" in l and "name" in l, f"{l}")
        if "expiresTime" in l:
            expect(l["expiresTime"].endswith("Z"), f"{l}")
    sent = requests_sent()
    expect(len(sent) == (len(ids) + 1) // 2, f"{len(sent)} pages for {len(ids)} tokens at 2 a page")
    expect(all(json.loads(r["body"])["maxResults"] == 2 for r in sent), "page size not sent")
    expect("nextToken" not in json.loads(sent[0]["body"]) and "nextToken" in json.loads(sent[1]["body"]), "tokens not chained")


@case("list: an error page is an error, not the end; exit 1")
def _():
    control("POST", "/__emulator/faults", [{}, {"status": 403, "errorType": "AccessDeniedException", "count": 5}])
    done = run(["list", "--max-results", "1", "--max-attempts", "1"])
    lines = done.stdout.splitlines()
    expect(done.returncode == 1, f"exit {done.returncode}")
    expect(len(lines) == 2 and json.loads(lines[-1])["error"] == "AccessDeniedException", f"{lines}")


@case("lifecycle: create, list, delete, list again")
def _():
    created = one_json_line(run(["create", "lifecycle"]))
    listed = [json.loads(l)["id"] for l in run(["list"]).stdout.splitlines()]
    expect(created["accessTokenId"] in listed, "created token not listed")
    deleted = run(["delete", created["accessTokenId"]])
    expect(deleted.returncode == 0, f"delete exit {deleted.returncode}")
    listed_again = [json.loads(l)["id"] for l in run(["list"]).stdout.splitlines()]
    expect(created["accessTokenId"] not in listed_again, "deleted token still listed")


@case("--help documents the output contract")
def _():
    done = subprocess.run([CLI, "--help"], capture_output=True, text=True)
    expect(done.returncode == 0 and "CODECATALYST_TOKEN" in done.stdout and "exit 3" in done.stdout, done.stdout)


failed = sum(1 for _, failure in results if failure)
print(f"{len(results) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
