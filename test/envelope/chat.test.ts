// 004's chat service at /v1/chat with the built-in advisor (no model configured): sessions are
// private to their user, messages page with `before`/`has_more`, and every answer grounds on the
// published catalogue — it recommends a matching published course with its true facts, never a
// draft or an archived course, and says what it is.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { BUILTIN_LABEL } from '../../src/modules/assistant/index.ts';
import { startTestApp } from '../helpers/app.ts';
import { createCourse } from '../helpers/catalog.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createCast } from '../helpers/factories.ts';
import { data, failure, v1 } from './helpers.ts';

const lectern = await startTestApp();
const request = v1(lectern);
const { owner, admin, studentA, studentB } = await createCast(lectern);

const guitar = data(
  await request('POST', '/courses', {
    auth: owner,
    payload: {
      name: 'Beginner Guitar Lessons',
      description: 'Learn guitar from scratch: chords, strumming and your first songs',
      price: 50000,
      currency: 'IDR',
      duration_minutes: 60,
      max_students: 10,
      schedule: ['Monday 10:00', 'Wednesday 14:00'],
    },
  }),
  201,
);
data(
  await request('POST', '/courses', {
    auth: owner,
    payload: { name: 'Advanced Piano Techniques', description: 'Master advanced piano playing', price: 100000 },
  }),
  201,
);
// Unpublished guitar courses: a draft and an archived one. The advisor must never show them.
await createCourse(lectern, owner, { title: 'Guitar Masterclass Draft' });
const archived = data(
  await request('POST', '/courses', { auth: owner, payload: { name: 'Archived Guitar Basics', price: 10 } }),
  201,
);
const archive = await lectern.app.inject({
  method: 'POST',
  url: `/api/v1/courses/${archived.id}/status`,
  headers: owner.auth,
  payload: { status: 'archived' },
});
assert.equal(archive.statusCode, 200, archive.body);

async function newSession(user: TestUser, title?: string): Promise<string> {
  return data(await request('POST', '/chat/sessions', { auth: user, ...(title ? { payload: { title } } : {}) }), 201)
    .session_id;
}
const ask = async (user: TestUser, session: string, content: string) =>
  data(await request('POST', `/chat/sessions/${session}/messages`, { auth: user, payload: { content } }), 201);

describe('POST /v1/chat/sessions', () => {
  it('creates a session with or without a title, for any signed-in user', async () => {
    const titled = data(
      await request('POST', '/chat/sessions', { auth: studentA, payload: { title: 'Questions about guitar lessons' } }),
      201,
    );
    assert.deepEqual(Object.keys(titled).sort(), ['created_at', 'session_id', 'title', 'user_id']);
    assert.equal(titled.title, 'Questions about guitar lessons');
    assert.equal(titled.user_id, studentA.id);
    const untitled = data(await request('POST', '/chat/sessions', { auth: owner }), 201);
    assert.equal(untitled.title, null);
    assert.equal(data(await request('POST', '/chat/sessions', { auth: admin, payload: {} }), 201).title, null);
    failure(await request('POST', '/chat/sessions'), 401, 'UNAUTHORIZED');
    const long = failure(
      await request('POST', '/chat/sessions', { auth: studentA, payload: { title: 'x'.repeat(201) } }),
      400,
      'VALIDATION_ERROR',
    );
    assert.deepEqual(
      long.details?.map((detail) => detail.field),
      ['title'],
    );
  });
});

describe('the built-in advisor', () => {
  it('recommends the matching published course with its true facts, labelled, never a draft', async () => {
    const session = await newSession(studentA);
    const exchange = await ask(studentA, session, 'What are the best guitar lessons for beginners?');
    assert.deepEqual(Object.keys(exchange).sort(), ['assistant_message', 'user_message']);
    assert.deepEqual(Object.keys(exchange.user_message).sort(), ['content', 'created_at', 'id', 'role']);
    assert.equal(exchange.user_message.role, 'user');
    assert.equal(exchange.user_message.content, 'What are the best guitar lessons for beginners?');
    const answer = exchange.assistant_message;
    assert.equal(answer.role, 'assistant');
    assert.ok(answer.content.startsWith(BUILTIN_LABEL), answer.content);
    assert.match(answer.content, /1\. Beginner Guitar Lessons — beginner level; 50,000 IDR; 60 minutes per session/);
    assert.match(answer.content, /schedule: Monday 10:00, Wednesday 14:00; 10 of 10 seats left; taught by Test User/);
    assert.doesNotMatch(answer.content, /Masterclass|Archived|Piano/);
  });

  it('keeps seats true: enrolments made elsewhere count', async () => {
    const grant = await lectern.app.inject({
      method: 'POST',
      url: `/api/v1/courses/${guitar.id}/enrollments/grant`,
      headers: owner.auth,
      payload: { user_id: studentB.id },
    });
    assert.equal(grant.statusCode, 201, grant.body);
    const session = await newSession(studentB);
    const answer = (await ask(studentB, session, 'guitar')).assistant_message.content;
    assert.match(answer, /Beginner Guitar Lessons — .*9 of 10 seats left/);
  });

  it('answers a follow-up about the courses it recommended', async () => {
    const session = await newSession(studentA);
    await ask(studentA, session, 'Any piano course?');
    const followUp = (await ask(studentA, session, 'How much does it cost?')).assistant_message.content;
    assert.match(followUp, /the courses we talked about/);
    assert.match(followUp, /Advanced Piano Techniques — .*100,000 USD/);
    assert.doesNotMatch(followUp, /Guitar/);
  });

  it('says when nothing matches, and only offers published courses to browse', async () => {
    const session = await newSession(studentA);
    const answer = (await ask(studentA, session, 'Do you teach underwater basket weaving?')).assistant_message.content;
    assert.match(answer, /I found no published course matching "underwater basket weaving"/);
    assert.doesNotMatch(answer, /Masterclass|Archived/);
    const general = (await ask(studentA, await newSession(studentA), 'What do you offer?')).assistant_message.content;
    assert.match(general, /Here are some of our published courses:/);
    assert.match(general, /Beginner Guitar Lessons/);
    assert.match(general, /Advanced Piano Techniques/);
    assert.doesNotMatch(general, /Masterclass|Archived/);
  });
});

