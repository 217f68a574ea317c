// The domain event bus: published inside the business transaction, delivered to each subscriber
// through its own queue, handled in a transaction with a "processed" mark: retried until it
// succeeds, effective once per event and subscriber, and nothing at all when the business
// transaction rolls back.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';

import { sql } from 'kysely';

import type { DomainEvent } from '../../src/platform/events/index.ts';
import { subscriberQueue } from '../../src/platform/events/index.ts';
import { createOutboxRelay } from '../../src/platform/events/outbox-relay.ts';
import { startTestApp } from '../helpers/app.ts';
import { eventRecorder, eventually } from '../helpers/events.ts';
import { createUser, STRONG_PASSWORD, uniqueEmail } from '../helpers/factories.ts';

const recorder = eventRecorder('test-recorder', ['identity.user.registered', 'identity.login.succeeded']);

// A subscriber with an effect in the database (a row per run that committed) that fails on
// demand: the first `failuresLeft` runs throw after writing their row.
let failuresLeft = 0;
/** Users whose event's next run fails (once each). */
const failOnceFor = new Set<string>();
const runs = new Map<string, number>();
const flakyEvents: DomainEvent<'identity.user.registered'>[] = [];
const effects = async (eventId: string) => {
  const { rows } = await sql<{
    n: number;
  }>`select count(*)::int as n from test_event_effects where event_id = ${eventId}`.execute(lectern.database.db);
  return rows[0]!.n;
};

/** The users of each call of the batch subscriber, in order. */
const batchCalls: string[][] = [];
/** Users whose event makes its batch's next run fail (once each). */
const failBatchFor = new Set<string>();

const lectern = await startTestApp(
  {},
  {
    async beforeStart(app) {
      await sql`create table test_event_effects (event_id uuid not null, user_id uuid not null)`.execute(
        app.database.db,
      );
      await sql`create table test_batch_effects (event_id uuid not null, user_id uuid not null)`.execute(
        app.database.db,
      );
      recorder.attach(app);
      // A subscriber taking events in batches, with one statement per batch.
      app.events.subscribeMany('test-batches', 'identity.user.registered', async (events, tx) => {
        batchCalls.push(events.map((event) => event.data.user_id));
        const rows = events.map((event) => ({ event_id: event.id, user_id: event.data.user_id }));
        await sql`insert into test_batch_effects select * from json_populate_recordset(null::test_batch_effects, ${JSON.stringify(rows)})`.execute(
          tx,
        );
        if (events.some((event) => failBatchFor.delete(event.data.user_id)))
          throw new Error('this batch fails on purpose');
      });
      app.events.subscribe('test-flaky', 'identity.user.registered', async (event, tx) => {
        runs.set(event.id, (runs.get(event.id) ?? 0) + 1);
        flakyEvents.push(event);
        await sql`insert into test_event_effects (event_id, user_id) values (${event.id}, ${event.data.user_id})`.execute(
          tx,
        );
        if (failuresLeft > 0 || failOnceFor.delete(event.data.user_id)) {
          failuresLeft = Math.max(0, failuresLeft - 1);
          throw new Error('this run fails on purpose');
        }
      });
    },
  },
);

const register = (email: string) =>
  lectern.app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { email, password: STRONG_PASSWORD, full_name: 'Event Person' },
  });

/** Registers through the API; the new user's id. */
async function registered(email: string): Promise<string> {
  const response = await register(email);
  assert.equal(response.statusCode, 201, response.body);
  const me = await lectern.app.inject({
    method: 'GET',
    url: '/api/v1/users/me',
    headers: { authorization: `Bearer ${response.json().access_token}` },
  });
  return me.json().id as string;
}

/** One registration event per user, in one transaction, so a subscriber's worker fetches them as one batch. */
async function publishRegistrations(users: string[]): Promise<void> {
  await lectern.database.transaction(async (tx) => {
    for (const userId of users) {
      await lectern.events.publish(tx, 'identity.user.registered', {
        user_id: userId,
        role: 'student',
        method: 'password',
      });
    }
  });
}

