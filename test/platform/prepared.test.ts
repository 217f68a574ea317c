// Prepared queries: built once, run with fresh values on either database, inside and outside a
// transaction; they are named statements on both (visible in pg_prepared_statements of the
// connection that ran them; PGlite's one connection keeps them across calls, prepared again
// after a DEALLOCATE ALL), while every other query stays unnamed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { sql } from 'kysely';

import { MissingTransactionError, prepareQuery } from '../../src/platform/db/index.ts';
import { startTestApp } from '../helpers/app.ts';
import { uniqueEmail } from '../helpers/factories.ts';

const lectern = await startTestApp();
const { database } = lectern;

const userByEmail = prepareQuery('test_user_by_email', 2, (db, email: string, active: boolean) =>
  db
    .selectFrom('users')
    .select(['id', 'email', 'is_active'])
    .where('email', '=', email)
    .where('is_active', '=', active),
);

const userById = prepareQuery('test_user_by_id', 1, (db, id: string) =>
  db.selectFrom('users').select('email').where('id', '=', id),
);

describe('prepareQuery', () => {
  it('binds each call’s own values to the SQL compiled once', async () => {
    const first = uniqueEmail();
    const second = uniqueEmail();
    await database.db
      .insertInto('users')
      .values([
        { email: first, password_hash: null },
        { email: second, password_hash: null, is_active: false },
      ])
      .execute();
    assert.equal((await userByEmail.takeFirst(database.db, first, true))?.email, first);
    assert.equal(await userByEmail.takeFirst(database.db, second, true), undefined);
    assert.equal((await userByEmail.execute(database.db, second, false)).length, 1);
    assert.match(userByEmail.sql, /"email" = \$1 and "is_active" = \$2/);
  });

  it('joins the caller’s transaction and keeps the missing-tx guard', async () => {
    const email = uniqueEmail();
    await assert.rejects(
      database.transaction(async (tx) => {
        await tx.insertInto('users').values({ email, password_hash: null }).execute();
        assert.equal((await userByEmail.takeFirst(tx, email, true))?.email, email, 'sees its own write');
        await userByEmail.takeFirst(database.db, email, true);
      }),
      MissingTransactionError,
    );
    assert.equal(await userByEmail.takeFirst(database.db, email, true), undefined, 'rolled back');
  });

  it('refuses an argument that is not bound as one value, and a name used for two statements', () => {
    assert.throws(() =>
      prepareQuery('test_unused_argument', 1, (db, _id: string) => db.selectFrom('users').select('id')),
    );
    assert.throws(() =>
      prepareQuery('test_user_by_email', 1, (db, id: string) =>
        db.selectFrom('users').select('id').where('id', '=', id),
      ),
    );
  });

  it(
    'keeps a PGlite named statement across calls, and prepares it again once it is gone',
    {
      skip: database.kind !== 'pglite',
    },
    async () => {
      const email = uniqueEmail();
      await database.db.insertInto('users').values({ email, password_hash: null }).execute();
      await userByEmail.takeFirst(database.db, email, true);
      const names = async () =>
        (await sql<{ name: string }>`select name from pg_prepared_statements`.execute(database.db)).rows.map(
          (row) => row.name,
        );
      assert.ok((await names()).includes('test_user_by_email'));
      await sql`deallocate all`.execute(database.db);
      assert.equal((await userByEmail.takeFirst(database.db, email, true))?.email, email);
      assert.ok((await names()).includes('test_user_by_email'));
      // A failing statement leaves the connection usable (its batch ends with Sync).
      await assert.rejects(userById.takeFirst(database.db, 'not a uuid'), { code: '22P02' });
      assert.equal((await userByEmail.takeFirst(database.db, email, true))?.email, email);
    },
  );

  it(
    'sends named statements on PostgreSQL only for prepared queries',
    { skip: database.kind !== 'postgres' },
    async () => {
      // Inside one transaction, so both statements run on the same connection.
      const names = await database.transaction(async (tx) => {
        await userByEmail.takeFirst(tx, uniqueEmail(), true);
        const { rows } = await sql<{ name: string }>`select name from pg_prepared_statements`.execute(tx);
        return rows.map((row) => row.name);
      });
      assert.ok(names.includes('test_user_by_email'));
      assert.ok(
        names.every((name) => !name.startsWith('$') && name !== ''),
        'no unnamed statement kept',
      );
    },
  );
});
