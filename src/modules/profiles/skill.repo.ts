// Every SQL statement about profile_skills.
import './profiles.tables.ts';

import type { Executor } from '../../platform/db/index.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import type { Skill } from './profiles.types.ts';

const COLUMNS = ['id', 'user_id', 'name', 'proficiency', 'created_at', 'updated_at'] as const;

/** The unique index that makes a name unique per user whatever its case (migration 0060). */
export const SKILL_NAME_KEY = 'profile_skills_user_name_key';

export const skillRepo = {
  /** A user's skills in the order they were added. */
  async list(db: Executor, userId: string, page: PageRequest): Promise<Paged<Skill>> {
    const [items, count] = await Promise.all([
      db
        .selectFrom('profile_skills')
        .select(COLUMNS)
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('id')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      db
        .selectFrom('profile_skills')
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.total) };
  },

  async count(db: Executor, userId: string): Promise<number> {
    const row = await db
      .selectFrom('profile_skills')
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return Number(row.total);
  },

  /** The skill, only when it belongs to `userId`. */
  findOwned(db: Executor, userId: string, skillId: string): Promise<Skill | undefined> {
    return db
      .selectFrom('profile_skills')
      .select(COLUMNS)
      .where('id', '=', skillId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
  },

  insert(db: Executor, userId: string, values: { name: string; proficiency: number }, now: Date): Promise<Skill> {
    return db
      .insertInto('profile_skills')
      .values({ ...values, user_id: userId, created_at: now, updated_at: now })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
  },

  update(
    db: Executor,
    userId: string,
    skillId: string,
    changes: { name?: string; proficiency?: number },
    now: Date,
  ): Promise<Skill | undefined> {
    return db
      .updateTable('profile_skills')
      .set({ ...changes, updated_at: now })
      .where('id', '=', skillId)
      .where('user_id', '=', userId)
      .returning(COLUMNS)
      .executeTakeFirst();
  },

  async remove(db: Executor, userId: string, skillId: string): Promise<boolean> {
    const result = await db
      .deleteFrom('profile_skills')
      .where('id', '=', skillId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },

  async removeAll(db: Executor, userId: string): Promise<void> {
    await db.deleteFrom('profile_skills').where('user_id', '=', userId).execute();
  },
};
