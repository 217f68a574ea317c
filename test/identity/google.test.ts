// Google sign-in: ID tokens signed by the test and verified against a local JWKS endpoint.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createUser, uniqueEmail } from '../helpers/factories.ts';
import { startJwks } from './identity-helpers.ts';

const CLIENT_ID = 'lectern-test.apps.googleusercontent.com';
const jwks = await startJwks();
const lectern = await startTestApp({ GOOGLE_CLIENT_ID: CLIENT_ID, GOOGLE_JWKS_URL: jwks.url });
const { app } = lectern;
const nowSeconds = () => Math.floor(lectern.clock.now().getTime() / 1000);
const googleLogin = (idToken: string) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/google', payload: { id_token: idToken } });
const token = (
  claims: Record<string, unknown>,
  options: { audience?: string; issuer?: string; foreignKey?: boolean; expiresIn?: number } = {},
) =>
  jwks.sign(claims, {
    audience: options.audience ?? CLIENT_ID,
    nowSeconds: nowSeconds(),
    ...(options.issuer ? { issuer: options.issuer } : {}),
    ...(options.foreignKey ? { foreignKey: true } : {}),
    ...(options.expiresIn !== undefined ? { expiresIn: options.expiresIn } : {}),
  });

describe('Google sign-in', () => {
  it('creates a verified account from a Google ID token, then signs the same subject in again', async () => {
    const email = uniqueEmail('google');
    const sub = randomUUID();
    const first = await googleLogin(
      await token({ sub, email, email_verified: true, given_name: 'Gina', family_name: 'Google' }),
    );
    assert.equal(first.statusCode, 200);
    assert.equal(first.json().expires_in, 900);
    const me = await app.inject({
      method: 'GET',
      url: '/api/v1/users/me',
      headers: { authorization: `Bearer ${first.json().access_token}` },
    });
    assert.equal(me.json().email, email);
    assert.equal(me.json().full_name, 'Gina Google');
    assert.equal(me.json().is_verified, true);
    const second = await googleLogin(await token({ sub, email, email_verified: true }));
    assert.equal(second.statusCode, 200);
    const rows = await lectern.database.db
      .selectFrom('users')
      .select(['id', 'google_id', 'password_hash'])
      .where('email', '=', email)
      .execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.google_id, sub);
    assert.equal(rows[0]!.password_hash, null);
    assert.ok(jwks.fetches() >= 1);
  });

  it('links an existing account by a Google-verified email, and refuses an unverified one', async () => {
    const user = await createUser(lectern);
    const unverified = await googleLogin(await token({ sub: randomUUID(), email: user.email, email_verified: false }));
    assert.equal(unverified.statusCode, 401);
    const sub = randomUUID();
    const linked = await googleLogin(await token({ sub, email: user.email.toUpperCase(), email_verified: true }));
    assert.equal(linked.statusCode, 200);
    const row = await lectern.database.db
      .selectFrom('users')
      .select(['google_id', 'email_verified_at'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.google_id, sub);
    assert.ok(row.email_verified_at);
  });

  it('refuses tokens for another audience, another issuer, a foreign key, expired or garbage', async () => {
    const claims = { sub: randomUUID(), email: uniqueEmail('bad'), email_verified: true };
    const bad = [
      await token(claims, { audience: 'someone-else.apps.googleusercontent.com' }),
      await token(claims, { issuer: 'https://evil.example' }),
      await token(claims, { foreignKey: true }),
      await token(claims, { expiresIn: nowSeconds() - 60 }),
      'not-a-jwt',
    ];
    for (const idToken of bad) {
      const response = await googleLogin(idToken);
      assert.equal(response.statusCode, 401, idToken.slice(0, 20));
      assert.equal(typeof response.json().detail, 'string');
    }
    const created = await lectern.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', claims.email)
      .executeTakeFirst();
    assert.equal(created, undefined);
  });

  it('refuses a blocked account', async () => {
    const user = await createUser(lectern);
    await lectern.database.db.updateTable('users').set({ is_active: false }).where('id', '=', user.id).execute();
    const response = await googleLogin(await token({ sub: randomUUID(), email: user.email, email_verified: true }));
    assert.equal(response.statusCode, 403);
  });

  it("signs in through 000's /oauth-login with its shape", async () => {
    const email = uniqueEmail('gw-google');
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/oauth-login',
      payload: { token: await token({ sub: randomUUID(), email, email_verified: true, name: 'Gateway Person' }) },
    });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.ok(body.access_token && body.refresh_token);
    assert.deepEqual(Object.keys(body.user).sort(), ['email', 'first_name', 'id', 'last_name', 'role']);
    assert.equal(body.user.email, email);
    assert.equal(body.user.first_name, 'Gateway');
  });
});
