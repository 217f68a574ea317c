// Prometheus metrics: process defaults plus request duration by route and status. Under
// `lectern serve --workers N` a scrape reaches one worker, which asks the primary for the metrics
// of every worker (prom-client's AggregatorRegistry: counters and histograms summed), so one
// scrape sees the whole server; see src/cli/cluster-metrics.ts.
import cluster from 'node:cluster';

import type { FastifyInstance } from 'fastify';
import { AggregatorRegistry, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export const CLUSTER_METRICS_REQUEST = 'lectern:metrics-request';
export const CLUSTER_METRICS_RESPONSE = 'lectern:metrics-response';

export interface ClusterMetricsRequest {
  type: typeof CLUSTER_METRICS_REQUEST;
  id: number;
}

export interface ClusterMetricsResponse {
  type: typeof CLUSTER_METRICS_RESPONSE;
  id: number;
  metrics?: string;
  error?: string;
}

/** Longer than the primary's own wait for the workers (prom-client gives up after 5 s). */
const CLUSTER_TIMEOUT_MS = 6000;

export function installMetrics(app: FastifyInstance): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  const clusterMetrics = cluster.isWorker && process.send ? askPrimary(registry) : undefined;
  app.get(
    '/metrics',
    { config: { auth: 'public', rateLimit: false }, schema: { hide: true } },
    async (request, reply) => {
      reply.type(registry.contentType);
      if (!clusterMetrics) return registry.metrics();
      try {
        return await clusterMetrics();
      } catch (error) {
        // The primary could not gather them (a worker restarting): this worker's own, said in the log.
        request.log.warn({ err: error }, 'metrics of every worker unavailable: answering with this worker only');
        return registry.metrics();
      }
    },
  );
}

/** In a cluster worker: answers the primary's collection with `registry`, and asks it for everyone's. */
function askPrimary(registry: Registry): () => Promise<string> {
  // Constructing it installs prom-client's worker side: the primary's requests get `registry`.
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registry]);
  const pending = new Map<number, { resolve(text: string): void; reject(error: Error): void }>();
  let next = 0;
  process.on('message', (message: ClusterMetricsResponse) => {
    if (message?.type !== CLUSTER_METRICS_RESPONSE) return;
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.error !== undefined) waiter?.reject(new Error(message.error));
    else waiter?.resolve(message.metrics ?? '');
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error('the primary did not answer'));
      }, CLUSTER_TIMEOUT_MS);
      pending.set(id, {
        resolve: (text) => (clearTimeout(timer), resolve(text)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      process.send!({ type: CLUSTER_METRICS_REQUEST, id });
    });
}
