// Every SQL statement about one-time mail tokens (verification, reset, email change).
import './identity.tables.ts';

import type { Executor } from '../../platform/db/index.ts';
import type { TokenPurpose } from './identity.tables.ts';

export const identityTokenRepo = {
  async create(
    db: Executor,
    input: {
      userId: string;
      purpose: TokenPurpose;
      tokenHash: string;
      createdAt: Date;
      expiresAt: Date;
      newEmail?: string;
    },
  ): Promise<void> {
    await db
      .insertInto('identity_tokens')
      .values({
        user_id: input.userId,
        purpose: input.purpose,
        token_hash: input.tokenHash,
        created_at: input.createdAt,
        expires_at: input.expiresAt,
        new_email: input.newEmail ?? null,
      })
      .execute();
  },

  /** Marks a live token used, atomically: of two concurrent uses exactly one gets the row. */
  consume(db: Executor, purpose: TokenPurpose, tokenHash: string, now: Date) {
    return db
      .updateTable('identity_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning(['user_id', 'new_email'])
      .executeTakeFirst();
  },

  /** Retires the user's other open tokens of a purpose, so only the newest link works. */
  async retireAll(db: Executor, userId: string, purpose: TokenPurpose, now: Date): Promise<void> {
    await db
      .updateTable('identity_tokens')
      .set({ used_at: now })
      .where('user_id', '=', userId)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .execute();
  },

  latestCreatedAt(db: Executor, userId: string, purpose: TokenPurpose) {
    return db
      .selectFrom('identity_tokens')
      .select('created_at')
      .where('user_id', '=', userId)
      .where('purpose', '=', purpose)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  },

  async deleteAllForUser(db: Executor, userId: string): Promise<void> {
    await db.deleteFrom('identity_tokens').where('user_id', '=', userId).execute();
  },
};