describe('domain events', () => {
  it('delivers an event to each subscriber once, with its documented shape, after the HTTP action', async () => {
    const userId = await registered(uniqueEmail('events'));
    await lectern.queue.settle();
    const [event, ...more] = recorder.find('identity.user.registered', (d) => d.user_id === userId);
    assert.ok(event);
    assert.deepEqual(more, []);
    assert.match(event.id, /^[0-9a-f-]{36}$/);
    assert.equal(event.occurredAt, lectern.clock.now().toISOString());
    assert.deepEqual(event.data, { user_id: userId, role: 'student', method: 'password' });
    // The other subscriber got the same event, by its own queue.
    assert.equal(flakyEvents.filter((e) => e.id === event.id).length, 1);
    assert.equal(await effects(event.id), 1);
  });

  it('publishes nothing when the request fails', async () => {
    const email = uniqueEmail('events-dup');
    assert.equal((await register(email)).statusCode, 201);
    await lectern.queue.settle();
    const before = recorder.find('identity.user.registered').length;
    assert.equal((await register(email)).statusCode, 409);
    await lectern.queue.settle();
    assert.equal(recorder.find('identity.user.registered').length, before);
  });

  it('publishes nothing from a transaction that rolls back after publishing', async () => {
    const rolledBack = randomUUID();
    const committed = randomUUID();
    const publish = (userId: string, fail: boolean) =>
      lectern.database.transaction(async (tx) => {
        await lectern.events.publish(tx, 'identity.user.registered', {
          user_id: userId,
          role: 'student',
          method: 'password',
        });
        if (fail) throw new Error('the business transaction fails after publishing');
      });
    await assert.rejects(publish(rolledBack, true), /fails after publishing/);
    await publish(committed, false);
    await lectern.queue.settle();
    assert.equal(recorder.find('identity.user.registered', (d) => d.user_id === rolledBack).length, 0);
    assert.equal(recorder.find('identity.user.registered', (d) => d.user_id === committed).length, 1);
  });

  it('retries a handler that fails; the effect of its failed run is rolled back, so it lands once', async () => {
    failuresLeft = 1;
    const userId = await registered(uniqueEmail('events-retry'));
    await eventually(() => flakyEvents.filter((e) => e.data.user_id === userId).length >= 2);
    const event = flakyEvents.find((e) => e.data.user_id === userId)!;
    await lectern.queue.settle();
    assert.equal(runs.get(event.id), 2);
    assert.equal(await effects(event.id), 1);
    // The recorder, another subscriber, was not held up or repeated by the failure.
    assert.equal(recorder.find('identity.user.registered', (d) => d.user_id === userId).length, 1);
  });

  it('retries alone the failing event of a batch; the others of the batch land once', async () => {
    const users = Array.from({ length: 6 }, () => randomUUID());
    failOnceFor.add(users[2]!);
    await publishRegistrations(users);
    await lectern.queue.settle();
    const events = users.map((userId) => flakyEvents.find((e) => e.data.user_id === userId)!);
    assert.ok(events.every(Boolean));
    for (const event of events) assert.equal(await effects(event.id), 1);
    assert.ok(runs.get(events[2]!.id)! >= 2);
    assert.equal(failOnceFor.size, 0);
    for (const userId of users) {
      assert.equal(recorder.find('identity.user.registered', (d) => d.user_id === userId).length, 1);
    }
  });

  it('hands a batch subscriber the fetched events at once; a failing batch is redone event by event', async () => {
    const users = Array.from({ length: 5 }, () => randomUUID());
    failBatchFor.add(users[1]!);
    const callsBefore = batchCalls.length;
    await publishRegistrations(users);
    await lectern.queue.settle();
    const calls = batchCalls.slice(callsBefore);
    // Events have no order.
    const sorted = (ids: string[]) => [...ids].sort();
    assert.deepEqual(sorted(calls[0] ?? []), sorted(users), 'the five events in one call');
    assert.deepEqual(sorted(calls.slice(1).flat()), sorted(users), 'then each again, alone');
    assert.ok(calls.slice(1).every((call) => call.length === 1));
    const { rows } = await sql<{ user_id: string; n: number }>`
      select user_id, count(*)::int as n from test_batch_effects where user_id = any(${users}::uuid[]) group by user_id`.execute(
      lectern.database.db,
    );
    assert.deepEqual(new Map(rows.map((row) => [row.user_id, row.n])), new Map(users.map((userId) => [userId, 1])));
  });

  it('writeAndPublish commits the write and the event together, or neither', async () => {
    const [written, failed, marker] = [randomUUID(), randomUUID(), randomUUID()];
    const publish = (statement: string, userId: string) =>
      lectern.events.writeAndPublish(statement, 'identity.user.registered', {
        user_id: userId,
        role: 'student',
        method: 'password',
      });
    await publish(`insert into test_event_effects (event_id, user_id) values ('${marker}', '${written}')`, written);
    await assert.rejects(
      publish(`insert into test_event_effects (event_id, user_id) values ('${marker}', 'not a uuid')`, failed),
      /uuid/,
    );
    await assert.rejects(
      lectern.database.transaction(() => publish('select 1', failed)),
      /inside a transaction/,
    );
    await lectern.queue.settle();
    assert.equal(await effects(marker), 1);
    assert.equal(recorder.find('identity.user.registered', (d) => d.user_id === written).length, 1);
    assert.equal(flakyEvents.filter((e) => e.data.user_id === written).length, 1);
    assert.equal(recorder.find('identity.user.registered', (d) => d.user_id === failed).length, 0);
  });

  it('does nothing when a job is delivered again after its run committed', async () => {
    const userId = await registered(uniqueEmail('events-again'));
    await lectern.queue.settle();
    const event = flakyEvents.find((e) => e.data.user_id === userId)!;
    assert.equal(runs.get(event.id), 1);
    // The queue hands the same event over twice more (a worker crashed before acknowledging...).
    await lectern.queue.send(subscriberQueue('test-flaky'), event);
    await lectern.queue.send(subscriberQueue('test-flaky'), event);
    await lectern.queue.settle();
    assert.equal(runs.get(event.id), 1);
    assert.equal(await effects(event.id), 1);
  });

  it('carries the client of a sign-in', async () => {
    const user = await createUser(lectern);
    const login = await lectern.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: user.password },
      headers: { 'user-agent': 'EventsTest/1.0' },
      remoteAddress: '203.0.113.7',
    });
    assert.equal(login.statusCode, 200);
    await lectern.queue.settle();
    const logins = recorder.find('identity.login.succeeded', (d) => d.user_id === user.id);
    // createUser signs in once itself (from the default test client); this is the other sign-in.
    assert.equal(logins.length, 2);
    assert.deepEqual(
      logins.map((e) => e.data).find((d) => d.ip !== '127.0.0.1'),
      { user_id: user.id, method: 'password', ip: '203.0.113.7', user_agent: 'EventsTest/1.0' },
    );
  });

  it('refuses subscriptions once the queue has started, and a second handler for one event', () => {
    assert.throws(() => lectern.events.subscribe('test-recorder', 'identity.user.registered', async () => {}));
    assert.throws(
      () => lectern.events.subscribe('too-late', 'identity.account.locked', async () => {}),
      /after the queue started/,
    );
  });

  it('cleans up processed marks older than a month', async () => {
    const now = lectern.clock.now().getTime();
    const old = randomUUID();
    const recent = randomUUID();
    await lectern.database.db
      .insertInto('processed_events')
      .values([
        { subscriber: 'test-cleanup', event_id: old, processed_at: new Date(now - 31 * 86_400_000) },
        { subscriber: 'test-cleanup', event_id: recent, processed_at: new Date(now - 29 * 86_400_000) },
      ])
      .execute();
    await lectern.queue.send('events.cleanup', {});
    await lectern.queue.settle();
    const left = await lectern.database.db
      .selectFrom('processed_events')
      .select('event_id')
      .where('subscriber', '=', 'test-cleanup')
      .execute();
    assert.deepEqual(
      left.map((r) => r.event_id),
      [recent],
    );
  });
});

