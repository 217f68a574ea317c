// Every SQL statement about categories and tags.
import './catalog.tables.ts';

import { sql } from 'kysely';

import type { Executor } from '../../platform/db/index.ts';
import type { CategoryRow } from './catalog.tables.ts';
import type { Category, Tag } from './catalog.types.ts';
import { isUuid } from './slug.ts';

// Depth-first tree with each node's own and subtree counts of published courses.
const CATEGORY_TREE = sql<Category>`
  with recursive tree as (
    select c.id, c.parent_id, 0 as depth, array[lower(c.name)] as path
      from categories c where c.parent_id is null
    union all
    select c.id, c.parent_id, t.depth + 1, t.path || lower(c.name)
      from categories c join tree t on c.parent_id = t.id
  ),
  own as (
    select category_id, count(*)::int as n from courses where status = 'published' and category_id is not null group by category_id
  )
  select c.id, c.parent_id, c.name, c.slug, c.description, c.created_at, c.updated_at, t.depth,
    coalesce(o.n, 0) as course_count,
    (select coalesce(sum(o2.n), 0)::int from tree t2 join own o2 on o2.category_id = t2.id where t2.path[1:array_length(t.path, 1)] = t.path) as total_course_count
  from tree t join categories c on c.id = t.id left join own o on o.category_id = c.id
  order by t.path`;

export const categoryRepo = {
  async tree(db: Executor): Promise<Category[]> {
    const { rows } = await CATEGORY_TREE.execute(db);
    return rows;
  },

  /** By id, slug or (case-insensitive) name. */
  resolve(db: Executor, ref: string): Promise<CategoryRow | undefined> {
    let query = db.selectFrom('categories').selectAll();
    query = isUuid(ref)
      ? query.where('id', '=', ref)
      : query.where((eb) =>
          eb.or([eb('slug', '=', ref.toLowerCase()), eb(eb.fn('lower', ['name']), '=', ref.toLowerCase())]),
        );
    return query.executeTakeFirst();
  },

  async slugTaken(db: Executor, slug: string): Promise<boolean> {
    const row = await db.selectFrom('categories').select('id').where('slug', '=', slug).executeTakeFirst();
    return row !== undefined;
  },

  /** The category and every descendant, for "filter by category". */
  async subtreeIds(db: Executor, id: string): Promise<string[]> {
    const { rows } = await sql<{ id: string }>`
      with recursive sub as (select id from categories where id = ${id} union all select c.id from categories c join sub on c.parent_id = sub.id)
      select id from sub`.execute(db);
    return rows.map((r) => r.id);
  },

  async ancestorIds(db: Executor, id: string): Promise<string[]> {
    const { rows } = await sql<{ id: string }>`
      with recursive up as (select id, parent_id from categories where id = ${id} union all select c.id, c.parent_id from categories c join up on c.id = up.parent_id)
      select id from up`.execute(db);
    return rows.map((r) => r.id);
  },

  insert(
    db: Executor,
    category: { name: string; slug: string; parent_id: string | null; description?: string },
  ): Promise<CategoryRow> {
    return db.insertInto('categories').values(category).returningAll().executeTakeFirstOrThrow();
  },

  async update(
    db: Executor,
    id: string,
    changes: { name?: string; slug?: string; parent_id?: string | null; description?: string },
    now: Date,
  ): Promise<void> {
    await db
      .updateTable('categories')
      .set({ ...changes, updated_at: now })
      .where('id', '=', id)
      .execute();
  },

  async delete(db: Executor, id: string): Promise<boolean> {
    const result = await db.deleteFrom('categories').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },
};

const TAG_COLUMNS = ['t.id', 't.name', 't.created_at'] as const;

export const tagRepo = {
  list(db: Executor, search?: string): Promise<Tag[]> {
    let query = db
      .selectFrom('tags as t')
      .select(TAG_COLUMNS)
      .select(sql<number>`(select count(*) from course_tags ct where ct.tag_id = t.id)::int`.as('usage_count'));
    if (search)
      query = query.where(sql`lower(t.name)`, 'like', `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    return query
      .orderBy('usage_count', 'desc')
      .orderBy(sql`lower(t.name)`)
      .execute();
  },

  findById(db: Executor, id: string): Promise<Tag | undefined> {
    return db
      .selectFrom('tags as t')
      .select(TAG_COLUMNS)
      .select(sql<number>`(select count(*) from course_tags ct where ct.tag_id = t.id)::int`.as('usage_count'))
      .where('t.id', '=', id)
      .executeTakeFirst();
  },

  /** Finds or creates each named tag (case-insensitive), returning their ids. */
  async ensure(db: Executor, names: string[]): Promise<{ id: string; name: string }[]> {
    const out: { id: string; name: string }[] = [];
    for (const name of names) {
      await db
        .insertInto('tags')
        .values({ name })
        .onConflict((oc) => oc.expression(sql`lower(name)`).doNothing())
        .execute();
      const row = await db
        .selectFrom('tags')
        .select(['id', 'name'])
        .where(sql`lower(name)`, '=', name.toLowerCase())
        .executeTakeFirstOrThrow();
      out.push(row);
    }
    return out;
  },

  async attach(db: Executor, courseId: string, tagIds: string[]): Promise<void> {
    if (tagIds.length === 0) return;
    await db
      .insertInto('course_tags')
      .values(tagIds.map((tag_id) => ({ course_id: courseId, tag_id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  },

  async detach(db: Executor, courseId: string, tagId: string): Promise<boolean> {
    const result = await db
      .deleteFrom('course_tags')
      .where('course_id', '=', courseId)
      .where('tag_id', '=', tagId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },

  async detachAll(db: Executor, courseId: string): Promise<void> {
    await db.deleteFrom('course_tags').where('course_id', '=', courseId).execute();
  },

  async delete(db: Executor, id: string): Promise<boolean> {
    const result = await db.deleteFrom('tags').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },
};
