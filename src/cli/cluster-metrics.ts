// The primary's side of `/metrics` under `--workers`: a worker that was scraped asks the primary,
// which collects every worker's registry through prom-client's AggregatorRegistry (its own IPC
// messages) and sends the aggregate back. The worker side is in src/http/metrics.ts.
import type { Worker } from 'node:cluster';
import cluster from 'node:cluster';

import type { ClusterMetricsRequest, ClusterMetricsResponse } from '../http/metrics.ts';
import { CLUSTER_METRICS_REQUEST, CLUSTER_METRICS_RESPONSE } from '../http/metrics.ts';

/** In the primary: answers the workers' requests for the metrics of all of them. */
export async function serveClusterMetrics(): Promise<void> {
  const { AggregatorRegistry } = await import('prom-client');
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker: Worker, message: ClusterMetricsRequest) => {
    if (message?.type !== CLUSTER_METRICS_REQUEST) return;
    const reply = (answer: Omit<ClusterMetricsResponse, 'type' | 'id'>) => {
      if (worker.isConnected()) worker.send({ type: CLUSTER_METRICS_RESPONSE, id: message.id, ...answer });
    };
    aggregator.clusterMetrics().then(
      (metrics) => reply({ metrics }),
      (error: Error) => reply({ error: error.message }),
    );
  });
}
