// Rooms: who may use one, search, members, and group/direct rooms. Course rooms are kept in
// step with the catalog and learning by `membership.sync.ts`.
import type { Actor } from '../../platform/actor.ts';
import { isAdmin } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle, Executor } from '../../platform/db/index.ts';
import { afterCommit } from '../../platform/db/index.ts';
import { invalid } from '../../platform/errors.ts';
import { courseRoomManaged, noRoomAccess, notRoomOwner, roomNotFound, userNotFound } from './communication.errors.ts';
import type { RoomStanding } from './communication.policy.ts';
import { canManageMembers, canUseRoom } from './communication.policy.ts';
import type { CommunicationPorts } from './communication.ports.ts';
import type { ChatMember, ChatRoom } from './communication.types.ts';
import { roomRepo } from './room.repo.ts';
import type { UserNames } from './user-names.ts';

export interface RoomDeps extends Pick<CommunicationPorts, 'catalog' | 'learning' | 'identity'> {
  database: DatabaseHandle;
  clock: Clock;
  names: UserNames;
  /** Closes a removed member's sockets in the room (every process). */
  evict(roomId: string, userId: string): void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID.test(value);

const MAX_SEARCH_RESULTS = 50;
const MAX_GROUP_MEMBERS = 500;

export function createRoomService({ database, clock, catalog, identity, names, evict }: RoomDeps) {
  const { db } = database;

  async function standingIn(actor: Actor, room: ChatRoom, executor: Executor = db): Promise<RoomStanding> {
    const member = await roomRepo.findMember(executor, room.id, actor.id);
    // Co-instructors added after the room was made are staff even before a course event says so.
    const courseStaff =
      room.kind === 'course' && room.course_id !== null && !member && !isAdmin(actor)
        ? await catalog.isCourseStaff(actor, room.course_id, executor)
        : member?.role === 'staff';
    return { kind: room.kind, role: member?.role, courseStaff };
  }

  /** The room and the caller's standing in it; unknown and foreign rooms throw `missing(id)`. */
  async function usable(
    actor: Actor,
    roomId: string,
    missing: (id: string) => Error = roomNotFound,
  ): Promise<{ room: ChatRoom; standing: RoomStanding }> {
    const room = isUuid(roomId) ? await roomRepo.find(db, roomId) : undefined;
    if (!room) throw missing(roomId);
    const standing = await standingIn(actor, room);
    if (!canUseRoom(actor, standing)) throw missing(roomId);
    return { room, standing };
  }

  async function membersOf(roomId: string): Promise<ChatMember[]> {
    const rows = await roomRepo.listMembers(db, roomId);
    const named = await names.lookup(rows.map((row) => row.user_id));
    return rows.map((row) => ({ ...row, username: named.get(row.user_id) ?? 'unknown' }));
  }

  return {
    usable,
    /** For the WebSocket upgrade: a room the caller may not use is refused with 403. */
    admit: (actor: Actor, roomId: string) => usable(actor, roomId, noRoomAccess),

    get: async (actor: Actor, roomId: string): Promise<ChatRoom> => (await usable(actor, roomId)).room,

    /** Rooms the caller belongs to (every room for admins) whose name or description has each word of `q`. */
    async search(actor: Actor, q: string): Promise<ChatRoom[]> {
      const words = q.split(/\s+/).filter(Boolean).slice(0, 10);
      return roomRepo.search(db, {
        words,
        memberId: isAdmin(actor) ? undefined : actor.id,
        limit: MAX_SEARCH_RESULTS,
      });
    },

    /** The rooms the caller belongs to (admins too: only their own), the most recently active first. */
    listMine: (actor: Actor, page: { limit: number; offset: number }) => roomRepo.listForMember(db, actor.id, page),

    async listMembers(actor: Actor, roomId: string): Promise<ChatMember[]> {
      await usable(actor, roomId);
      return membersOf(roomId);
    },

    /** A group room owned by the caller, with the members named. */
    async createGroup(
      actor: Actor,
      input: { name: string; description?: string; member_ids: string[] },
    ): Promise<ChatRoom> {
      const name = input.name.trim();
      if (!name) throw invalid('Name must not be empty', 'name');
      const others = [...new Set(input.member_ids)].filter((id) => id !== actor.id);
      if (others.length > MAX_GROUP_MEMBERS) throw invalid(`At most ${MAX_GROUP_MEMBERS} members`, 'member_ids');
      await requireUsers(others);
      const now = clock.now();
      const id = await database.transaction(async (tx) => {
        const roomId = await roomRepo.insertRoom(tx, {
          kind: 'group',
          name,
          description: input.description?.trim() ?? '',
          owner_id: actor.id,
          now,
        });
        await roomRepo.putMember(tx, roomId, actor.id, 'owner', now);
        for (const userId of others) await roomRepo.putMember(tx, roomId, userId, 'member', now);
        return roomId;
      });
      return (await roomRepo.find(db, id))!;
    },

    /** The two-person room of the caller and `userId`, created on first use (one per pair, even when both open it at once). */
    async openDirect(actor: Actor, userId: string): Promise<{ room: ChatRoom; created: boolean }> {
      if (userId === actor.id) throw invalid('A direct room needs another user', 'user_id');
      await requireUsers([userId]);
      const pair = [actor.id, userId].sort().join(':');
      const existing = await roomRepo.findDirect(db, pair);
      if (existing) return { room: (await roomRepo.find(db, existing))!, created: false };
      const named = await names.lookup([actor.id, userId]);
      const name = `${named.get(actor.id) ?? 'unknown'} & ${named.get(userId) ?? 'unknown'}`.slice(0, 300);
      const now = clock.now();
      const id = await database.transaction(async (tx) => {
        const roomId = await roomRepo.insertDirect(tx, { pair, name, owner_id: actor.id, now });
        if (!roomId) return undefined;
        await roomRepo.putMember(tx, roomId, actor.id, 'member', now);
        await roomRepo.putMember(tx, roomId, userId, 'member', now);
        return roomId;
      });
      if (id) return { room: (await roomRepo.find(db, id))!, created: true };
      return { room: (await roomRepo.find(db, (await roomRepo.findDirect(db, pair))!))!, created: false };
    },

    async addMember(actor: Actor, roomId: string, userId: string): Promise<ChatMember[]> {
      const { standing } = await usable(actor, roomId);
      requireManager(actor, standing);
      await requireUsers([userId]);
      await roomRepo.putMember(db, roomId, userId, 'member', clock.now());
      return membersOf(roomId);
    },

    async removeMember(actor: Actor, roomId: string, userId: string): Promise<void> {
      const { room, standing } = await usable(actor, roomId);
      // Anyone may leave a group room; only its owner removes others.
      if (!(room.kind === 'group' && userId === actor.id)) requireManager(actor, standing);
      if (userId === room.owner_id && userId !== actor.id) throw notRoomOwner();
      if (!(await roomRepo.removeMember(db, roomId, userId))) throw userNotFound(userId);
      afterCommit(() => evict(roomId, userId));
    },
  };

  function requireManager(actor: Actor, standing: RoomStanding): void {
    if (standing.kind !== 'group') throw courseRoomManaged();
    if (!canManageMembers(actor, standing)) throw notRoomOwner();
  }

  async function requireUsers(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const bad = ids.find((id) => !isUuid(id));
    if (bad) throw userNotFound(bad);
    const found = new Set((await identity.getUserSummaries(ids)).filter((u) => u.is_active).map((u) => u.id));
    const missing = ids.find((id) => !found.has(id));
    if (missing) throw userNotFound(missing);
  }
}

export type RoomService = ReturnType<typeof createRoomService>;
