// Native admin user management: list/search/filter/paginate, read, change role, block/unblock,
// delete (anonymise), and a student or instructor on every admin route.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';

import { sql } from 'kysely';

import { startTestApp } from '../helpers/app.ts';
import { createUser, logIn } from '../helpers/factories.ts';

const lectern = await startTestApp();
const { app } = lectern;
const admin = await createUser(lectern, { role: 'admin' });
const req = (
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  headers: Record<string, string>,
  payload?: object,
) => app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });

describe('admin: users', () => {
  it('lists users with search, role filter and 001 pagination, without secrets', async () => {
    const tag = randomUUID().slice(0, 8);
    for (let i = 0; i < 3; i++) await createUser(lectern, { role: 'instructor', fullName: `Prof ${tag} ${i}` });
    await createUser(lectern, { fullName: `Student ${tag}` });
    const page1 = await req('GET', `/users?search=${tag}&role=instructor&page=1&page_size=2`, admin.auth);
    assert.equal(page1.statusCode, 200);
    const body = page1.json();
    assert.equal(body.total, 3);
    assert.equal(body.pages, 2);
    assert.equal(body.page_size, 2);
    assert.equal(body.items.length, 2);
    assert.ok(body.items.every((u: { role: string }) => u.role === 'instructor'));
    assert.doesNotMatch(page1.body, /argon2|password_hash|mfa_secret/);
    const page2 = await req('GET', `/users?search=${tag}&role=instructor&page=2&page_size=2`, admin.auth);
    assert.equal(page2.json().items.length, 1);
    const all = await req('GET', `/users?search=${tag}`, admin.auth);
    assert.equal(all.json().total, 4);
    assert.equal((await req('GET', '/users?page_size=101', admin.auth)).statusCode, 422);
  });

  it('reads one user and answers 404 for an unknown id', async () => {
    const user = await createUser(lectern);
    const one = await req('GET', `/users/${user.id}`, admin.auth);
    assert.equal(one.statusCode, 200);
    assert.equal(one.json().email, user.email);
    assert.equal((await req('GET', `/users/${randomUUID()}`, admin.auth)).statusCode, 404);
  });

  it("changes a role, effective on the user's live session at once", async () => {
    const user = await createUser(lectern);
    assert.equal((await req('GET', '/users', user.auth)).statusCode, 403);
    const patch = await req('PATCH', `/users/${user.id}`, admin.auth, { role: 'admin' });
    assert.equal(patch.statusCode, 200);
    assert.equal(patch.json().role, 'admin');
    assert.equal((await req('GET', '/users', user.auth)).statusCode, 200);
    assert.equal((await req('PATCH', `/users/${user.id}`, admin.auth, { role: 'superuser' })).statusCode, 422);
    assert.equal((await req('PATCH', `/users/${user.id}`, admin.auth, { email: 'x@example.test' })).statusCode, 422);
  });

  it('blocks: sessions end, login is refused; unblocking restores login', async () => {
    const user = await createUser(lectern);
    const block = await req('POST', `/users/${user.id}/block`, admin.auth);
    assert.equal(block.statusCode, 200);
    assert.equal(block.json().is_active, false);
    assert.equal((await req('GET', '/users/me', user.auth)).statusCode, 401);
    assert.equal((await req('POST', '/auth/refresh', {}, { refresh_token: user.refreshToken })).statusCode, 401);
    const login = await req('POST', '/auth/login', {}, { email: user.email, password: user.password });
    assert.equal(login.statusCode, 403);
    assert.equal(login.json().detail, 'This account has been blocked');
    assert.equal((await req('POST', `/users/${user.id}/unblock`, admin.auth)).json().is_active, true);
    await logIn(app, user.email, user.password);
    // PATCH is_active does the same.
    assert.equal((await req('PATCH', `/users/${user.id}`, admin.auth, { is_active: false })).json().is_active, false);
    assert.equal(
      (await req('POST', '/auth/login', {}, { email: user.email, password: user.password })).statusCode,
      403,
    );
  });

  it('refuses to block, demote or delete oneself', async () => {
    const self = await createUser(lectern, { role: 'admin' });
    assert.equal((await req('POST', `/users/${self.id}/block`, self.auth)).statusCode, 409);
    assert.equal((await req('PATCH', `/users/${self.id}`, self.auth, { role: 'student' })).statusCode, 409);
    assert.equal((await req('DELETE', `/users/${self.id}`, self.auth)).statusCode, 409);
  });

  it('deletes by anonymising: PII and credentials go, sessions end, owned courses stay intact', async () => {
    const teacher = await createUser(lectern, { role: 'instructor', fullName: 'Doomed Teacher' });
    const courseId = randomUUID();
    await sql`insert into courses (id, owner_id, title, slug) values (${courseId}, ${teacher.id}, ${'Kept course'}, ${`kept-${courseId}`})`.execute(
      lectern.database.db,
    );
    const del = await req('DELETE', `/users/${teacher.id}`, admin.auth);
    assert.equal(del.statusCode, 204);

    const row = await lectern.database.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', teacher.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.email, null);
    assert.equal(row.phone, null);
    assert.equal(row.password_hash, null);
    assert.equal(row.full_name, 'Deleted user');
    assert.equal(row.is_active, false);
    assert.ok(row.deleted_at);
    const course = await sql<{ owner_id: string }>`select owner_id from courses where id = ${courseId}`.execute(
      lectern.database.db,
    );
    assert.equal(course.rows[0]?.owner_id, teacher.id);

    assert.equal((await req('GET', '/users/me', teacher.auth)).statusCode, 401);
    assert.equal(
      (await req('POST', '/auth/login', {}, { email: teacher.email, password: teacher.password })).statusCode,
      401,
    );
    assert.equal((await req('GET', `/users/${teacher.id}`, admin.auth)).statusCode, 404);
    assert.equal((await req('DELETE', `/users/${teacher.id}`, admin.auth)).statusCode, 404);
    const listed = await req('GET', `/users?search=${encodeURIComponent('Deleted user')}`, admin.auth);
    assert.ok(!listed.json().items.some((u: { id: string }) => u.id === teacher.id));
    // The address is free again.
    const again = await req(
      'POST',
      '/auth/register',
      {},
      { email: teacher.email, password: teacher.password, full_name: 'New Owner' },
    );
    assert.equal(again.statusCode, 201);
  });

  it("answers 403 in 001's format to a student and an instructor on every admin route, 401 anonymously", async () => {
    const target = await createUser(lectern);
    const routes: ['GET' | 'POST' | 'PATCH' | 'DELETE', string, object?][] = [
      ['GET', '/users'],
      ['GET', `/users/${target.id}`],
      ['PATCH', `/users/${target.id}`, { role: 'admin' }],
      ['POST', `/users/${target.id}/block`],
      ['POST', `/users/${target.id}/unblock`],
      ['DELETE', `/users/${target.id}`],
    ];
    for (const role of ['student', 'instructor'] as const) {
      const caller = await createUser(lectern, { role });
      for (const [method, url, payload] of routes) {
        const response = await req(method, url, caller.auth, payload);
        assert.equal(response.statusCode, 403, `${role} ${method} ${url}`);
        assert.deepEqual(response.json(), { detail: 'Not authorized to perform this action' });
      }
    }
    for (const [method, url, payload] of routes) assert.equal((await req(method, url, {}, payload)).statusCode, 401);
    const still = await req('GET', `/users/${target.id}`, admin.auth);
    assert.equal(still.json().role, 'student');
    assert.equal(still.json().is_active, true);
  });

  it("keeps GET /users/me as the union of 000's and 001's fields", async () => {
    const user = await createUser(lectern, { fullName: 'Union Person' });
    const me = (await req('GET', '/users/me', user.auth)).json();
    for (const field of [
      'id',
      'email',
      'full_name',
      'first_name',
      'last_name',
      'role',
      'is_active',
      'is_verified',
      'mfa_enabled',
      'created_at',
      'last_login_at',
    ]) {
      assert.ok(field in me, field);
    }
    assert.equal(me.first_name, 'Union');
    assert.equal(me.last_name, 'Person');
  });
});
