// Every SQL statement about chat rooms and their members.
import './communication.tables.ts';

import { sql } from 'kysely';

import type { Executor } from '../../platform/db/index.ts';
import type { MemberRole } from './communication.tables.ts';
import type { ChatRoom } from './communication.types.ts';

const memberCount = sql<number>`(select count(*) from chat_members m where m.room_id = chat_rooms.id)`;

export interface RoomFilter {
  /** Words that must each appear in the name or the description (case-insensitive). */
  words: string[];
  /** Only rooms this user is a member of; undefined for every room (admins). */
  memberId: string | undefined;
  limit: number;
}

export const roomRepo = {
  find(db: Executor, id: string): Promise<ChatRoom | undefined> {
    return db
      .selectFrom('chat_rooms')
      .select(['id', 'kind', 'course_id', 'name', 'description', 'owner_id', 'last_activity', 'created_at'])
      .select(memberCount.as('member_count'))
      .where('id', '=', id)
      .executeTakeFirst();
  },

  /** The course's room (its id is the course's), created or renamed to match the course (unless a newer change already did). */
  async upsertCourseRoom(
    db: Executor,
    values: { course_id: string; name: string; description: string; owner_id: string; now: Date },
  ): Promise<void> {
    await db
      .insertInto('chat_rooms')
      .values({
        id: values.course_id,
        kind: 'course',
        course_id: values.course_id,
        name: values.name,
        description: values.description,
        owner_id: values.owner_id,
        created_at: values.now,
        updated_at: values.now,
      })
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet({
            name: values.name,
            description: values.description,
            owner_id: values.owner_id,
            updated_at: values.now,
          })
          .where('chat_rooms.updated_at', '<=', values.now),
      )
      .execute();
  },

  async insertRoom(
    db: Executor,
    values: { kind: 'group'; name: string; description: string; owner_id: string; now: Date },
  ): Promise<string> {
    const { now, ...room } = values;
    const row = await db
      .insertInto('chat_rooms')
      .values({ ...room, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  async deleteRoom(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('chat_rooms').where('id', '=', id).execute();
  },

  async touch(db: Executor, id: string, at: Date): Promise<void> {
    await db.updateTable('chat_rooms').set({ last_activity: at }).where('id', '=', id).execute();
  },

  search(db: Executor, filter: RoomFilter): Promise<ChatRoom[]> {
    let query = db
      .selectFrom('chat_rooms')
      .select(['id', 'kind', 'course_id', 'name', 'description', 'owner_id', 'last_activity', 'created_at'])
      .select(memberCount.as('member_count'));
    for (const word of filter.words) {
      const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) => eb.or([eb('name', 'ilike', pattern), eb('description', 'ilike', pattern)]));
    }
    if (filter.memberId !== undefined) {
      const memberId = filter.memberId;
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('chat_members')
            .select('chat_members.user_id')
            .whereRef('chat_members.room_id', '=', 'chat_rooms.id')
            .where('chat_members.user_id', '=', memberId),
        ),
      );
    }
    return query
      .orderBy(sql`last_activity desc nulls last`)
      .orderBy('name')
      .orderBy('id')
      .limit(filter.limit)
      .execute();
  },

  /** The rooms a user belongs to, the most recently active first, with how many there are. */
  async listForMember(
    db: Executor,
    userId: string,
    page: { limit: number; offset: number },
  ): Promise<{ items: ChatRoom[]; total: number }> {
    const mine = db
      .selectFrom('chat_rooms')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('chat_members')
            .select('chat_members.user_id')
            .whereRef('chat_members.room_id', '=', 'chat_rooms.id')
            .where('chat_members.user_id', '=', userId),
        ),
      );
    const [items, count] = await Promise.all([
      mine
        .select(['id', 'kind', 'course_id', 'name', 'description', 'owner_id', 'last_activity', 'created_at'])
        .select(memberCount.as('member_count'))
        .orderBy(sql`coalesce(last_activity, created_at) desc`)
        .orderBy('id')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      mine.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.total) };
  },

  findMember(db: Executor, roomId: string, userId: string): Promise<{ role: MemberRole } | undefined> {
    return db
      .selectFrom('chat_members')
      .select('role')
      .where('room_id', '=', roomId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
  },

  listMembers(db: Executor, roomId: string): Promise<{ user_id: string; role: MemberRole; joined_at: Date }[]> {
    return db
      .selectFrom('chat_members')
      .select(['user_id', 'role', 'joined_at'])
      .where('room_id', '=', roomId)
      .orderBy('joined_at')
      .orderBy('user_id')
      .execute();
  },

  /** Adds the member, or changes the role of one already there. */
  async putMember(db: Executor, roomId: string, userId: string, role: MemberRole, now: Date): Promise<void> {
    await db
      .insertInto('chat_members')
      .values({ room_id: roomId, user_id: userId, role, joined_at: now })
      .onConflict((oc) => oc.columns(['room_id', 'user_id']).doUpdateSet({ role }))
      .execute();
  },

  async removeMember(db: Executor, roomId: string, userId: string): Promise<boolean> {
    const result = await db
      .deleteFrom('chat_members')
      .where('room_id', '=', roomId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },

  /** Members of `role` not in `keep` (staff who left the course). */
  async removeRoleExcept(db: Executor, roomId: string, role: MemberRole, keep: string[]): Promise<string[]> {
    let query = db.deleteFrom('chat_members').where('room_id', '=', roomId).where('role', '=', role);
    if (keep.length > 0) query = query.where('user_id', 'not in', keep);
    const rows = await query.returning('user_id').execute();
    return rows.map((row) => row.user_id);
  },

  /** Whether two users are members of one room together. */
  async shareRoom(db: Executor, userA: string, userB: string): Promise<boolean> {
    const row = await db
      .selectFrom('chat_members as a')
      .innerJoin('chat_members as b', 'b.room_id', 'a.room_id')
      .select('a.room_id')
      .where('a.user_id', '=', userA)
      .where('b.user_id', '=', userB)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  },

  /** The direct room of this pair (see `directPair`), if any. */
  async findDirect(db: Executor, pair: string): Promise<string | undefined> {
    const row = await db.selectFrom('chat_rooms').select('id').where('direct_pair', '=', pair).executeTakeFirst();
    return row?.id;
  },

  /** Creates the pair's direct room, or returns undefined when it exists already (a concurrent open won). */
  async insertDirect(
    db: Executor,
    values: { pair: string; name: string; owner_id: string; now: Date },
  ): Promise<string | undefined> {
    const row = await db
      .insertInto('chat_rooms')
      .values({
        kind: 'direct',
        name: values.name,
        description: '',
        owner_id: values.owner_id,
        direct_pair: values.pair,
        created_at: values.now,
        updated_at: values.now,
      })
      .onConflict((oc) => oc.column('direct_pair').doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id;
  },
};
