// The official JS SDK's side of restop_benchmarks' whole-call cases (issue 12): one
// DeleteAccessToken call after another through an in-memory request handler that hands back the
// same canned response restop's canned_transport does (200 `{}`, and 404
// ResourceNotFoundException named by X-Amzn-Errortype), so that neither side touches a socket.
// No retries. For each case it warms up, then times REPETITIONS batches of CALLS calls and prints
// one JSON line with the median wall time and CPU time per call. Run by tools/bench.sh from the
// folder the SDK is installed in:
//
//   CALLS=20000 REPETITIONS=10 node call_js.mjs
import { CodeCatalystClient, DeleteAccessTokenCommand } from "@aws-sdk/client-codecatalyst";
import { HttpResponse } from "@smithy/protocol-http";

const calls = Number(process.env.CALLS ?? 20000);
const repetitions = Number(process.env.REPETITIONS ?? 10);
const requestId = "7f4f1d42-6a1b-4b5e-9a43-3c9f1b7e2d10";

// The same headers and bodies as restop_benchmarks.cpp's ok_200 and not_found_404.
const baseHeaders = (length) => ({
  date: "Tue, 04 Jun 2024 10:15:00 GMT",
  "content-type": "application/json",
  "content-length": length,
  connection: "keep-alive",
  "x-amzn-requestid": requestId,
});
const cases = [
  { name: "call/200", status: 200, headers: baseHeaders("2"), body: "{}", expect: null },
  {
    name: "call/404",
    status: 404,
    headers: {
      ...baseHeaders("61"),
      "x-amzn-errortype": "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.codecatalyst/",
    },
    body: JSON.stringify({ message: "Access token a1b2c3d4 was not found." }),
    expect: "ResourceNotFoundException",
  },
];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

for (const c of cases) {
  const body = new TextEncoder().encode(c.body);
  const client = new CodeCatalystClient({
    endpoint: "https://codecatalyst.global.api.aws",
    region: "us-west-2",
    token: { token: "cc-pat-6f1e3a2b9c8d4e7f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f" },
    maxAttempts: 1,
    requestHandler: {
      // A fresh response per call, as a transport hands back; the bytes are shared.
      handle: async () => ({ response: new HttpResponse({ statusCode: c.status, headers: { ...c.headers }, body }) }),
    },
  });
  const command = new DeleteAccessTokenCommand({ id: "a1b2c3d4-5678-90ab-cdef-EXAMPLEbbbbb" });
  const once = async () => {
    try {
      await client.send(command);
      if (c.expect !== null) throw new Error(`${c.name}: the call succeeded`);
    } catch (error) {
      if (error.name !== c.expect) throw error;
    }
  };
  for (let i = 0; i < Math.min(calls, 5000); ++i) await once(); // warm-up: the JIT, the SDK's caches
  const wallNs = [];
  const cpuNs = [];
  for (let r = 0; r < repetitions; ++r) {
    const cpuBefore = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; ++i) await once();
    wallNs.push(Number(process.hrtime.bigint() - start) / calls);
    const cpu = process.cpuUsage(cpuBefore);
    cpuNs.push(((cpu.user + cpu.system) * 1000) / calls);
  }
  console.log(
    JSON.stringify({
      case: c.name,
      calls,
      repetitions,
      wall_ns_per_call: Math.round(median(wallNs)),
      cpu_ns_per_call: Math.round(median(cpuNs)),
    }),
  );
  client.destroy();
}
