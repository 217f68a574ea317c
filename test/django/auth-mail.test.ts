// 002's verify-email and password-reset-confirm with the tokens from real mail (an SMTP server on
// loopback): a verified address shows on users/me/, a reset password signs in, tokens work once.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { STRONG_PASSWORD, uniqueEmail } from '../helpers/factories.ts';
import { startSmtpServer } from '../helpers/smtp.ts';
import { linkToken, waitForMail } from '../identity/identity-helpers.ts';

const smtp = await startSmtpServer();
const lectern = await startTestApp({ SMTP_URL: smtp.url });
const post = (url: string, payload: object) => lectern.app.inject({ method: 'POST', url, payload });

async function register() {
  const email = uniqueEmail('drf-mail');
  const response = await post('/api/auth/register/', { email, password: STRONG_PASSWORD, password2: STRONG_PASSWORD });
  assert.equal(response.statusCode, 201, response.body);
  return { email, access: response.json().access as string };
}

describe('002 auth by mail', () => {
  it('verifies the address with the mailed token, once', async () => {
    const { email, access } = await register();
    const me = () =>
      lectern.app.inject({ method: 'GET', url: '/api/users/me/', headers: { authorization: `Bearer ${access}` } });
    assert.equal((await me()).json().is_verified, false);
    const token = linkToken(await waitForMail(smtp.messages, email, /Subject: Welcome to Lectern/), 'verify-email');
    const verified = await post('/api/auth/verify-email/', { token });
    assert.equal(verified.statusCode, 200, verified.body);
    assert.equal(typeof verified.json().detail, 'string');
    assert.equal((await me()).json().is_verified, true);
    const again = await post('/api/auth/verify-email/', { token });
    assert.equal(again.statusCode, 400);
  });

  it('resets the password with the mailed token; the new one signs in, the old one no longer', async () => {
    const { email } = await register();
    assert.equal((await post('/api/auth/password-reset/', { email })).statusCode, 200);
    const token = linkToken(
      await waitForMail(smtp.messages, email, /Subject: Reset your Lectern password/),
      'reset-password',
    );
    const weak = await post('/api/auth/password-reset-confirm/', { token, new_password: 'weak' });
    assert.equal(weak.statusCode, 400);
    assert.deepEqual(Object.keys(weak.json()), ['new_password']);
    const confirmed = await post('/api/auth/password-reset-confirm/', { token, new_password: 'Brand-New-Pass-8' });
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    assert.equal((await post('/api/auth/login/', { email, password: 'Brand-New-Pass-8' })).statusCode, 200);
    assert.equal((await post('/api/auth/login/', { email, password: STRONG_PASSWORD })).statusCode, 401);
    const reused = await post('/api/auth/password-reset-confirm/', { token, new_password: 'Another-Pass-77' });
    assert.equal(reused.statusCode, 400);
  });
});
