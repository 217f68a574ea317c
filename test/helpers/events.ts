// A test subscriber: records every event of the given types it handles, in the order handled.
import type { Lectern } from '../../src/app.ts';
import type { DomainEvent, EventMap, EventType } from '../../src/platform/events/index.ts';

export interface EventRecorder<K extends EventType> {
  /** Pass as startTestApp's `beforeStart`: subscribes before the queue starts. */
  attach(lectern: Lectern): void;
  /** Events of `type` handled so far whose payload matches `where`. */
  find<T extends K>(type: T, where?: (data: EventMap[T]) => boolean): DomainEvent<T>[];
  all(): DomainEvent<K>[];
}

export function eventRecorder<K extends EventType>(subscriber: string, types: readonly K[]): EventRecorder<K> {
  const seen: DomainEvent<K>[] = [];
  return {
    attach(lectern) {
      lectern.events.subscribe(subscriber, types, async (event) => {
        seen.push(event);
      });
    },
    find(type, where = () => true) {
      return seen.filter(
        (event): event is DomainEvent<typeof type> =>
          event.type === type && where((event as DomainEvent<typeof type>).data),
      );
    },
    all: () => [...seen],
  };
}

/** Waits until `check` holds (retried jobs run after a back-off that `queue.settle` does not wait for). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
