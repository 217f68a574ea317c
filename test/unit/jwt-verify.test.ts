// The synchronous HS256 verifier accepts exactly what jose's jwtVerify accepted under Lectern's
// options (tokens signed by jose), and refuses foreign algorithms, forged or re-encoded
// signatures, critical headers, wrong issuer/audience, missing claims, not-yet-valid tokens,
// and tells an expired token apart.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';

import type { JWTPayload } from 'jose';
import { SignJWT } from 'jose';

import { createHs256Verifier, TokenExpiredError } from '../../src/modules/identity/jwt-verify.ts';

const settings = { secret: 'a-test-secret-of-enough-length-0123456789', issuer: 'lectern', audience: 'lectern-api' };
const verify = createHs256Verifier(settings);
const now = new Date('2026-03-01T12:00:00Z');
const at = Math.floor(now.getTime() / 1000);
const key = new TextEncoder().encode(settings.secret);

const claims = (extra: JWTPayload = {}): JWTPayload => ({
  sub: 'user-1',
  sid: 'session-1',
  iss: 'lectern',
  aud: 'lectern-api',
  iat: at - 10,
  exp: at + 900,
  jti: 'jti-1',
  ...extra,
});

const joseToken = (payload: JWTPayload, alg = 'HS256') =>
  new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT' }).sign(key);

/** A token signed by hand, for headers jose would not produce. */
function handToken(header: object, payload: object, secret = settings.secret): string {
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

describe('HS256 verifier', () => {
  it('accepts a token signed by jose and returns its claims', async () => {
    const payload = verify(await joseToken(claims()), now);
    assert.equal(payload['sub'], 'user-1');
    assert.equal(payload['sid'], 'session-1');
    assert.deepEqual(verify(await joseToken(claims({ aud: ['other', 'lectern-api'] })), now)['aud'], [
      'other',
      'lectern-api',
    ]);
  });

  it('pins the algorithm: none, HS512 and a header without alg are refused', async () => {
    // A good header seen first must not let another header skip its checks.
    verify(await joseToken(claims()), now);
    const payload = Buffer.from(JSON.stringify(claims())).toString('base64url');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload}.`;
    assert.throws(() => verify(none, now));
    const hs512 = await joseToken(claims(), 'HS512');
    assert.throws(() => verify(hs512, now));
    assert.throws(() => verify(handToken({ typ: 'JWT' }, claims()), now));
    assert.throws(() => verify(handToken({ alg: 'HS256', crit: ['exp'], exp: 1 }, claims()), now));
    assert.throws(() => verify(handToken({ alg: 'HS256', b64: false, crit: ['b64'] }, claims()), now));
  });

  it('refuses forged, tampered and non-canonical signatures and malformed tokens', async () => {
    const token = await joseToken(claims());
    const [header, , signature] = token.split('.') as [string, string, string];
    const forged = handToken({ alg: 'HS256', typ: 'JWT' }, claims(), 'another-secret-of-enough-length-00000');
    const tampered = `${header}.${Buffer.from(JSON.stringify(claims({ sub: 'admin' }))).toString('base64url')}.${signature}`;
    // 43 base64url characters carry 258 bits; the last character's spare bits changed.
    const last = signature.at(-1)!;
    const reencoded = `${token.slice(0, -1)}${String.fromCharCode(last.charCodeAt(0) ^ 1)}`;
    for (const bad of [forged, tampered, reencoded, `${token}.x`, token.replace('.', '..'), 'abc', '']) {
      assert.throws(() => verify(bad, now), bad);
    }
  });

  it('checks issuer, audience and the required claims', async () => {
    for (const extra of [
      { iss: 'someone-else' },
      { aud: 'another-api' },
      { sub: undefined },
      { jti: undefined },
      { exp: undefined },
      { exp: String(at + 900) },
      { iat: 'yesterday' },
      { nbf: at + 60 },
    ]) {
      assert.throws(() => verify(handToken({ alg: 'HS256' }, claims(extra as JWTPayload)), now), JSON.stringify(extra));
    }
    assert.ok(verify(handToken({ alg: 'HS256' }, claims({ nbf: at })), now));
  });

  it('tells an expired token apart, from its exp second on', async () => {
    assert.throws(() => verify(handToken({ alg: 'HS256' }, claims({ exp: at })), now), TokenExpiredError);
    assert.ok(verify(handToken({ alg: 'HS256' }, claims({ exp: at + 1 })), now));
    const expired = await joseToken(claims({ exp: at - 5 }));
    assert.throws(() => verify(expired, now), TokenExpiredError);
  });
});
