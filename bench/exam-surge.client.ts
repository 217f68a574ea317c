// The exam-surge load generator, run in a worker thread so it does not share the server's event
// loop: every student starts the quiz at the same moment, saves answers twice, then submits.
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

export interface SurgeInput {
  baseUrl: string;
  quizId: string;
  tokens: string[];
  answers: { question_id: string; answer: unknown }[];
  connections: number;
}

export interface SurgeOutput {
  start: number[];
  save: number[];
  submit: number[];
  errors: number;
  errorSamples: string[];
  wallMs: number;
  requests: number;
}

const input = workerData as SurgeInput;
const url = new URL(input.baseUrl);
const agent = new http.Agent({ keepAlive: true, maxSockets: input.connections, maxFreeSockets: input.connections });
const output: SurgeOutput = { start: [], save: [], submit: [], errors: 0, errorSamples: [], wallMs: 0, requests: 0 };

function call(method: string, path: string, token: string, body: unknown): Promise<{ status: number; body: string }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve) => {
    const request = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', (error) => resolve({ status: 0, body: String(error) }));
      },
    );
    request.on('error', (error) => resolve({ status: 0, body: String(error) }));
    request.end(payload);
  });
}

async function timed(
  kind: 'start' | 'save' | 'submit',
  expect: number,
  method: string,
  path: string,
  token: string,
  body?: unknown,
) {
  const began = performance.now();
  const response = await call(method, path, token, body);
  output[kind].push(performance.now() - began);
  output.requests++;
  if (response.status !== expect) {
    output.errors++;
    if (output.errorSamples.length < 5)
      output.errorSamples.push(`${kind}: ${response.status} ${response.body.slice(0, 200)}`);
    return undefined;
  }
  return response.body;
}

async function student(token: string): Promise<void> {
  const started = await timed('start', 201, 'POST', `/api/v1/quizzes/${input.quizId}/attempts`, token);
  if (!started) return;
  const attemptId = (JSON.parse(started) as { id: string }).id;
  const half = Math.ceil(input.answers.length / 2);
  if (
    !(await timed('save', 200, 'PUT', `/api/v1/attempts/${attemptId}/answers`, token, {
      answers: input.answers.slice(0, half),
    }))
  )
    return;
  if (
    !(await timed('save', 200, 'PUT', `/api/v1/attempts/${attemptId}/answers`, token, {
      answers: input.answers.slice(half),
    }))
  )
    return;
  await timed('submit', 200, 'POST', `/api/v1/attempts/${attemptId}/submit`, token, {});
}

const began = performance.now();
await Promise.all(input.tokens.map((token) => student(token)));
output.wallMs = performance.now() - began;
agent.destroy();
parentPort!.postMessage(output);
