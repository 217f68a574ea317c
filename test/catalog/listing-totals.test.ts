// The course list's exact totals for published courses (all, or at one level) come from counters
// kept by triggers (migrations 0177, 0195): after every kind of change they equal a count of the
// rows, and creating a draft leaves the counters alone (no queue behind other creators).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { sql } from 'kysely';
import pg from 'pg';

import { startTestApp } from '../helpers/app.ts';
import { apiV1 } from '../helpers/catalog.ts';
import { createUser } from '../helpers/factories.ts';

const lectern = await startTestApp();
const [instructor, student] = await Promise.all([
  createUser(lectern, { role: 'instructor' }),
  createUser(lectern, { role: 'student' }),
]);

const api = apiV1(lectern);

async function course(level: string, publish: boolean): Promise<string> {
  const created = await api('POST', '/courses', instructor, { title: `Totals ${level}`, difficulty_level: level });
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id as string;
  await api('POST', `/courses/${id}/lessons`, instructor, { title: 'Lesson one' });
  if (publish) assert.equal((await api('POST', `/courses/${id}/publish`, instructor)).statusCode, 200);
  return id;
}

/** Totals anonymous callers and students see, all levels and each level, against counted rows. */
async function totalsMatchRows(): Promise<void> {
  const { rows } = await sql<{ level: string; n: number }>`
    select level, count(*)::int as n from courses where status = 'published' group by level`.execute(
    lectern.database.db,
  );
  const counted = new Map(rows.map((row) => [row.level, row.n]));
  const all = [...counted.values()].reduce((sum, n) => sum + n, 0);
  for (const user of [undefined, student]) {
    const listed = await api('GET', '/courses?page_size=1', user);
    assert.equal(listed.statusCode, 200, listed.body);
    assert.equal(listed.json().total, all);
    for (const level of ['beginner', 'intermediate', 'advanced', 'expert']) {
      const atLevel = await api('GET', `/courses?page_size=1&difficulty_level=${level}`, user);
      assert.equal(atLevel.json().total, counted.get(level) ?? 0, level);
    }
  }
}

describe('exact totals of the published listing', () => {
  test('follow creating, publishing, level changes, unpublishing and deleting', async () => {
    await totalsMatchRows();
    const a = await course('beginner', true);
    const b = await course('advanced', true);
    await course('advanced', false);
    await totalsMatchRows();
    assert.equal((await api('PATCH', `/courses/${b}`, instructor, { difficulty_level: 'expert' })).statusCode, 200);
    await totalsMatchRows();
    assert.equal((await api('POST', `/courses/${a}/status`, instructor, { status: 'draft' })).statusCode, 200);
    await totalsMatchRows();
    const deleted = await api('DELETE', `/courses/${b}`, instructor);
    assert.ok(deleted.statusCode < 300, deleted.body);
    await totalsMatchRows();
  });

  test('a page past the end still reports the total', async () => {
    const far = await api('GET', '/courses?page=50&page_size=20&difficulty_level=beginner', student);
    assert.equal(far.statusCode, 200, far.body);
    assert.equal(far.json().items.length, 0);
    await totalsMatchRows();
  });

  test('a draft being created holds no counter row', { skip: lectern.database.kind !== 'postgres' }, async () => {
    const creator = new pg.Client({ connectionString: lectern.database.url });
    const other = new pg.Client({ connectionString: lectern.database.url });
    await Promise.all([creator.connect(), other.connect()]);
    try {
      await creator.query('begin');
      await creator.query(
        `insert into courses (owner_id, title, slug, level, status) values ($1, 'Open draft', 'open-draft', 'beginner', 'draft')`,
        [instructor.id],
      );
      // Any counter row the open transaction had written would be locked: NOWAIT fails at once.
      const locked = await other.query('select status from course_counts for update nowait');
      assert.ok(locked.rows.every((row) => row.status === 'published'));
      await creator.query('rollback');
    } finally {
      await Promise.all([creator.end(), other.end()]);
    }
  });
});
