// autocannon's per-request hook (loaded by path inside its worker thread): each call hands out
// the next (student, lesson) completion from the job file, so every pair is sent exactly once.
import { readFileSync } from 'node:fs';

interface Job {
  path: string;
  authorization: string;
}

const jobs = JSON.parse(readFileSync(process.env['LECTERN_BENCH_JOBS'] ?? '', 'utf8')) as Job[];
let next = 0;

function setupRequest(request: { method?: string; path?: string; headers?: Record<string, string> }) {
  const job = jobs[next++ % jobs.length]!;
  request.method = 'POST';
  request.path = job.path;
  request.headers = { ...request.headers, authorization: job.authorization };
  return request;
}

export { setupRequest as 'module.exports' };
