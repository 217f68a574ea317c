// The synchronous HS256 signer produces the very bytes jose's SignJWT produced for the access
// token's header and claims (so nothing a client or a verifier sees changes), its tokens pass
// jose's own jwtVerify under Lectern's options, and a token signed with another secret does not.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { jwtVerify, SignJWT } from 'jose';

import { createHs256Signer } from '../../src/modules/identity/jwt-sign.ts';

const secret = 'a-test-secret-of-enough-length-0123456789';
const sign = createHs256Signer(secret);
const key = new TextEncoder().encode(secret);
const at = Math.floor(Date.now() / 1000);

const custom = {
  sid: 'session-1',
  role: 'student',
  roles: ['user', 'student'],
  permissions: ['read:profile', 'write:profile', 'read:courses'],
  email: 'zoë@example.com',
};

/** The access token as tokens.ts signed it with jose. */
const joseToken = () =>
  new SignJWT(custom)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('user-1')
    .setIssuer('lectern')
    .setAudience('lectern-api')
    .setIssuedAt(at)
    .setExpirationTime(at + 900)
    .setJti('jti-1')
    .sign(key);

const claims = { ...custom, sub: 'user-1', iss: 'lectern', aud: 'lectern-api', iat: at, exp: at + 900, jti: 'jti-1' };

describe('HS256 signer', () => {
  it("signs the same bytes as jose's SignJWT", async () => {
    assert.equal(sign(claims), await joseToken());
  });

  it("passes jose's jwtVerify with the algorithm, issuer and audience pinned", async () => {
    const { payload, protectedHeader } = await jwtVerify(sign(claims), key, {
      algorithms: ['HS256'],
      issuer: 'lectern',
      audience: 'lectern-api',
      requiredClaims: ['sub', 'exp', 'jti'],
    });
    assert.deepEqual(protectedHeader, { alg: 'HS256', typ: 'JWT' });
    assert.deepEqual(payload, claims);
  });

  it('a token of another secret fails verification', async () => {
    const other = createHs256Signer(`${secret}-other`)(claims);
    await assert.rejects(jwtVerify(other, key, { algorithms: ['HS256'] }));
  });
});
