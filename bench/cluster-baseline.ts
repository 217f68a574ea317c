// Runs a hand-written baseline server in N processes on one port (node:cluster, as `lectern
// serve --workers N` does), so an N-process Lectern is compared with an N-process baseline.
// BENCH_BASELINE_MODULE exports `serve(port)`; the parent (bench/harness.ts) is told when every
// worker listens, and SIGTERM stops them all.
import cluster from 'node:cluster';

const workers = Number(process.env['BENCH_BASELINE_WORKERS'] ?? 1);
const port = Number(process.env['PORT']);

if (cluster.isPrimary) {
  let listening = 0;
  cluster.on('listening', () => ++listening === workers && process.send?.('lectern:ready'));
  cluster.on('exit', () => Object.keys(cluster.workers ?? {}).length === 0 && process.exit(0));
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
  });
  for (let i = 0; i < workers; i++) cluster.fork();
} else {
  // Exit on SIGTERM rather than die of it, so that --cpu-prof (BENCH_CPU_PROFILE_DIR) writes its profile.
  process.on('SIGTERM', () => process.exit(0));
  const module = (await import(process.env['BENCH_BASELINE_MODULE']!)) as { serve(port: number): Promise<void> };
  await module.serve(port);
}
