// What Lectern's platform hooks cost per request, each alone: the request id + security headers,
// the Prometheus request histogram, and the API rate limit (in-process store, and the Redis store
// used by several processes), each installed exactly as src/http/app.ts installs it on a bare
// Fastify app with one tiny route; the baseline is that bare app. Requests go through
// `app.inject` (32 in flight), and what is measured is this process's CPU time per request
// (process.cpuUsage: user + system), with no network in the way and little effect of other load
// on the machine; the difference to the baseline is the hook's own cost (the Redis server's CPU
// is not counted, its client's is). Variants run interleaved in ROUNDS rounds (the median is kept).
//
// Run: `node bench/platform-hooks.bench.ts`; HOOK_REQUESTS (per variant and round, 20000),
// HOOK_ROUNDS (5), REDIS_URL (the Redis store's row; skipped when Redis does not answer).
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import pino from 'pino';

import { installMetrics } from '../src/http/metrics.ts';
import { createSharedCounters } from '../src/http/rate-limit-counters.ts';
import { fallbackStore } from '../src/http/rate-limit-store.ts';
import { installRequestHeaders } from '../src/http/security-headers.ts';
import { REDIS_URL, reportSummary } from './harness.ts';

const REQUESTS = Number(process.env['HOOK_REQUESTS'] ?? 20_000);
const ROUNDS = Number(process.env['HOOK_ROUNDS'] ?? 5);
const IN_FLIGHT = 32;

type Install = (app: FastifyInstance) => void | Promise<void>;

const redis = await connectRedis();
const headers: Install = (app) => installRequestHeaders(app);
const metrics: Install = (app) => installMetrics(app);
// The same options as src/http/app.ts (a limit that is never reached: the cost of counting).
const limit =
  (store?: ReturnType<typeof fallbackStore>): Install =>
  async (app) => {
    await app.register(rateLimit, {
      global: true,
      hook: 'preHandler',
      max: 1_000_000_000,
      timeWindow: 3_600_000,
      ...(store ? { store } : {}),
      keyGenerator: (request) => `ip:${request.ip}`,
    });
  };
const redisStore = redis
  ? fallbackStore(redis, createSharedCounters(redis), `lectern-bench-${process.pid}:rl:`, pino({ level: 'silent' }))
  : undefined;

const variants: { name: string; install: Install[] }[] = [
  { name: 'bare Fastify (baseline)', install: [] },
  { name: '+ request id + security headers', install: [headers] },
  { name: '+ request metrics (prom-client histogram)', install: [metrics] },
  { name: '+ rate limit, in-process store', install: [limit()] },
  ...(redisStore ? [{ name: '+ rate limit, Redis store', install: [limit(redisStore)] }] : []),
  { name: 'all hooks (in-process rate limit)', install: [headers, metrics, limit()] },
];

const apps = await Promise.all(variants.map((variant) => build(variant.install)));
const samples: number[][] = variants.map(() => []);
for (let round = 0; round < ROUNDS; round++) {
  for (const [index, app] of apps.entries()) samples[index]!.push(await microsecondsPerRequest(app));
}
const medians = samples.map((values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!);
const bare = medians[0]!;

console.log(`platform hooks: ${REQUESTS} requests x ${ROUNDS} rounds per variant, median CPU µs per request (inject)`);
console.table(
  variants.map((variant, index) => ({
    variant: variant.name,
    'µs / request': medians[index]!.toFixed(2),
    'µs added': index === 0 ? '—' : (medians[index]! - bare).toFixed(2),
    'bare / this': (bare / medians[index]!).toFixed(3),
  })),
);
const all = medians[medians.length - 1]!;
console.log(`all hooks add ${(all - bare).toFixed(2)} µs of CPU per request, whatever the route, the data or the load`);
reportSummary({
  workload: 'platform hooks, CPU per request (inject)',
  lectern: Number(all.toFixed(2)),
  baseline: Number(bare.toFixed(2)),
  unit: 'µs',
  ratio: bare / all,
  goal: 'a constant, small beside a request',
});

await Promise.all(apps.map((app) => app.close()));
redis?.disconnect();

async function build(install: Install[]): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  for (const step of install) await step(app);
  app.get('/probe', async () => ({ ok: true }));
  await app.ready();
  return app;
}

/** CPU time of this process (user + system) per request, with IN_FLIGHT requests at a time: robust to other load. */
async function microsecondsPerRequest(app: FastifyInstance): Promise<number> {
  const run = async (count: number) => {
    let next = 0;
    const lane = async () => {
      while (next++ < count) {
        const response = await app.inject('/probe');
        if (response.statusCode !== 200) throw new Error(`/probe answered ${response.statusCode}`);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  };
  await run(1000); // warm-up: JIT and caches
  const before = process.cpuUsage();
  await run(REQUESTS);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / REQUESTS;
}

async function connectRedis(): Promise<Redis | undefined> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  client.on('error', () => {});
  try {
    await client.connect();
    return client;
  } catch {
    console.log(`Redis at ${REDIS_URL} does not answer: the Redis store's row is skipped`);
    client.disconnect();
    return undefined;
  }
}
