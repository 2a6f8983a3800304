// The official JS SDK's side of restop_load_benchmark: DeleteAccessToken of an id that does not
// exist (404 ResourceNotFoundException), CONCURRENCY calls in flight through Promise.all until
// CALLS have completed, over keep-alive connections (one socket per call in flight), no retries.
// Prints the same JSON object as restop_load_benchmark. Run by tools/load_bench.sh:
//
//   ENDPOINT=http://127.0.0.1:PORT TOKEN_FILE=PATH CONCURRENCY=64 CALLS=20000 node load_js.mjs
import { readFileSync } from "node:fs";
import { Agent } from "node:http";
import { CodeCatalystClient, DeleteAccessTokenCommand } from "@aws-sdk/client-codecatalyst";
import { NodeHttpHandler } from "@smithy/node-http-handler";

const concurrency = Number(process.env.CONCURRENCY);
const calls = Number(process.env.CALLS);
const secret = readFileSync(process.env.TOKEN_FILE, "utf8").trim();
const client = new CodeCatalystClient({
  endpoint: process.env.ENDPOINT,
  region: "us-west-2",
  token: { token: secret },
  maxAttempts: 1,
  requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: concurrency }) }),
});
const command = new DeleteAccessTokenCommand({ id: "00000000-0000-4000-8000-000000000000" });

const latencies = [];
let next = 0;
let unexpected = 0;
const cpuBefore = process.cpuUsage();
const start = process.hrtime.bigint();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next++ < calls) {
      const begun = process.hrtime.bigint();
      try {
        await client.send(command);
        ++unexpected;
      } catch (error) {
        if (error.name !== "ResourceNotFoundException") ++unexpected;
      }
      latencies.push(Number(process.hrtime.bigint() - begun) / 1000);
    }
  }),
);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const cpu = process.cpuUsage(cpuBefore);
latencies.sort((a, b) => a - b);
const percentile = (p) => latencies[Math.min(latencies.length - 1, Math.round(p * (latencies.length - 1)))];
console.log(
  JSON.stringify({
    client: "js-sdk",
    concurrency,
    calls: latencies.length,
    seconds: Number(seconds.toFixed(3)),
    per_second: Math.round(latencies.length / seconds),
    p50_us: Math.round(percentile(0.5)),
    p99_us: Math.round(percentile(0.99)),
    cpu_seconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(3)),
    unexpected,
  }),
);
client.destroy();
process.exit(unexpected === 0 ? 0 : 1);
