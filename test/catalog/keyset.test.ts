// Keyset paging of GET /api/v1/courses (`cursor` in, `next_cursor` out, an extension of 001):
// pages chain without duplicates or gaps while courses are added, in every sort, and a Link
// header points to the next page.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createUser } from '../helpers/factories.ts';

const lectern = await startTestApp();
const [instructor, student] = await Promise.all([
  createUser(lectern, { role: 'instructor' }),
  createUser(lectern, { role: 'student' }),
]);
const tag = `keyset-${randomBytes(4).toString('hex')}`;

const api = (method: 'GET' | 'POST', url: string, user: TestUser, payload?: object) =>
  lectern.app.inject({ method, url: `/api/v1${url}`, headers: user.auth, ...(payload ? { payload } : {}) });

/** A course with the test's tag, published (with a lesson) unless `draft`. */
async function course(title: string, options: { price?: string; draft?: boolean } = {}): Promise<string> {
  const created = await api('POST', '/courses', instructor, {
    title,
    description: 'Strumming patterns for keyset paging',
    tags: [tag],
    ...(options.price ? { price: options.price } : {}),
  });
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id as string;
  if (options.draft) return id;
  await api('POST', `/courses/${id}/lessons`, instructor, { title: 'Lesson one' });
  const published = await api('POST', `/courses/${id}/publish`, instructor);
  assert.equal(published.statusCode, 200, published.body);
  return id;
}

interface Page {
  items: { id: string; title: string }[];
  total: number;
  next_cursor: string | null;
}

async function page(query: string, user: TestUser, cursor?: string) {
  const url = `/courses?tag=${tag}&${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
  const response = await api('GET', url, user);
  assert.equal(response.statusCode, 200, response.body);
  return { body: response.json() as Page, link: response.headers['link'] as string | undefined };
}

/** Every page from the first, running `between` after the first page (concurrently with the second). */
async function chain(query: string, user: TestUser, between: () => Promise<unknown> = async () => undefined) {
  const first = await page(query, user);
  const ids = first.body.items.map((item) => item.id);
  let cursor = first.body.next_cursor;
  let pending: Promise<unknown> | undefined = between();
  while (cursor) {
    const [next]: [Awaited<ReturnType<typeof page>>, unknown] = await Promise.all([page(query, user, cursor), pending]);
    pending = undefined;
    ids.push(...next.body.items.map((item) => item.id));
    if (next.body.next_cursor) assert.match(next.link ?? '', /rel="next"/);
    else assert.equal(next.link, undefined);
    cursor = next.body.next_cursor;
  }
  await pending;
  return ids;
}

const titles = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel', 'India', 'Juliet', 'Kilo'];
const prices = ['10', '20', '20', '30', '5', '5', '40', '15', '20', '0', '25'];
const ids: string[] = [];
for (const [i, title] of titles.entries()) ids.push(await course(`Keyset ${title}`, { price: prices[i]! }));
const draft = await course('Keyset Lima draft', { draft: true });

describe('keyset paging of the course list', () => {
  test('newest first: a course added meanwhile is not shown twice and nothing is skipped', async () => {
    const before = (await page('page_size=100', student)).body.items.map((item) => item.id);
    assert.deepEqual(new Set(before), new Set(ids));
    let added = '';
    const seen = await chain('page_size=4', student, async () => (added = await course('Keyset Mike added')));
    // The test clock stands still, so every course shares one created_at and the id breaks the tie:
    // the added course may sort after the cursor (then it shows up once) or before it (not at all).
    assert.deepEqual(
      seen.filter((id) => id !== added),
      before,
    );
    assert.ok(seen.filter((id) => id === added).length <= 1);
  });

  test('by title: a course added after the cursor shows up once, one added before it does not', async () => {
    const before = (await page('sort=title&page_size=100', student)).body.items.map((item) => item.title);
    let added: string[] = [];
    const seen = await chain('sort=title&page_size=3', student, async () => {
      added = [await course('Keyset Aardvark'), await course('Keyset Zulu')];
    });
    const titlesSeen = (await Promise.all(seen.map((id) => api('GET', `/courses/${id}`, student)))).map(
      (response) => response.json().title as string,
    );
    assert.deepEqual(titlesSeen, [...before, 'Keyset Zulu']);
    assert.equal(new Set(seen).size, seen.length);
    assert.ok(seen.includes(added[1]!) && !seen.includes(added[0]!));
  });

  test('by price (ties broken by date and id) and by relevance: the chain equals the one-page list', async () => {
    for (const query of ['sort=price', 'sort=price_desc', 'q=strumming', 'sort=oldest']) {
      const all = (await page(`${query}&page_size=100`, student)).body.items.map((item) => item.id);
      assert.deepEqual(await chain(`${query}&page_size=2`, student), all, query);
    }
  });

  test("the staff's own drafts page with the published courses", async () => {
    const all = (await page('page_size=100', instructor)).body;
    assert.ok(all.items.some((item) => item.id === draft));
    assert.deepEqual(
      await chain('page_size=5', instructor),
      all.items.map((item) => item.id),
    );
    const first = await page('page_size=5', instructor);
    assert.equal(first.body.total, all.total);
    const second = await page('page_size=5', instructor, first.body.next_cursor!);
    assert.equal(second.body.total, all.total, 'the total counts every match, not those after the cursor');
  });

  test('a cursor from another sort, or forged, is refused with 422', async () => {
    const first = await page('page_size=2', student);
    for (const cursor of [
      first.body.next_cursor!,
      'not-a-cursor',
      Buffer.from('["newest",1,2]').toString('base64url'),
    ]) {
      const response = await api('GET', `/courses?tag=${tag}&sort=title&cursor=${encodeURIComponent(cursor)}`, student);
      assert.equal(response.statusCode, 422, response.body);
    }
  });
});
