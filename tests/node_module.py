"""The pages' JavaScript modules in Node, for their unit tests: the very files the pages load.
One Node process per module and test process answers every call, one JSON line each (a Node
process per call took about a tenth of a CPU-second, several hundred times per run)."""

from __future__ import annotations

import atexit
import json
import select
import shutil
import subprocess
import threading
from pathlib import Path

NODE = shutil.which("node") or "/usr/bin/node"
TIMEOUT = 120  # seconds for one call
# Each line is {body, data}: `body` runs with `core` (the module) and `data` defined and returns
# the answer. An object {"$date": ...} in data arrives as a Date.
# A module sets its one global on `window` (window.HandbookSessionCore = …), as on the page;
# here `window` is Node's global, and the module is the global the file added.
ANSWER_EACH_LINE = r"""
globalThis.window = globalThis;
const before = new Set(Object.keys(globalThis));
require(process.argv[1]);
const added = Object.keys(globalThis).filter((name) => !before.has(name));
if (added.length !== 1) throw new Error(`${process.argv[1]} added ${added.length} globals`);
const core = globalThis[added[0]];
const revive = (key, value) => (value && value.$date ? new Date(value.$date) : value);
// A body may `await` (WebCrypto is asynchronous): it runs as an async function.
const AsyncFunction = (async () => {}).constructor;
require("readline").createInterface({input: process.stdin}).on("line", (line) => {
  const call = JSON.parse(line, revive);
  const failed = (error) => ({error: String((error && error.stack) || error)});
  new Promise((resolve) => resolve(new AsyncFunction("core", "data", call.body)(core, call.data)))
    .then((result) => ({result: result ?? null}), failed)
    .then((answer) => process.stdout.write(JSON.stringify(answer) + "\n"));
});
"""


class NodeModule:
    def __init__(self, path: Path):
        self.path = path
        self.process: subprocess.Popen | None = None
        self.lock = threading.Lock()

    def run(self, body: str, **data):
        """`body` (JavaScript that returns the result) with `core` and `data` (the keyword
        arguments) defined; the result handed back as JSON."""
        assert Path(NODE).exists(), "Node.js is missing: run `python3 scripts/handbook.py test`"
        with self.lock:
            if self.process is None or self.process.poll() is not None:
                self.process = subprocess.Popen(
                    [NODE, "-e", ANSWER_EACH_LINE, str(self.path)], stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE, text=True, encoding="utf-8")
                atexit.register(self.close)
            self.process.stdin.write(json.dumps({"body": body, "data": data}) + "\n")
            self.process.stdin.flush()
            ready, _, _ = select.select([self.process.stdout], [], [], TIMEOUT)
            assert ready, f"{self.path.name}: no answer within {TIMEOUT} s"
            line = self.process.stdout.readline()
        assert line, f"{self.path.name}: Node ended without an answer"
        answer = json.loads(line)
        assert "error" not in answer, answer.get("error")
        return answer["result"]

    def close(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait(timeout=10)
            self.process.stdout.close()
