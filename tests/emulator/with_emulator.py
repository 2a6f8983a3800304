#!/usr/bin/env python3
"""Runs a command against a fresh CodeCatalyst emulator on 127.0.0.1.

    with_emulator.py EMULATOR USERS_JSON [EMULATOR_FLAGS...] -- COMMAND [ARGS...]

Starts EMULATOR on a free port with its own copy of USERS_JSON (and EMULATOR_FLAGS, such as
--default-page-size 2), exports RESTOP_EMULATOR_PORT,
RESTOP_EMULATOR_URL and RESTOP_EMULATOR_LOG (the file that receives the emulator's stderr log)
to COMMAND, and stops the emulator when COMMAND ends. Exits with COMMAND's status, or 1 if
the emulator did not end cleanly (a crash, a sanitizer report). Standard library only.
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time


def start(emulator: str, users: str, workdir: str, flags=()):
    users_copy = os.path.join(workdir, "users.json")
    shutil.copyfile(users, users_copy)
    port_file = os.path.join(workdir, "port")
    log = open(os.path.join(workdir, "emulator.log"), "wb")
    process = subprocess.Popen([emulator, "--port", "0", "--port-file", port_file, "--users", users_copy, *flags],
                               stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"with_emulator: the emulator exited with {process.returncode}")
        if os.path.exists(port_file):
            with open(port_file) as f:
                port = f.read().strip()
            if port:
                return process, port
        time.sleep(0.02)
    process.kill()
    sys.exit("with_emulator: the emulator did not report a port within 20 s")


def main() -> int:
    if "--" not in sys.argv or sys.argv.index("--") < 3:
        sys.exit(__doc__)
    separator = sys.argv.index("--")
    emulator, users = sys.argv[1], sys.argv[2]
    flags = sys.argv[3:separator]
    command = sys.argv[separator + 1:]
    with tempfile.TemporaryDirectory(prefix="restop-emulator-") as workdir:
        process, port = start(emulator, users, workdir, flags)
        env = dict(os.environ, RESTOP_EMULATOR_PORT=port, RESTOP_EMULATOR_URL=f"http://127.0.0.1:{port}",
                   RESTOP_EMULATOR_LOG=os.path.join(workdir, "emulator.log"))
        try:
            status = subprocess.call(command, env=env)
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        # SIGTERM ends the emulator with 0; anything else (a crash, a sanitizer report such as a
        # leak at exit) fails the run, with the end of the emulator's log.
        if process.returncode != 0:
            with open(os.path.join(workdir, "emulator.log"), "rb") as log:
                tail = log.read()[-4000:].decode("utf-8", "replace")
            print(f"with_emulator: the emulator exited with {process.returncode}; its log ends:\n{tail}", file=sys.stderr)
            return status or 1
        return status


if __name__ == "__main__":
    sys.exit(main())
