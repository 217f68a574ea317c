// catalog.canReadLesson is what the files module asks before showing a lesson's media. A missing
// lesson is "no"; a database failure must not become "no" (it used to, and hid outages as 404s).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { DatabaseConnection, Driver, QueryResult } from 'kysely';
import { Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';

import { createCatalogModule } from '../../src/modules/catalog/index.ts';
import { systemClock } from '../../src/platform/clock.ts';
import type { Database, DatabaseHandle } from '../../src/platform/db/index.ts';

/** A catalog over a database whose every query answers with `answer` (or throws it). */
function catalogOver(answer: () => QueryResult<unknown>) {
  const connection: DatabaseConnection = {
    executeQuery: async <R>() => answer() as QueryResult<R>,
    streamQuery: () => {
      throw new Error('not used');
    },
  };
  const driver: Driver = {
    init: async () => undefined,
    acquireConnection: async () => connection,
    beginTransaction: async () => undefined,
    commitTransaction: async () => undefined,
    rollbackTransaction: async () => undefined,
    releaseConnection: async () => undefined,
    destroy: async () => undefined,
  };
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => driver,
      createIntrospector: (kysely) => new PostgresIntrospector(kysely),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  const unused = () => {
    throw new Error('not used');
  };
  return createCatalogModule({
    database: { db } as DatabaseHandle,
    clock: systemClock,
    events: { publish: unused },
    identity: { getUserSummaries: unused, searchUserSummaries: unused },
    learning: { isEnrolled: unused, listEnrolledCourseIds: unused },
    files: { getFileForActor: unused, listLessonsMedia: unused },
  });
}

const lessonId = '3f2b8c1e-9d4a-4b6f-8e2a-1c3d5e7f9a0b';

describe('catalog.canReadLesson', () => {
  it('answers false for a lesson that does not exist', async () => {
    const catalog = catalogOver(() => ({ rows: [] }));
    assert.equal(await catalog.canReadLesson(null, lessonId), false);
  });

  it('lets a database failure propagate instead of answering false', async () => {
    const catalog = catalogOver(() => {
      throw new Error('connection terminated unexpectedly');
    });
    await assert.rejects(catalog.canReadLesson(null, lessonId), /connection terminated unexpectedly/);
  });
});