describe('the events outbox', () => {
  const testQueues = ['test-recorder', 'test-flaky', 'test-batches'].map(subscriberQueue);

  /** Each queue's jobs of this event. */
  async function jobsOf(eventId: string): Promise<Record<string, number>> {
    const { rows } = await sql<{ name: string; n: number }>`
      select name, count(*)::int as n from pgboss.job where data->>'id' = ${eventId} group by name`.execute(
      lectern.database.db,
    );
    return Object.fromEntries(rows.map((row) => [row.name, row.n]));
  }

  it('stores an event once with its subscribers, and relays it into one job per subscriber (or handles it)', async () => {
    const userId = randomUUID();
    const stored = await lectern.database.transaction(async (tx) => {
      await lectern.events.publish(tx, 'identity.user.registered', {
        user_id: userId,
        role: 'student',
        method: 'password',
      });
      // Only this transaction sees its row until it commits.
      const { rows } = await sql<{ queues: string[]; event: DomainEvent }>`
        select queues, event from event_outbox where event->'data'->>'user_id' = ${userId}`.execute(tx);
      return rows;
    });
    assert.equal(stored.length, 1);
    const [{ queues, event }] = stored as [{ queues: string[]; event: DomainEvent }];
    for (const queue of testQueues) assert.ok(queues.includes(queue), `${queue} in ${queues.join(', ')}`);
    assert.equal(new Set(queues).size, queues.length);
    await lectern.queue.settle();
    // One job per subscriber, but for the analytics recorder, which the relay runs itself.
    const analytics = subscriberQueue('analytics');
    assert.ok(queues.includes(analytics));
    const jobs = await jobsOf(event.id);
    assert.deepEqual(Object.keys(jobs).sort(), queues.filter((queue) => queue !== analytics).sort());
    assert.ok(Object.values(jobs).every((n) => n === 1));
    const recorded = await sql<{ n: number }>`
      select count(*)::int as n from analytics_events where payload->>'event_id' = ${event.id}`.execute(
      lectern.database.db,
    );
    assert.equal(recorded.rows[0]!.n, 1);
    const left = await sql<{ n: number }>`select count(*)::int as n from event_outbox`.execute(lectern.database.db);
    assert.equal(left.rows[0]!.n, 0);
    assert.equal(recorder.find('identity.user.registered', (d) => d.user_id === userId).length, 1);
  });

  it('relays an event left in the outbox (a process that stopped before relaying) at its next poll', async () => {
    const userId = randomUUID();
    const event = {
      id: randomUUID(),
      type: 'identity.user.registered',
      occurredAt: lectern.clock.now().toISOString(),
      data: { user_id: userId, role: 'student', method: 'password' },
    };
    await sql`insert into event_outbox (queues, event)
      values (string_to_array(${subscriberQueue('test-recorder')}, ','), ${JSON.stringify(event)}::json)`.execute(
      lectern.database.db,
    );
    // No settle (it relays itself): the poll of this working process finds the row.
    await eventually(() => recorder.find('identity.user.registered', (d) => d.user_id === userId).length > 0);
    assert.deepEqual(await jobsOf(event.id), { [subscriberQueue('test-recorder')]: 1 });
  });

  it('turns each event into its jobs once when relays run side by side', async () => {
    const users = Array.from({ length: 450 }, () => randomUUID());
    const deps = { database: lectern.database, queue: lectern.queue, log: lectern.app.log };
    const relays = [createOutboxRelay(deps), createOutboxRelay(deps)];
    // Both relays (and this process's own) race for the rows from the moment they commit.
    const racing = publishRegistrations(users).then(() =>
      Promise.all(
        relays.map(async (relay) => {
          while (await relay.feed());
        }),
      ),
    );
    await racing;
    await lectern.queue.settle(60_000);
    const { rows } = await sql<{ name: string; jobs: number; events: number }>`
      select name, count(*)::int as jobs, count(distinct data->>'id')::int as events from pgboss.job
      where name = ${subscriberQueue('test-recorder')} and data->'data'->>'user_id' = any(string_to_array(${users.join(',')}, ','))
      group by name`.execute(lectern.database.db);
    assert.deepEqual(rows, [{ name: subscriberQueue('test-recorder'), jobs: users.length, events: users.length }]);
  });
});
