// 000's identity paths at /api/v1: shapes, `mot_de_passe`, `teacher`, the refresh token as
// Bearer, and 000's error format {detail, error_code, status_code, timestamp}.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createUser, STRONG_PASSWORD, uniqueEmail } from '../helpers/factories.ts';
import { startSmtpServer } from '../helpers/smtp.ts';
import { linkToken, waitForMail } from '../identity/identity-helpers.ts';

const smtp = await startSmtpServer();
// No GOOGLE_CLIENT_ID: Google login is refused until one is set.
const lectern = await startTestApp({ SMTP_URL: smtp.url });
const { app } = lectern;
const admin = await createUser(lectern, { role: 'admin' });
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
const req = (method: Method, url: string, headers: Record<string, string> = {}, payload?: object) =>
  app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });

function assertGatewayError(body: Record<string, unknown>, status: number, code?: string) {
  assert.deepEqual(Object.keys(body).sort(), ['detail', 'error_code', 'status_code', 'timestamp']);
  assert.equal(body['status_code'], status);
  if (code) assert.equal(body['error_code'], code);
  assert.ok(!Number.isNaN(Date.parse(String(body['timestamp']))));
}

async function gatewayLogin(email: string, password: string, extra: object = {}) {
  const response = await req('POST', '/login', {}, { email, mot_de_passe: password, ...extra });
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

describe('000 authentication', () => {
  it('registers with mot_de_passe, answers {message, user_id, verification_required}, verifies by mail', async () => {
    const email = uniqueEmail('gw');
    const response = await req(
      'POST',
      '/register',
      {},
      { email, mot_de_passe: STRONG_PASSWORD, first_name: 'Jean', last_name: 'Dupont' },
    );
    assert.equal(response.statusCode, 201);
    assert.deepEqual(Object.keys(response.json()).sort(), ['message', 'user_id', 'verification_required']);
    assert.equal(response.json().message, 'User created successfully');
    assert.equal(response.json().verification_required, true);

    const token = linkToken(await waitForMail(smtp.messages, email, /Subject: Welcome to Lectern/), 'verify-email');
    const wrongEmail = await req('POST', '/verify-email', {}, { token, email: uniqueEmail() });
    assert.equal(wrongEmail.statusCode, 401);
    assertGatewayError(wrongEmail.json(), 401, 'TOKEN_INVALID');
    // A token presented with another address is not spent.
    const verify = await req('POST', '/verify-email', {}, { token, email });
    assert.equal(verify.statusCode, 200);
    assert.equal((await req('POST', '/verify-email', {}, { token, email })).statusCode, 401);
  });

  it("verifies an email with 000's {token, email}", async () => {
    const email = uniqueEmail('gw-verify');
    await req('POST', '/register', {}, { email, mot_de_passe: STRONG_PASSWORD, first_name: 'Vera', last_name: 'Fied' });
    const token = linkToken(await waitForMail(smtp.messages, email, /Subject: Welcome/), 'verify-email');
    const verify = await req('POST', '/verify-email', {}, { token, email: email.toUpperCase() });
    assert.equal(verify.statusCode, 200);
    assert.deepEqual(verify.json(), { message: 'Email verified successfully' });
    const login = await gatewayLogin(email, STRONG_PASSWORD);
    const me = await req('GET', '/users/me', { authorization: `Bearer ${login.access_token}` });
    assert.equal(me.json().is_verified, true);
  });

  it("logs in with 000's shape: teacher for instructors, real expires_in; refuses a duplicate register", async () => {
    const teacher = await createUser(lectern, { role: 'instructor', fullName: 'Marie Curie' });
    const body = await gatewayLogin(teacher.email, teacher.password);
    assert.deepEqual(Object.keys(body).sort(), ['access_token', 'expires_in', 'refresh_token', 'token_type', 'user']);
    assert.equal(body.token_type, 'bearer');
    assert.equal(body.expires_in, 900);
    assert.deepEqual(body.user, {
      id: teacher.id,
      email: teacher.email,
      role: 'teacher',
      first_name: 'Marie',
      last_name: 'Curie',
    });
    const dup = await req(
      'POST',
      '/register',
      {},
      { email: teacher.email, mot_de_passe: STRONG_PASSWORD, first_name: 'X', last_name: 'Y' },
    );
    assert.equal(dup.statusCode, 409);
    assertGatewayError(dup.json(), 409, 'IDENTITY_EMAIL_TAKEN');
  });

  it("answers 000's error format: wrong password, validation (mot_de_passe), weak password", async () => {
    const user = await createUser(lectern);
    const wrong = await req('POST', '/login', {}, { email: user.email, mot_de_passe: 'Wrong-Pass-1' });
    assert.equal(wrong.statusCode, 401);
    assertGatewayError(wrong.json(), 401, 'IDENTITY_INVALID_CREDENTIALS');
    const missing = await req('POST', '/login', {}, { email: user.email, password: user.password });
    assert.equal(missing.statusCode, 422);
    assert.equal(missing.json().error_code, 'VALIDATION_ERROR');
    assert.ok(Array.isArray(missing.json().detail));
    assert.ok(
      missing
        .json()
        .detail.every(
          (d: { field: string; message: string }) => typeof d.field === 'string' && typeof d.message === 'string',
        ),
    );
    const weak = await req(
      'POST',
      '/register',
      {},
      { email: uniqueEmail(), mot_de_passe: 'password', first_name: 'W', last_name: 'P' },
    );
    assert.equal(weak.statusCode, 422);
    assert.equal(weak.json().detail[0].field, 'mot_de_passe');
  });

  it('remember_me extends the session: the refresh token outlives the default lifetime', async () => {
    const user = await createUser(lectern);
    const remembered = await gatewayLogin(user.email, user.password, { remember_me: true });
    const plain = await gatewayLogin(user.email, user.password);
    lectern.clock.advance(8 * 86_400_000);
    try {
      assert.equal((await req('POST', '/refresh', { authorization: `Bearer ${plain.refresh_token}` })).statusCode, 401);
      assert.equal(
        (await req('POST', '/refresh', { authorization: `Bearer ${remembered.refresh_token}` })).statusCode,
        200,
      );
    } finally {
      lectern.clock.advance(-8 * 86_400_000);
    }
  });

  it('refreshes with the refresh token as Bearer; the refresh token keeps working; logout ends it', async () => {
    const user = await createUser(lectern);
    const login = await gatewayLogin(user.email, user.password);
    const refresh = await req('POST', '/refresh', { authorization: `Bearer ${login.refresh_token}` });
    assert.equal(refresh.statusCode, 200);
    assert.deepEqual(Object.keys(refresh.json()).sort(), ['access_token', 'expires_in', 'token_type']);
    assert.equal(refresh.json().expires_in, 900);
    const again = await req('POST', '/refresh', { authorization: `Bearer ${login.refresh_token}` });
    assert.equal(again.statusCode, 200);
    const fresh = { authorization: `Bearer ${again.json().access_token}` };
    assert.equal((await req('GET', '/users/me', fresh)).statusCode, 200);
    // An access token is no refresh token, and none at all is refused.
    assert.equal((await req('POST', '/refresh', { authorization: `Bearer ${login.access_token}` })).statusCode, 401);
    const none = await req('POST', '/refresh');
    assert.equal(none.statusCode, 401);
    assertGatewayError(none.json(), 401);

    const logout = await req('POST', '/logout', fresh);
    assert.equal(logout.statusCode, 200);
    assert.deepEqual(logout.json(), { message: 'Logged out successfully' });
    assert.equal((await req('GET', '/users/me', fresh)).statusCode, 401);
    assert.equal((await req('POST', '/refresh', { authorization: `Bearer ${login.refresh_token}` })).statusCode, 401);
  });

  it("answers 503 in 000's format while Google login is not configured", async () => {
    const response = await req('POST', '/oauth-login', {}, { token: 'eyJhbGciOiJSUzI1NiJ9.e30.sig' });
    assert.equal(response.statusCode, 503);
    assertGatewayError(response.json(), 503, 'IDENTITY_GOOGLE_DISABLED');
  });
});

describe('000 profile', () => {
  it('updates names with PUT /users/me (nothing else), answering {message, user}', async () => {
    const user = await createUser(lectern);
    const put = await req('PUT', '/users/me', user.auth, { first_name: 'Simone', last_name: 'Weil' });
    assert.equal(put.statusCode, 200);
    assert.equal(put.json().message, 'Profile updated successfully');
    assert.equal(put.json().user.first_name, 'Simone');
    assert.equal(put.json().user.role, 'student');
    const native = await req('GET', '/users/me', user.auth);
    assert.equal(native.json().full_name, 'Simone Weil');
    for (const payload of [{ role: 'admin' }, { is_active: false }, { first_name: 'X', is_verified: true }]) {
      const response = await req('PUT', '/users/me', user.auth, payload);
      assert.equal(response.statusCode, 422);
      assertGatewayError(response.json(), 422, 'VALIDATION_ERROR');
    }
    assert.equal((await req('GET', '/users/me', user.auth)).json().role, 'student');
  });

  it('changes the password with PUT /change-password, ending other sessions', async () => {
    const user = await createUser(lectern);
    const other = await gatewayLogin(user.email, user.password);
    const wrong = await req('PUT', '/change-password', user.auth, {
      current_password: 'Nope-Nope-1',
      new_password: 'Changed-Pass-77',
    });
    assert.equal(wrong.statusCode, 400);
    assertGatewayError(wrong.json(), 400, 'IDENTITY_WRONG_PASSWORD');
    const ok = await req('PUT', '/change-password', user.auth, {
      current_password: user.password,
      new_password: 'Changed-Pass-77',
    });
    assert.equal(ok.statusCode, 200);
    assert.deepEqual(ok.json(), { message: 'Password changed successfully' });
    assert.equal((await req('GET', '/users/me', { authorization: `Bearer ${other.access_token}` })).statusCode, 401);
    await gatewayLogin(user.email, 'Changed-Pass-77');
  });
});

describe('000 admin users', () => {
  it('lists with page/limit/role=teacher/search into {users, total, page, pages}', async () => {
    const tag = randomUUID().slice(0, 8);
    for (let i = 0; i < 3; i++) await createUser(lectern, { role: 'instructor', fullName: `Teach ${tag}` });
    await createUser(lectern, { fullName: `Learn ${tag}` });
    const response = await req('GET', `/admin/users?page=1&limit=2&role=teacher&search=${tag}`, admin.auth);
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.deepEqual(Object.keys(body).sort(), ['page', 'pages', 'total', 'users']);
    assert.equal(body.total, 3);
    assert.equal(body.pages, 2);
    assert.equal(body.users.length, 2);
    assert.deepEqual(Object.keys(body.users[0]).sort(), [
      'created_at',
      'email',
      'first_name',
      'id',
      'is_active',
      'is_verified',
      'last_login',
      'last_name',
      'role',
    ]);
    assert.ok(body.users.every((u: { role: string }) => u.role === 'teacher'));
  });

  it('reads, changes the role (teacher → instructor in the core), blocks, unblocks and deletes', async () => {
    const user = await createUser(lectern);
    const one = await req('GET', `/admin/users/${user.id}`, admin.auth);
    assert.equal(one.statusCode, 200);
    assert.ok(one.json().last_login);
    const role = await req('PUT', `/admin/users/${user.id}/role`, admin.auth, { role: 'teacher' });
    assert.equal(role.statusCode, 200);
    assert.equal(role.json().message, 'User role updated successfully');
    assert.equal(role.json().user.role, 'teacher');
    assert.equal((await req('GET', '/users/me', user.auth)).json().role, 'instructor');
    assert.equal(
      (await req('PUT', `/admin/users/${user.id}/role`, admin.auth, { role: 'instructor' })).statusCode,
      422,
    );

    const block = await req('POST', `/admin/users/${user.id}/block`, admin.auth);
    assert.deepEqual(block.json(), { message: 'User blocked successfully' });
    const blockedLogin = await req('POST', '/login', {}, { email: user.email, mot_de_passe: user.password });
    assert.equal(blockedLogin.statusCode, 403);
    assertGatewayError(blockedLogin.json(), 403, 'ACCOUNT_BLOCKED');
    assert.deepEqual((await req('POST', `/admin/users/${user.id}/unblock`, admin.auth)).json(), {
      message: 'User unblocked successfully',
    });
    await gatewayLogin(user.email, user.password);

    const del = await req('DELETE', `/admin/users/${user.id}`, admin.auth);
    assert.deepEqual(del.json(), { message: 'User deleted successfully' });
    const gone = await req('GET', `/admin/users/${user.id}`, admin.auth);
    assert.equal(gone.statusCode, 404);
    assertGatewayError(gone.json(), 404, 'NOT_FOUND');
  });

  it("answers 403 in 000's format to a student and a teacher on every admin route", async () => {
    const target = await createUser(lectern);
    const routes: [Method, string, object?][] = [
      ['GET', '/admin/users'],
      ['GET', `/admin/users/${target.id}`],
      ['PUT', `/admin/users/${target.id}/role`, { role: 'admin' }],
      ['DELETE', `/admin/users/${target.id}`],
      ['POST', `/admin/users/${target.id}/block`],
      ['POST', `/admin/users/${target.id}/unblock`],
    ];
    for (const role of ['student', 'instructor'] as const) {
      const caller = await createUser(lectern, { role });
      for (const [method, url, payload] of routes) {
        const response = await req(method, url, caller.auth, payload);
        assert.equal(response.statusCode, 403, `${role} ${method} ${url}`);
        assertGatewayError(response.json(), 403, 'FORBIDDEN');
      }
    }
    for (const [method, url, payload] of routes) {
      const response = await req(method, url, {}, payload);
      assert.equal(response.statusCode, 401);
      assertGatewayError(response.json(), 401);
    }
    const still = await req('GET', `/admin/users/${target.id}`, admin.auth);
    assert.equal(still.json().role, 'student');
    assert.equal(still.json().is_active, true);
  });
});
