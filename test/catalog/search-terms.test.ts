// A one-word search by relevance reads the term table (migration 0176) instead of ranking every
// match: it must answer exactly what the search vector's path answers. `q="word"` is the same
// tsquery but takes the general path (quotes are not a plain word), so both are compared through
// HTTP after each kind of change the triggers follow: publish, unpublish, level, title, lessons,
// deletion. The term path's total comes from counters (migration 0178), so the totals are compared too.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { describe, test } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createUser } from '../helpers/factories.ts';

const lectern = await startTestApp();
const [instructor, student] = await Promise.all([
  createUser(lectern, { role: 'instructor', fullName: 'Terry Terms' }),
  createUser(lectern, { role: 'student' }),
]);
// A made-up word of letters only, so only this file's courses match it.
const word = `zq${Array.from({ length: 8 }, () => String.fromCharCode(97 + randomInt(26))).join('')}`;

const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, user: TestUser, payload?: object) =>
  lectern.app.inject({ method, url: `/api/v1${url}`, headers: user.auth, ...(payload ? { payload } : {}) });

async function course(title: string, description: string, level: string, publish = true): Promise<string> {
  const created = await api('POST', '/courses', instructor, { title, description, difficulty_level: level });
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id as string;
  await api('POST', `/courses/${id}/lessons`, instructor, { title: 'Lesson one' });
  if (publish) assert.equal((await api('POST', `/courses/${id}/publish`, instructor)).statusCode, 200);
  return id;
}

interface Page {
  items: { id: string; instructor_name: string }[];
  total: number;
  next_cursor: string | null;
}

async function list(query: string, user: TestUser): Promise<Page> {
  const response = await api('GET', `/courses?${query}`, user);
  assert.equal(response.statusCode, 200, response.body);
  return response.json() as Page;
}

/** The term path (`q=word`) and the general path (`q="word"`) give the same ids, order and total. */
async function samePaths(user: TestUser, extra = ''): Promise<Page> {
  const terms = await list(`q=${word}&page_size=100${extra}`, user);
  const general = await list(`q=${encodeURIComponent(`"${word}"`)}&page_size=100${extra}`, user);
  assert.deepEqual(
    terms.items.map((item) => item.id),
    general.items.map((item) => item.id),
  );
  assert.equal(terms.total, general.total);
  return terms;
}

const inTitle = await course(`${word} in the title`, 'Nothing else', 'beginner');
const inTitleTwice = await course(`${word} ${word} twice`, `And ${word} below`, 'intermediate');
const inDescription = await course('Plain title', `About ${word} and more`, 'beginner');
const draft = await course(`${word} draft`, 'Not yet', 'beginner', false);

describe('one-word search from the term table', () => {
  test('ranks, filters and counts as the search vector does; owner names come with the page', async () => {
    const page = await samePaths(student);
    assert.deepEqual(new Set(page.items.map((item) => item.id)), new Set([inTitle, inTitleTwice, inDescription]));
    assert.equal(page.items.at(-1)!.id, inDescription, 'a description match ranks below title matches');
    assert.ok(page.items.every((item) => item.instructor_name === 'Terry Terms'));
    const beginners = await samePaths(student, '&difficulty_level=beginner');
    assert.deepEqual(beginners.items.map((item) => item.id).sort(), [inTitle, inDescription].sort());
  });

  test("the owner's draft joins the published matches", async () => {
    const page = await samePaths(instructor);
    assert.ok(page.items.some((item) => item.id === draft));
    assert.equal(page.total, 4);
  });

  test('follows publishing, unpublishing, level, title and lesson changes', async () => {
    assert.equal((await api('POST', `/courses/${draft}/publish`, instructor)).statusCode, 200);
    assert.ok((await samePaths(student)).items.some((item) => item.id === draft));

    const unpublish = await api('POST', `/courses/${inTitle}/status`, instructor, { status: 'draft' });
    assert.equal(unpublish.statusCode, 200, unpublish.body);
    assert.ok(!(await samePaths(student)).items.some((item) => item.id === inTitle));

    await api('PATCH', `/courses/${inTitleTwice}`, instructor, { difficulty_level: 'beginner' });
    assert.ok((await samePaths(student, '&difficulty_level=beginner')).items.some((i) => i.id === inTitleTwice));

    await api('PATCH', `/courses/${draft}`, instructor, { title: 'Renamed' });
    assert.ok(!(await samePaths(student)).items.some((item) => item.id === draft));

    await api('POST', `/courses/${inDescription}/lessons`, instructor, { title: `More ${word}` });
    const page = await samePaths(student);
    assert.deepEqual(new Set(page.items.map((item) => item.id)), new Set([inTitleTwice, inDescription]));
  });

  test('keyset pages chain to the one-page list', async () => {
    await course(`${word} extra one`, '', 'expert');
    await course(`${word} extra two`, word, 'expert');
    const all = await samePaths(student);
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await list(`q=${word}&page_size=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, student);
      seen.push(...page.items.map((item) => item.id));
      assert.equal(page.total, all.total);
      cursor = page.next_cursor;
    }
    assert.deepEqual(
      seen,
      all.items.map((item) => item.id),
    );
  });

  test('a deleted course leaves the matches and the totals, at every level', async () => {
    const before = await samePaths(student, '&difficulty_level=expert');
    const doomed = await course(`${word} short lived`, '', 'expert');
    assert.equal((await samePaths(student, '&difficulty_level=expert')).total, before.total + 1);
    const removed = await api('DELETE', `/courses/${doomed}`, instructor);
    assert.equal(removed.statusCode, 204, removed.body);
    const after = await samePaths(student, '&difficulty_level=expert');
    assert.equal(after.total, before.total);
    assert.ok(!after.items.some((item) => item.id === doomed));
  });
});
