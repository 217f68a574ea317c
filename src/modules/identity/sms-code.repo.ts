// Every SQL statement about SMS codes.
import './identity.tables.ts';

import type { Executor } from '../../platform/db/index.ts';
import type { SmsPurpose } from './identity.tables.ts';

export const smsCodeRepo = {
  async create(
    db: Executor,
    input: {
      phone: string;
      purpose: SmsPurpose;
      userId: string | null;
      codeHash: string;
      createdAt: Date;
      expiresAt: Date;
    },
  ): Promise<void> {
    await db
      .insertInto('sms_codes')
      .values({
        phone: input.phone,
        purpose: input.purpose,
        user_id: input.userId,
        code_hash: input.codeHash,
        created_at: input.createdAt,
        expires_at: input.expiresAt,
      })
      .execute();
  },

  /** Ends every open code of a phone and purpose: only the newest code works. */
  async retireAll(db: Executor, phone: string, purpose: SmsPurpose, now: Date): Promise<void> {
    await db
      .updateTable('sms_codes')
      .set({ used_at: now })
      .where('phone', '=', phone)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .execute();
  },

  latest(db: Executor, phone: string, purpose: SmsPurpose) {
    return db
      .selectFrom('sms_codes')
      .select(['id', 'user_id', 'code_hash', 'attempts', 'created_at', 'expires_at', 'used_at'])
      .where('phone', '=', phone)
      .where('purpose', '=', purpose)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  },

  /** Counts a wrong guess; returns the attempts made so far. */
  async countAttempt(db: Executor, id: string): Promise<void> {
    await db
      .updateTable('sms_codes')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .execute();
  },

  /** Marks a code used if it still may be: of two concurrent uses exactly one succeeds. */
  async consume(db: Executor, id: string, maxAttempts: number, now: Date): Promise<boolean> {
    const row = await db
      .updateTable('sms_codes')
      .set((eb) => ({ used_at: now, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .where('attempts', '<', maxAttempts)
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  },

  async deleteAllForUser(db: Executor, userId: string): Promise<void> {
    await db.deleteFrom('sms_codes').where('user_id', '=', userId).execute();
  },
};
