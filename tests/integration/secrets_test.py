#!/usr/bin/env python3
"""No bearer token ever shows: the CLI and the README example on every path, against the emulator.

    with_emulator.py EMULATOR USERS -- secrets_test.py CLI README_EXAMPLE

Runs codecatalyst-tokens with recognisable tokens on every path it has (success, 403, 404,
refused id, bad token, transport failure, retries, usage errors, --help) and readme_example,
then asserts that no token appears in any stdout, stderr, emulator log line
($RESTOP_EMULATOR_LOG) or header the emulator recorded. Standard library only. Prints one line
per case and "N passed, N failed" at the end.
"""
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import urllib.request

CLI = sys.argv[1]
README_EXAMPLE = sys.argv[2]
URL = os.environ["RESTOP_EMULATOR_URL"]
LOG = os.environ["RESTOP_EMULATOR_LOG"]

# The emulator's users (tests/emulator/users.json) and made-up tokens, each easy to spot.
ALICE = "alice-pat-secret-1"
ALICE_2 = "alice-pat-secret-2"
BOB = "bob-pat-secret-1"
UNKNOWN = "restop-canary-unknown-token-4f1e9a"
CONTROL_HEAD, CONTROL_TAIL = "restop-canary-head-7c2b", "restop-canary-tail-0d93"
COMMAND_LINE = "restop-canary-command-line-5a8e"
FILE_TOKEN = "restop-canary-file-token-91c4"
README_TOKEN = "my-secret-pat"  # examples/readme_example.cpp
SECRETS = [ALICE, ALICE_2, "alice-pat-secret-3", "alice-pat-secret-4", BOB, UNKNOWN, CONTROL_HEAD, CONTROL_TAIL,
           COMMAND_LINE, FILE_TOKEN, README_TOKEN]
# "Bearer " followed by anything but the placeholder is a credential on display.
BEARER = re.compile(r"Bearer +(?!<redacted>)[^ ]")

ALICE_SPARE = "a1b2c3d4-0003-4000-8000-00000000a003"
BOB_TOKEN_ID = "b0b0b0b0-0001-4000-8000-00000000b001"
results = []


def control(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(URL + path, data=data, method=method)
    with urllib.request.urlopen(request) as response:
        text = response.read()
        return json.loads(text) if text else None


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def leaks(text):
    """The secrets (or a Bearer value) found in `text`, for the failure message: never the text."""
    found = [f"token #{i}" for i, secret in enumerate(SECRETS) if secret in text]
    if BEARER.search(text):
        found.append("a Bearer value")
    return found


def expect_clean(where, text):
    found = leaks(text)
    expect(not found, f"{', '.join(found)} appeared in {where}")


def run(args, token=ALICE, endpoint=True, expect_code=None, command=None):
    env = {k: v for k, v in os.environ.items() if k != "CODECATALYST_TOKEN"}
    if token is not None:
        env["CODECATALYST_TOKEN"] = token
    full = command or ([CLI] + (["--endpoint", URL] if endpoint else []) + args)
    done = subprocess.run(full, env=env, capture_output=True, timeout=120)
    stdout = done.stdout.decode("utf-8", "replace")
    stderr = done.stderr.decode("utf-8", "replace")
    expect_clean("stdout", stdout)
    expect_clean("stderr", stderr)
    if expect_code is not None:
        expect(done.returncode == expect_code, f"exit {done.returncode}, expected {expect_code}; stdout {stdout!r}")
    return done.returncode, stdout, stderr


def check_emulator():
    """Every emulator log line and every recorded request header so far."""
    with open(LOG, "rb") as f:
        for number, line in enumerate(f.read().decode("utf-8", "replace").splitlines(), 1):
            expect_clean(f"emulator log line {number}", line)
    for request in control("GET", "/__emulator/requests"):
        expect_clean("a request's headers as the emulator recorded them", json.dumps(request["headers"]))


def case(name):
    def wrap(fn):
        control("POST", "/__emulator/reset")
        try:
            fn()
            check_emulator()
            results.append((name, None))
            print(f"ok   {name}")
        except AssertionError as failure:
            results.append((name, str(failure)))
            print(f"FAIL {name}: {failure}")
        return fn
    return wrap


@case("success (exit 0)")
def _():
    run(["delete", ALICE_SPARE], expect_code=0)
    expect(len(control("GET", "/__emulator/requests")) == 1, "the request did not reach the emulator")


@case("403: another user's token (exit 1)")
def _():
    run(["delete", BOB_TOKEN_ID], expect_code=1)


@case("404: unknown id (exit 1)")
def _():
    run(["delete", "00000000-0000-0000-0000-000000000000"], token=ALICE_2, expect_code=1)


@case("404: the token itself passed as the id (exit 1)")
def _():
    # A pasted secret in the URL: the CLI must not echo it and the emulator log redacts it.
    run(["delete", ALICE], expect_code=1)


@case("refused id: too long, not UTF-8 (exit 2, nothing sent)")
def _():
    run(["delete", "x" * 37], expect_code=2)
    run(["delete", "ab\udcff"], expect_code=2)
    expect(control("GET", "/__emulator/requests") == [], "a request was sent")


@case("bad token: unknown to the service (exit 1)")
def _():
    run(["delete", ALICE_SPARE], token=UNKNOWN, expect_code=1)


@case("bad token: LF, CR LF, DEL (exit 2, nothing sent)")
def _():
    run(["delete", "x"], token=f"{CONTROL_HEAD}\n{CONTROL_TAIL}", expect_code=2)
    run(["delete", "x"], token=f"{CONTROL_HEAD}\r\nX-Injected: {CONTROL_TAIL}", expect_code=2)
    run(["delete", "x"], token=f"{CONTROL_HEAD}\x7f", expect_code=2)
    expect(control("GET", "/__emulator/requests") == [], "a request was sent")


@case("bad token: offered on the command line (exit 2)")
def _():
    run(["--token", COMMAND_LINE, "delete", "x"], expect_code=2)
    run([f"--token={COMMAND_LINE}", "delete", "x"], expect_code=2)


@case("token file: read, used, and a missing file (exit 0, 2)")
def _():
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "token")
        with open(path, "w") as f:
            f.write(BOB + "\n")
        run(["--token-file", path, "delete", "00000000-0000-0000-0000-000000000001"], token=None, expect_code=1)
        with open(path, "w") as f:
            f.write(FILE_TOKEN + "\n")
        run(["--token-file", path, "delete", "x"], token=None, expect_code=1)
        run(["--token-file", os.path.join(directory, "missing"), "delete", "x"], token=None, expect_code=2)


