// The outbox relay: moves published events from the outbox into their subscribers' queues, a
// batch per transaction (the rows deleted and the jobs inserted together, so an event becomes
// its jobs exactly once). A feeder of the queue: it runs in every process that works, when that
// process polls and right after a commit that published (see Queue.feedSoon); several processes
// relay side by side, each taking rows the others do not hold. A subscriber declared `inRelay`
// is handled in that transaction instead of getting jobs; if its handler throws, the batch is
// taken again and every subscriber gets jobs.
import type { FastifyBaseLogger } from 'fastify';

import type { DatabaseHandle, Tx } from '../db/index.ts';
import type { JobFeeder, Queue } from '../queue/index.ts';
import { outboxRepo } from './outbox.repo.ts';

/** Events per transaction: one pg-boss insert per subscriber queue for all of them. */
const BATCH = 200;

export interface OutboxRelayDeps {
  database: DatabaseHandle;
  queue: Pick<Queue, 'insertMany' | 'wake'>;
  log: Pick<FastifyBaseLogger, 'warn'>;
  /** The handler of a queue's subscriber when the relay handles its events itself. */
  handlerIn?: (queue: string) => ((events: object[], tx: Tx) => Promise<void>) | undefined;
}

export function createOutboxRelay({ database, queue, log, handlerIn }: OutboxRelayDeps): JobFeeder {
  /** One batch; true when it was full. */
  async function move(handleHere: boolean): Promise<boolean> {
    const moved = await database.transaction(async (tx) => {
      const rows = await outboxRepo.take(tx, BATCH);
      const byQueue = new Map<string, object[]>();
      for (const { queues, event } of rows) {
        for (const name of queues) {
          const events = byQueue.get(name) ?? [];
          byQueue.set(name, events);
          events.push(event as object);
        }
      }
      const queued: string[] = [];
      for (const [name, events] of byQueue) {
        const handle = handleHere ? handlerIn?.(name) : undefined;
        if (handle) await handle(events, tx);
        else {
          await queue.insertMany(tx, name, events);
          queued.push(name);
        }
      }
      return { full: rows.length === BATCH, queued };
    });
    queue.wake(moved.queued);
    return moved.full;
  }

  return {
    async feed() {
      // An idle poll is this one read, not an empty transaction.
      if (!(await outboxRepo.any(database.db))) return false;
      try {
        return await move(true);
      } catch (error) {
        log.warn({ err: error }, 'events handled in the relay failed; this batch goes through the queue');
        return move(false);
      }
    },

    pending: () => outboxRepo.count(database.db),
  };
}
