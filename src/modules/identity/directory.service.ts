// What other modules may read about users (names for course owners and certificates, roles for
// instructor checks), and the one field another module sets: the avatar the files module has
// checked. Neighbours go through these instead of reading the users table.
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle, Executor, Tx } from '../../platform/db/index.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import type { UserSummary, UserSummaryFilter } from './identity.types.ts';
import { userRepo } from './user.repo.ts';

export function createDirectoryService({ database, clock }: { database: DatabaseHandle; clock: Clock }) {
  return {
    /** The users among `ids` that exist (deleted accounts included, anonymised), in no particular order. */
    getUserSummaries(ids: readonly string[], executor: Executor = database.db): Promise<UserSummary[]> {
      return userRepo.findSummaries(executor, ids);
    },

    /** The id of the live account with this email or phone (notifications: whose preferences apply). */
    async findUserIdByContact(contact: { email?: string; phone?: string }, executor: Executor = database.db) {
      const row = contact.email
        ? await userRepo.findCredentialsByEmail(executor, contact.email)
        : contact.phone
          ? await userRepo.findCredentialsByPhone(executor, contact.phone)
          : undefined;
      return row && !row.deleted_at ? row.id : undefined;
    },

    /** A page of the users among `filter.ids`, by name. */
    searchUserSummaries(filter: UserSummaryFilter, page: PageRequest): Promise<Paged<UserSummary>> {
      return userRepo.searchSummaries(database.db, filter, page);
    },

    /** Sets the avatar inside the caller's transaction (the media worker's, once the image checked out). */
    async setAvatarUrl(tx: Tx, userId: string, url: string): Promise<void> {
      await userRepo.setAvatarUrl(tx, userId, url, clock.now());
    },
  };
}

export type DirectoryService = ReturnType<typeof createDirectoryService>;