@case("service errors with retries: 503 until the attempts run out (exit 1)")
def _():
    control("POST", "/__emulator/faults", [{"status": 503, "count": 3}])
    run(["--max-attempts", "3", "delete", "x"], expect_code=1)
    expect(len(control("GET", "/__emulator/requests")) == 3, "not retried")


@case("service error naming an unknown shape, with an HTML body (exit 1)")
def _():
    control("POST", "/__emulator/faults", [{"status": 502, "body": "<html>Bad Gateway</html>", "contentType": "text/html"},
                                           {"status": 400, "errorType": "com.amazon#NoSuchThingException"}])
    run(["--max-attempts", "1", "delete", "x"], expect_code=1)
    run(["delete", "x"], expect_code=1)


@case("transport failure: connection refused (exit 3)")
def _():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    run(["--endpoint", f"http://127.0.0.1:{closed_port}", "--max-attempts", "2", "delete", "x"], endpoint=False,
        expect_code=3)


@case("transport failure: timeout, and the connection dropped (exit 3)")
def _():
    control("POST", "/__emulator/faults", [{"delayMs": 3000}])
    run(["--timeout", "0.5", "--max-attempts", "1", "delete", "x"], expect_code=3)
    control("POST", "/__emulator/faults", [{"drop": True}])
    run(["--max-attempts", "1", "delete", "x"], expect_code=3)


@case("transport failure: an endpoint that does not parse (exit 3)")
def _():
    run(["--endpoint", "not a url", "--max-attempts", "1", "delete", "x"], endpoint=False, expect_code=3)


@case("usage errors and --help with a token in the environment")
def _():
    code, stdout, _ = run(["--help"], expect_code=0)
    expect("CODECATALYST_TOKEN" in stdout, "--help printed no help")
    run(["--bogus", "delete", "x"], expect_code=2)
    run(["delete"], expect_code=2)
    run(["frobnicate", "x"], expect_code=2)
    run([], expect_code=2)


@case("readme_example: the request printed with the token redacted")
def _():
    _, stdout, _ = run([], token=None, command=[README_EXAMPLE], expect_code=0)
    expect("Authorization: <redacted>" in stdout, f"no redacted Authorization line in {stdout!r}")


# The log has a line per service request, so an empty log would mean the wrong file was read.
with open(LOG, "rb") as f:
    lines = f.read().splitlines()
if not any(b"DELETE /v1/accessTokens/" in line for line in lines):
    results.append(("emulator log", "no request lines in the emulator log: is RESTOP_EMULATOR_LOG right?"))
    print("FAIL emulator log: no request lines")
elif not any(b"<redacted>" in line for line in lines):
    results.append(("emulator log", "the pasted secret was not redacted in the emulator log"))
    print("FAIL emulator log: the pasted secret was not redacted")

failed = sum(1 for _, failure in results if failure)
print(f"{len(results) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
