// Where a lesson completion's cost goes, measured beside the lesson-progress bench's Lectern run:
// database statements per completion at the driver (the request's own, and apart from them the
// background work the completions cause: event jobs delivered by the in-process workers, pg-boss
// bookkeeping; see exam-surge.round-trips.ts), how long that background work keeps running after
// the last answer, and (BENCH_CPU_PROFILE=<dir>) a CPU profile of the main thread during the run,
// written as a .cpuprofile that Chrome DevTools or speedscope open.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

import type { Lectern } from '../src/app.ts';
import type { RoundTripCounts } from './exam-surge.round-trips.ts';
import { countPglite, countPostgres, markRequests, startCounting, uncounted } from './exam-surge.round-trips.ts';

const PROFILE_DIR = process.env['BENCH_CPU_PROFILE'];

export interface CompletionCosts {
  counts: RoundTripCounts;
  /** Milliseconds from the last answer until no event job is queued or running (0 without workers). */
  drainMs: number;
}

/** Starts counting Lectern's statements (after the hand-written run: its pool is not counted). */
export async function watchLectern(
  lectern: Lectern,
  label: string,
  working: boolean,
): Promise<() => Promise<CompletionCosts>> {
  if (lectern.database.pglite) countPglite(lectern.database.pglite);
  else countPostgres();
  markRequests(lectern.app.server);
  const session = PROFILE_DIR ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
  }
  const read = startCounting();
  return async () => {
    if (session) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(join(PROFILE_DIR!, `${label}.cpuprofile`), JSON.stringify(profile));
      session.disconnect();
    }
    const answered = Date.now();
    if (working) await uncounted(() => lectern.queue.settle(300_000));
    const drainMs = Date.now() - answered;
    return { counts: read(), drainMs };
  };
}

/** One line per bucket: statements and commits per completion. */
export function printCosts(costs: CompletionCosts, completions: number): void {
  const per = (n: number) => (n / completions).toFixed(2);
  const { request, background } = costs.counts;
  console.log(
    `statements per completion: request ${per(request.statements)} (commits ${per(request.commits)}), ` +
      `background ${per(background.statements)} (commits ${per(background.commits)}); ` +
      `background work drained ${costs.drainMs} ms after the last answer`,
  );
}
