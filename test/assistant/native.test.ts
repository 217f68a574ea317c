// The advisor's native endpoints at /api/v1/assistant (built-in advisor: no model configured):
// session management private to its user, the same sessions as 004's /v1/chat, answers streamed
// as Server-Sent Events, the per-user daily quota, and the event each stored answer publishes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { AssistantMessageAnswered } from '../../src/modules/assistant/index.ts';
import { BUILTIN_LABEL } from '../../src/modules/assistant/index.ts';
import { data, failure, v1 } from '../envelope/helpers.ts';
import { startTestApp } from '../helpers/app.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createCast, logIn } from '../helpers/factories.ts';

const answered: AssistantMessageAnswered[] = [];
const lectern = await startTestApp(
  { ASSISTANT_DAILY_MESSAGES: '4' },
  {
    beforeStart: ({ events }) =>
      events.subscribe('assistant-test', 'assistant.message.answered', async (event) => {
        answered.push(event.data);
      }),
  },
);
const { owner, admin, studentA, studentB } = await createCast(lectern);
const guitar = data(
  await v1(lectern)('POST', '/courses', {
    auth: owner,
    payload: { name: 'Beginner Guitar Lessons', description: 'Learn guitar from scratch', price: 50000 },
  }),
  201,
);

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const call = (user: TestUser | undefined, method: Method, url: string, payload?: object) =>
  lectern.app.inject({
    method,
    url: `/api/v1/assistant${url}`,
    headers: user?.auth ?? {},
    ...(payload ? { payload } : {}),
  });
const SESSION_KEYS = ['created_at', 'id', 'last_message_at', 'message_count', 'title', 'updated_at'];

describe('native sessions', () => {
  it('creates, lists, reads, renames and deletes my sessions', async () => {
    const created = await call(studentA, 'POST', '/sessions', { title: 'Guitar plans' });
    assert.equal(created.statusCode, 201);
    const session = created.json();
    assert.deepEqual(Object.keys(session).sort(), SESSION_KEYS);
    assert.equal(created.headers.location, `/api/v1/assistant/sessions/${session.id}`);
    assert.equal(session.message_count, 0);
    const untitled = (await call(studentA, 'POST', '/sessions')).json();
    lectern.clock.advance(1000);

    // A first question names an untitled session; it also moves it to the top of the list.
    const asked = await call(studentA, 'POST', `/sessions/${untitled.id}/messages`, {
      content: 'Which guitar course should I take first?',
    });
    assert.equal(asked.statusCode, 201, asked.body);
    const read = (await call(studentA, 'GET', `/sessions/${untitled.id}`)).json();
    assert.equal(read.title, 'Which guitar course should I take first?');
    assert.equal(read.message_count, 2);
    const list = (await call(studentA, 'GET', '/sessions?page_size=10')).json();
    assert.equal(list.total, 2);
    assert.deepEqual(
      list.items.map((item: { id: string }) => item.id),
      [untitled.id, session.id],
    );
    // Other users see none of them.
    assert.equal((await call(studentB, 'GET', '/sessions')).json().total, 0);

    const renamed = await call(studentA, 'PATCH', `/sessions/${session.id}`, { title: 'Renamed' });
    assert.equal(renamed.json().title, 'Renamed');
    assert.equal((await call(studentA, 'DELETE', `/sessions/${session.id}`)).statusCode, 204);
    assert.equal((await call(studentA, 'GET', `/sessions/${session.id}`)).statusCode, 404);
  });

  it('keeps sessions private: 404 for other users and admins, 401 without a token', async () => {
    const session = (await call(studentA, 'POST', '/sessions', { title: 'Private' })).json();
    await call(studentA, 'POST', `/sessions/${session.id}/messages`, { content: 'guitar' });
    for (const user of [studentB, owner, admin]) {
      for (const [method, url, payload] of [
        ['GET', `/sessions/${session.id}`],
        ['PATCH', `/sessions/${session.id}`, { title: 'Mine now' }],
        ['DELETE', `/sessions/${session.id}`],
        ['GET', `/sessions/${session.id}/messages`],
        ['POST', `/sessions/${session.id}/messages`, { content: 'hi' }],
        ['POST', `/sessions/${session.id}/messages/stream`, { content: 'hi' }],
      ] as const) {
        const response = await call(user, method, url, payload);
        assert.equal(response.statusCode, 404, `${user.role} ${method} ${url}`);
        assert.deepEqual(Object.keys(response.json()), ['detail']);
      }
    }
    for (const url of ['/sessions', `/sessions/${session.id}`, `/sessions/${session.id}/messages`]) {
      assert.equal((await call(undefined, 'GET', url)).statusCode, 401);
    }
    const own = (await call(studentA, 'GET', `/sessions/${session.id}`)).json();
    assert.equal(own.title, 'Private');
    assert.equal(own.message_count, 2);
  });

  it('shares sessions with 004: a /v1 session reads here with who answered', async () => {
    const request = v1(lectern);
    const id = data(await request('POST', '/chat/sessions', { auth: studentB }), 201).session_id;
    data(
      await request('POST', `/chat/sessions/${id}/messages`, { auth: studentB, payload: { content: 'guitar' } }),
      201,
    );
    const page = (await call(studentB, 'GET', `/sessions/${id}/messages`)).json();
    assert.equal(page.has_more, false);
    assert.deepEqual(
      page.items.map((message: { role: string; provider: string | null }) => [message.role, message.provider]),
      [
        ['user', null],
        ['assistant', 'builtin'],
      ],
    );
    assert.deepEqual(page.items[1].course_ids, [guitar.id]);
    assert.deepEqual((await call(studentB, 'GET', '')).json(), {
      provider: 'builtin',
      model: null,
      daily_message_quota: 4,
    });
  });
});

