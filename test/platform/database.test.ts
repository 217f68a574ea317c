// The data layer's guard rails: a query that forgets `tx` inside a transaction fails at once
// (under PGlite it would otherwise hang forever), and Postgres errors become domain errors.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { sql } from 'kysely';

import { mapDbError } from '../../src/platform/db/errors.ts';
import { MissingTransactionError } from '../../src/platform/db/index.ts';
import { DomainError } from '../../src/platform/errors.ts';
import { startTestApp } from '../helpers/app.ts';
import { uniqueEmail } from '../helpers/factories.ts';

const lectern = await startTestApp();
const { database } = lectern;

describe('transactions', () => {
  it('fails fast when a query inside a transaction uses the root handle instead of tx', async () => {
    const email = uniqueEmail();
    await assert.rejects(
      database.transaction(async (tx) => {
        await tx.insertInto('users').values({ email, password_hash: null }).execute();
        await database.db.selectFrom('users').select('id').execute();
      }),
      MissingTransactionError,
    );
    const row = await database.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    assert.equal(row, undefined, 'the transaction rolled back');
  });

  it('lets queries from other requests wait for, not join, a running transaction', async () => {
    const email = uniqueEmail();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const transaction = database.transaction(async (tx) => {
      await tx.insertInto('users').values({ email, password_hash: null }).execute();
      await gate;
      throw new Error('roll back');
    });
    // Started outside the transaction's async flow: must neither fail nor see uncommitted rows.
    const outside = database.db.selectFrom('users').select('id').where('email', '=', email).execute();
    release();
    await assert.rejects(transaction, /roll back/);
    assert.deepEqual(await outside, []);
    const count = await sql<{ n: number }>`select count(*)::int as n from users where email = ${email}`.execute(
      database.db,
    );
    assert.equal(count.rows[0]!.n, 0);
  });
});

describe('Postgres error mapping', () => {
  it('maps unique, foreign-key and invalid-text errors to domain errors', async () => {
    const email = uniqueEmail();
    await database.db.insertInto('users').values({ email, password_hash: null }).execute();
    const unique = await database.db
      .insertInto('users')
      .values({ email, password_hash: null })
      .execute()
      .catch((e: unknown) => mapDbError(e));
    assert.ok(unique instanceof DomainError && unique.kind === 'conflict');
    const fk = await database.db
      .insertInto('sessions')
      .values({ user_id: '00000000-0000-4000-8000-000000000000', expires_at: new Date() })
      .execute()
      .catch((e: unknown) => mapDbError(e));
    assert.ok(fk instanceof DomainError && fk.kind === 'not_found');
    const text = await database.db
      .selectFrom('users')
      .select('id')
      .where('id', '=', 'not-a-uuid')
      .execute()
      .catch((e: unknown) => mapDbError(e));
    assert.ok(text instanceof DomainError && text.kind === 'validation');
  });
});