describe('GET /v1/chat/sessions/:id/messages', () => {
  it('pages the most recent messages oldest first, with before and has_more', async () => {
    const session = await newSession(studentA, 'Paging');
    const sent = [];
    for (const question of ['guitar?', 'piano?', 'schedule?']) sent.push(await ask(studentA, session, question));
    const ids = sent.flatMap((exchange) => [exchange.user_message.id, exchange.assistant_message.id]);

    const all = data(await request('GET', `/chat/sessions/${session}/messages`, { auth: studentA }));
    assert.deepEqual(Object.keys(all).sort(), ['has_more', 'messages', 'session_id']);
    assert.equal(all.session_id, session);
    assert.deepEqual(
      all.messages.map((message: { id: string }) => message.id),
      ids,
    );
    assert.deepEqual(
      all.messages.map((message: { role: string }) => message.role),
      ['user', 'assistant', 'user', 'assistant', 'user', 'assistant'],
    );
    assert.equal(all.has_more, false);

    const recent = data(await request('GET', `/chat/sessions/${session}/messages?limit=4`, { auth: studentA }));
    assert.deepEqual(
      recent.messages.map((message: { id: string }) => message.id),
      ids.slice(2),
    );
    assert.equal(recent.has_more, true);
    const older = data(
      await request('GET', `/chat/sessions/${session}/messages?limit=4&before=${ids[2]}`, { auth: studentA }),
    );
    assert.deepEqual(
      older.messages.map((message: { id: string }) => message.id),
      ids.slice(0, 2),
    );
    assert.equal(older.has_more, false);

    const unknown = failure(
      await request('GET', `/chat/sessions/${session}/messages?before=00000000-0000-4000-8000-000000000000`, {
        auth: studentA,
      }),
      400,
      'VALIDATION_ERROR',
    );
    assert.deepEqual(
      unknown.details?.map((detail) => detail.field),
      ['before'],
    );
    failure(
      await request('GET', `/chat/sessions/${session}/messages?limit=101`, { auth: studentA }),
      400,
      'VALIDATION_ERROR',
    );
  });
});

describe('sessions are private', () => {
  it('answers 404 SESSION_NOT_FOUND to anyone but the owner, admins included; 401 without a token', async () => {
    const session = await newSession(studentA, 'Mine');
    await ask(studentA, session, 'guitar?');
    for (const user of [studentB, owner, admin]) {
      failure(await request('GET', `/chat/sessions/${session}/messages`, { auth: user }), 404, 'SESSION_NOT_FOUND');
      failure(
        await request('POST', `/chat/sessions/${session}/messages`, { auth: user, payload: { content: 'hi' } }),
        404,
        'SESSION_NOT_FOUND',
      );
    }
    failure(await request('GET', `/chat/sessions/${session}/messages`), 401, 'UNAUTHORIZED');
    failure(
      await request('POST', `/chat/sessions/${session}/messages`, { payload: { content: 'hi' } }),
      401,
      'UNAUTHORIZED',
    );
    failure(
      await request('GET', '/chat/sessions/00000000-0000-4000-8000-000000000000/messages', { auth: studentA }),
      404,
      'SESSION_NOT_FOUND',
    );
    failure(await request('GET', '/chat/sessions/session-1/messages', { auth: studentA }), 400, 'VALIDATION_ERROR');
    // Nothing was added by the refused requests.
    assert.equal(
      data(await request('GET', `/chat/sessions/${session}/messages`, { auth: studentA })).messages.length,
      2,
    );
  });
});

describe('POST /v1/chat/sessions/:id/messages input', () => {
  it('refuses empty, blank, missing and oversized content with 400, storing nothing', async () => {
    const session = await newSession(studentA);
    for (const payload of [{ content: '' }, { content: '   \n ' }, {}, { content: 'x'.repeat(4001) }]) {
      const error = failure(
        await request('POST', `/chat/sessions/${session}/messages`, { auth: studentA, payload }),
        400,
        'VALIDATION_ERROR',
      );
      assert.deepEqual(
        error.details?.map((detail) => detail.field),
        ['content'],
        JSON.stringify(payload),
      );
    }
    assert.deepEqual(data(await request('GET', `/chat/sessions/${session}/messages`, { auth: studentA })).messages, []);
  });
});
