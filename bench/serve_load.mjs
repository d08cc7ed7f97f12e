// Load client for bench/serve_bench.sh: C concurrent keep-alive clients send R requests
// each to an `orbat serve` on loopback, cycling through a mix of API calls and page
// assets, and stop early at the time cap. Prints requests/s, latency percentiles and
// errors; exits 1 if any request failed or the server stopped answering.
// Usage: node bench/serve_load.mjs BASE_URL [clients=16] [requests=200] [max_seconds=60]
import http from 'node:http';

const [base, clientsArg, requestsArg, capArg] = process.argv.slice(2);
if (!base || !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+\/?$/.test(base)) {
  console.error('usage: node bench/serve_load.mjs http://127.0.0.1:PORT/ [clients] [requests] [max_seconds] (loopback only)');
  process.exit(2);
}
const clients = Number(clientsArg || 16);
const requests = Number(requestsArg || 200);
const capMs = Number(capArg || 60) * 1000;
const url = new URL(base);

const MIX = [
  '/api/network?compact=1',
  '/api/network?at=2016-06&compact=1',
  '/api/network?at=2018-03&types=ally,rival&compact=1',
  '/api/profile?name=Jund%20al-Aqsa',
  '/api/profile?name=Ahrar%20al-Sham',
  '/api/relations?name=Tahrir%20al-Sham&at=2018',
  '/api/timeline?name=Jaysh%20al-Ummah',
  '/api/entities?q=nusra',
  '/api/entities?q=al',
  '/api/search?q=allegiance',
  '/api/stats',
  '/api/documents',
  '/api/profile?name=Nobody%20Known',   // 404 with suggestions: expected, not an error
  '/api/network?at=bad',                 // 400: expected
  '/',
  '/app.js',
];
const EXPECTED = (path, status) => (path.includes('Nobody') ? status === 404 : path.includes('at=bad') ? status === 400 : status === 200);

const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
const latencies = [];
let errors = 0;
let done = 0;
const firstErrors = [];
const t0 = performance.now();
const deadline = t0 + capMs;

function get(path) {
  return new Promise((resolve) => {
    const start = performance.now();
    const req = http.get({ host: url.hostname, port: url.port, path, agent, timeout: 10000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - start }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: 0, ms: performance.now() - start, error: e.message }));
  });
}

async function client(id) {
  for (let i = 0; i < requests && performance.now() < deadline; i++) {
    const path = MIX[(id * 7 + i) % MIX.length];
    const r = await get(path);
    latencies.push(r.ms);
    done++;
    if (!EXPECTED(path, r.status)) {
      errors++;
      if (firstErrors.length < 5) firstErrors.push(`${path} -> ${r.status}${r.error ? ` (${r.error})` : ''}`);
    }
  }
}

await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
const secs = (performance.now() - t0) / 1000;
agent.destroy();
// The server must still answer after the load.
const after = await get('/api/stats');
latencies.sort((a, b) => a - b);
const pct = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] : 0);
const capped = done < clients * requests;
console.log(`clients:        ${clients} x ${requests} requests${capped ? ` (stopped at the ${capMs / 1000} s cap)` : ''}`);
console.log(`requests:       ${done} in ${secs.toFixed(2)} s`);
console.log(`requests/s:     ${(done / secs).toFixed(0)}`);
console.log(`latency ms:     p50 ${pct(50).toFixed(2)}  p90 ${pct(90).toFixed(2)}  p99 ${pct(99).toFixed(2)}  max ${pct(100).toFixed(2)}`);
console.log(`errors:         ${errors}${firstErrors.length ? ` (${firstErrors.join('; ')})` : ''}`);
console.log(`after the load: /api/stats -> ${after.status}`);
process.exit(errors || after.status !== 200 ? 1 : 0);
