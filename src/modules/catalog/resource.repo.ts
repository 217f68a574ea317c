// Every SQL statement about lesson resources.
import './catalog.tables.ts';

import { sql } from 'kysely';

import type { Executor } from '../../platform/db/index.ts';
import type { LessonResourceRow, ResourceKind } from './catalog.tables.ts';

export const resourceRepo = {
  listByLesson(db: Executor, lessonId: string): Promise<LessonResourceRow[]> {
    return db
      .selectFrom('lesson_resources')
      .selectAll()
      .where('lesson_id', '=', lessonId)
      .orderBy('position')
      .orderBy('created_at')
      .execute();
  },

  findById(db: Executor, id: string): Promise<LessonResourceRow | undefined> {
    return db.selectFrom('lesson_resources').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async insert(
    db: Executor,
    resource: {
      lesson_id: string;
      kind: ResourceKind;
      title: string;
      url: string | null;
      file_id: string | null;
      content_type: string | null;
      size_bytes: number | null;
      created_at: Date;
    },
  ): Promise<LessonResourceRow> {
    const next = await db
      .selectFrom('lesson_resources')
      .select(sql<number>`coalesce(max(position), 0)::int + 1`.as('n'))
      .where('lesson_id', '=', resource.lesson_id)
      .executeTakeFirstOrThrow();
    return db
      .insertInto('lesson_resources')
      .values({ ...resource, position: next.n })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  async delete(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('lesson_resources').where('id', '=', id).execute();
  },
};
