// Every SQL statement about bookmarks and notes: the same shape, one text column apart.
import './learning.tables.ts';

import type { Executor } from '../../platform/db/index.ts';
import type { PageRequest } from '../../platform/paging.ts';
import type { Bookmark, Note } from './learning.types.ts';

export type AnnotationKind = 'bookmarks' | 'notes';
type Shape<K extends AnnotationKind> = K extends 'bookmarks' ? Bookmark : Note;
type TextOf<K extends AnnotationKind> = K extends 'bookmarks' ? { title: string } : { content: string };

const COLUMNS = ['id', 'enrollment_id', 'lesson_id', 'timestamp_seconds', 'created_at', 'updated_at'] as const;

export function annotationRepo<K extends AnnotationKind>(table: K) {
  const text = (table === 'bookmarks' ? 'title' : 'content') as 'title';
  // Both tables share every column but the text one; Kysely is told about `bookmarks` only.
  const t = table as 'bookmarks';
  return {
    async insert(
      db: Executor,
      values: { enrollment_id: string; user_id: string; lesson_id: string; timestamp_seconds: number } & TextOf<K>,
      now: Date,
    ): Promise<Shape<K>> {
      const row = await db
        .insertInto(t)
        .values({
          ...(values as unknown as {
            enrollment_id: string;
            user_id: string;
            lesson_id: string;
            timestamp_seconds: number;
            title: string;
          }),
          created_at: now,
          updated_at: now,
        })
        .returning([...COLUMNS, text])
        .executeTakeFirstOrThrow();
      return row as unknown as Shape<K>;
    },

    /** The annotation, only when it belongs to `userId`. */
    async findOwned(db: Executor, id: string, userId: string): Promise<Shape<K> | undefined> {
      const row = await db
        .selectFrom(t)
        .select([...COLUMNS, text])
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row as unknown as Shape<K> | undefined;
    },

    async update(
      db: Executor,
      id: string,
      userId: string,
      changes: { timestamp_seconds?: number | undefined; text?: string | undefined },
      now: Date,
    ) {
      const row = await db
        .updateTable(t)
        .set({
          ...(changes.timestamp_seconds === undefined ? {} : { timestamp_seconds: changes.timestamp_seconds }),
          ...(changes.text === undefined ? {} : { [text]: changes.text }),
          updated_at: now,
        })
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .returning([...COLUMNS, text])
        .executeTakeFirst();
      return row as unknown as Shape<K> | undefined;
    },

    async delete(db: Executor, id: string, userId: string): Promise<boolean> {
      const result = await db.deleteFrom(t).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async list(db: Executor, enrollmentId: string, lessonId: string | undefined, page: PageRequest) {
      let base = db.selectFrom(t).where('enrollment_id', '=', enrollmentId);
      if (lessonId) base = base.where('lesson_id', '=', lessonId);
      const [rows, count] = await Promise.all([
        base
          .select([...COLUMNS, text])
          .orderBy('lesson_id')
          .orderBy('timestamp_seconds')
          .orderBy('created_at')
          .limit(page.limit)
          .offset(page.offset)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows as unknown as Shape<K>[], total: Number(count.total) };
    },
  };
}
