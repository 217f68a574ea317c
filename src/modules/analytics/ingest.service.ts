// Ingestion: a client's batch of events (checked event by event, errors naming the index and
// field), stored in one statement after the months it covers have their partitions.
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/index.ts';
import { batchTooLarge, eventForbidden, eventInvalid } from './analytics.errors.ts';
import type { IngestCaller } from './analytics.policy.ts';
import { canIngestFor } from './analytics.policy.ts';
import type { AnalyticsSettings, EventInput, StoredEvent } from './analytics.types.ts';
import { eventRepo } from './event.repo.ts';
import type { PartitionService } from './partition.service.ts';

export const INGEST_LIMITS = {
  maxEvents: 1000,
  maxTypeLength: 100,
  maxSrcLength: 100,
  /** Serialized JSON size of one payload. */
  maxPayloadBytes: 16_384,
  maxPayloadDepth: 8,
  /** How far ahead of the server's clock an event may be stamped (clients' clocks drift). */
  maxFutureMs: 86_400_000,
} as const;

export const SERVER_SRC = 'server';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createIngestService(deps: {
  database: DatabaseHandle;
  clock: Clock;
  partitions: PartitionService;
  settings: AnalyticsSettings;
}) {
  const { database, clock, partitions, settings } = deps;

  function check(caller: IngestCaller, event: EventInput, index: number, now: number): StoredEvent {
    if (typeof event !== 'object' || event === null || Array.isArray(event)) {
      throw eventInvalid(index, 'event', 'must be an object');
    }
    const ts =
      event.ts instanceof Date ? event.ts.getTime() : typeof event.ts === 'string' ? Date.parse(event.ts) : Number.NaN;
    if (Number.isNaN(ts)) throw eventInvalid(index, 'ts', 'must be an ISO 8601 date-time');
    if (ts > now + INGEST_LIMITS.maxFutureMs) throw eventInvalid(index, 'ts', 'is in the future');
    if (ts < now - settings.retentionDays * 86_400_000) {
      throw eventInvalid(index, 'ts', `is older than the ${settings.retentionDays}-day retention`);
    }
    // A user's events are about themself unless they say otherwise; a service's may be about nobody.
    const userId = event.user_id ?? ('actor' in caller ? caller.actor.id : null);
    if (userId !== null && (typeof userId !== 'string' || !UUID.test(userId))) {
      throw eventInvalid(index, 'user_id', 'must be a UUID');
    }
    if (userId !== null && !canIngestFor(caller, userId)) throw eventForbidden(index);
    if (typeof event.type !== 'string' || event.type.length < 1 || event.type.length > INGEST_LIMITS.maxTypeLength) {
      throw eventInvalid(index, 'type', `must be a string of 1 to ${INGEST_LIMITS.maxTypeLength} characters`);
    }
    if (event.src !== undefined && (typeof event.src !== 'string' || event.src.length > INGEST_LIMITS.maxSrcLength)) {
      throw eventInvalid(index, 'src', `must be a string of at most ${INGEST_LIMITS.maxSrcLength} characters`);
    }
    // The modules' own events carry src 'server', and 001's figures trust only them.
    if (event.src === SERVER_SRC) throw eventInvalid(index, 'src', `"${SERVER_SRC}" is reserved for the platform`);
    checkPayload(event.payload, index);
    return {
      ts: new Date(ts).toISOString(),
      user_id: userId?.toLowerCase() ?? null,
      type: event.type,
      src: event.src ?? null,
      payload: event.payload,
    };
  }

  return {
    /** Stores a client's batch; nothing is stored when one event is refused. */
    async ingest(caller: IngestCaller, events: readonly EventInput[]): Promise<{ ingested: number }> {
      if (events.length > INGEST_LIMITS.maxEvents) throw batchTooLarge(INGEST_LIMITS.maxEvents);
      const now = clock.now().getTime();
      const rows = events.map((event, index) => check(caller, event, index, now));
      await partitions.ensureFor(
        database.db,
        rows.map((row) => row.ts),
      );
      return { ingested: await eventRepo.insertBatch(database.db, rows, clock.now()) };
    },

    /** Records events inside the caller's transaction (a domain event's handler). */
    async record(tx: Tx, events: readonly StoredEvent[]): Promise<void> {
      await partitions.ensureFor(
        tx,
        events.map((event) => event.ts),
      );
      await eventRepo.insertBatch(tx, events, clock.now());
    },
  };
}

function checkPayload(payload: unknown, index: number): void {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw eventInvalid(index, 'payload', 'must be an object');
  }
  if (depthOf(payload, 0) > INGEST_LIMITS.maxPayloadDepth) {
    throw eventInvalid(index, 'payload', `nests deeper than ${INGEST_LIMITS.maxPayloadDepth} levels`);
  }
  if (Buffer.byteLength(JSON.stringify(payload)) > INGEST_LIMITS.maxPayloadBytes) {
    throw eventInvalid(index, 'payload', `is larger than ${INGEST_LIMITS.maxPayloadBytes} bytes`);
  }
}

/** Nesting depth, stopping as soon as it passes the limit. */
function depthOf(value: unknown, depth: number): number {
  if (typeof value !== 'object' || value === null) return depth;
  if (depth > INGEST_LIMITS.maxPayloadDepth) return depth;
  let deepest = depth + 1;
  for (const child of Object.values(value)) deepest = Math.max(deepest, depthOf(child, depth + 1));
  return deepest;
}
