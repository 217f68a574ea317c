// CPU time per completion, which a loaded, shared machine distorts less than throughput: this
// process's main thread (the server, its queue workers and, on PGlite, the database itself;
// autocannon runs in a worker thread of its own) plus, on PostgreSQL, the bench database's
// backends, read from /proc (the server runs on this machine). A backend that exits during a run
// is missed, so pools are kept open across a measurement.
import { readFileSync } from 'node:fs';

import { sql } from 'kysely';

import type { DatabaseHandle } from '../src/platform/db/index.ts';

export interface CpuSpent {
  mainMs: number;
  databaseMs: number;
}

/** Linux's USER_HZ: /proc reports CPU times in these ticks. */
const TICKS_PER_MS = 100 / 1000;

/** Starts measuring; the returned function reads what was spent since. */
export async function startCpuMeter(database: DatabaseHandle): Promise<() => Promise<CpuSpent>> {
  const main = process.threadCpuUsage();
  const backends = await backendTicks(database);
  return async () => {
    const { user, system } = process.threadCpuUsage(main);
    const now = await backendTicks(database);
    let ticks = 0;
    for (const [pid, spent] of now) ticks += spent - (backends.get(pid) ?? 0);
    return { mainMs: (user + system) / 1000, databaseMs: ticks / TICKS_PER_MS };
  };
}

/** utime + stime of each backend of the bench database (none on PGlite). */
async function backendTicks(database: DatabaseHandle): Promise<Map<string, number>> {
  const ticks = new Map<string, number>();
  if (database.pglite) return ticks;
  const { rows } = await sql<{ pid: number }>`
    select pid from pg_stat_activity where datname = current_database()`.execute(database.db);
  for (const { pid } of rows) {
    try {
      // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(String(pid), Number(fields[11]) + Number(fields[12]));
    } catch {
      // exited since the listing
    }
  }
  return ticks;
}

/** One line: CPU ms per completion of each server. */
export function printCpu(label: string, spent: CpuSpent, completions: number): void {
  const per = (ms: number) => (ms / completions).toFixed(3);
  console.log(
    `CPU ms per completion, ${label}: ${per(spent.mainMs + spent.databaseMs)} ` +
      `(main thread ${per(spent.mainMs)}, PostgreSQL backends ${per(spent.databaseMs)})`,
  );
}