describe('streaming with the built-in advisor', () => {
  it('streams the labelled answer as deltas, then the stored message', async () => {
    const session = (await call(studentB, 'POST', '/sessions')).json();
    const response = await call(studentB, 'POST', `/sessions/${session.id}/messages/stream`, {
      content: 'guitar for beginners',
    });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/event-stream/);
    const events = response.body
      .split('\n\n')
      .filter(Boolean)
      .map((block) => ({
        event: /^event: (.+)$/m.exec(block)![1],
        payload: JSON.parse(/^data: (.+)$/m.exec(block)![1]!),
      }));
    assert.equal(events[0]!.event, 'user_message');
    const final = events.at(-1)!;
    assert.equal(final.event, 'assistant_message');
    assert.ok(final.payload.content.startsWith(BUILTIN_LABEL));
    assert.match(final.payload.content, /Beginner Guitar Lessons/);
    const text = events
      .filter((event) => event.event === 'delta')
      .map((event) => event.payload.content)
      .join('');
    assert.equal(text, final.payload.content);
    // Checks before the stream opens answer as plain errors.
    const empty = await call(studentB, 'POST', `/sessions/${session.id}/messages/stream`, { content: '  ' });
    assert.equal(empty.statusCode, 422);
  });
});

describe('events', () => {
  it('publishes assistant.message.answered for each stored answer', async () => {
    await lectern.queue.settle();
    const session = (await call(admin, 'POST', '/sessions')).json();
    const asked = (await call(admin, 'POST', `/sessions/${session.id}/messages`, { content: 'guitar' })).json();
    await lectern.queue.settle();
    const event = answered.find((item) => item.message_id === asked.assistant_message.id);
    assert.ok(event);
    assert.equal(event.session_id, session.id);
    assert.equal(event.user_id, admin.id);
    assert.equal(event.provider, 'builtin');
    assert.deepEqual(event.course_ids, [guitar.id]);
  });
});

describe('the daily quota', () => {
  it('refuses a user’s fifth message of 24 hours with 429 and retry_after, until the window moves', async () => {
    const request = v1(lectern);
    const user = (await createCast(lectern)).studentA;
    const id = data(await request('POST', '/chat/sessions', { auth: user }), 201).session_id;
    for (let i = 0; i < 4; i++) {
      data(await request('POST', `/chat/sessions/${id}/messages`, { auth: user, payload: { content: `q${i}` } }), 201);
      lectern.clock.advance(60_000);
    }
    const refused = await request('POST', `/chat/sessions/${id}/messages`, { auth: user, payload: { content: 'q5' } });
    const error = failure(refused, 429, 'RATE_LIMIT_EXCEEDED');
    assert.match(error.message, /Daily limit of 4 assistant messages reached/);
    // The oldest of the four leaves the 24-hour window 24 h after it was sent: 4 minutes ago.
    assert.equal(error.retry_after, 86_400 - 240);
    assert.equal(refused.headers['retry-after'], String(86_400 - 240));
    // Another user is not affected; after the window the user may ask again.
    const other = data(await request('POST', '/chat/sessions', { auth: studentB }), 201).session_id;
    data(
      await request('POST', `/chat/sessions/${other}/messages`, { auth: studentB, payload: { content: 'hi' } }),
      201,
    );
    lectern.clock.advance(86_400_000 - 240_000 + 1000);
    // (A day later the access token has expired: sign in again.)
    const again = { authorization: `Bearer ${(await logIn(lectern.app, user.email, user.password)).access_token}` };
    data(await request('POST', `/chat/sessions/${id}/messages`, { auth: again, payload: { content: 'q5' } }), 201);
    assert.equal(data(await request('GET', `/chat/sessions/${id}/messages`, { auth: again })).messages.length, 10);
  });
});
