// One compacting garbage collection once the process has started, returning start-up's garbage
// to the operating system.
//
// Starting Lectern builds and drops a lot (migrations, schemas compiled for every route, PGlite's
// initdb on a first start): V8 keeps the pages it grew into, and an idle server rarely collects
// again, so RSS stays near start-up's peak (PostgreSQL: 310 MiB idle, of which 65 MiB was live
// heap). A last-resort collection, as V8 makes under memory pressure, compacts the heap and
// unmaps what is free: 170 MiB idle. It pauses the process once (well under a second) before it
// serves traffic. Node offers no call for it: `gc` is exposed for this one function and hidden again.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Gc = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

export function releaseStartupMemory(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as Gc;
  setFlagsFromString('--no-expose-gc');
  gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}
