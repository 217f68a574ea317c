// autocannon's per-request hook (loaded by path inside its worker thread): each call signs in the
// next user of the file, round robin, so concurrent logins touch different user rows.
import { readFileSync } from 'node:fs';

const bodies = (JSON.parse(readFileSync(process.env['LECTERN_BENCH_LOGINS'] ?? '', 'utf8')) as object[]).map((body) =>
  JSON.stringify(body),
);
let next = 0;

function setupRequest(request: { method?: string; body?: string; headers?: Record<string, string> }) {
  request.method = 'POST';
  request.body = bodies[next++ % bodies.length]!;
  request.headers = { ...request.headers, 'content-type': 'application/json' };
  return request;
}

export { setupRequest as 'module.exports' };
