// No secret in any response or log line: passwords, hashes, MFA secrets, recovery codes, SMS
// codes, mail tokens and refresh tokens, over a run of every flow with logging at its most verbose.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, it } from 'node:test';

import { createLectern } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/http/log.ts';
import { testEnv } from '../helpers/app.ts';
import { createTestClock } from '../helpers/clock.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { STRONG_PASSWORD, uniqueEmail } from '../helpers/factories.ts';
import { startSmsReceiver, totp } from './identity-helpers.ts';

const sms = await startSmsReceiver();
const env = testEnv({ SMS_WEBHOOK_URL: sms.url, LOG_LEVEL: 'trace' });
const logLines: string[] = [];
const logger = createLogger('trace', { write: (line: string) => void logLines.push(line) });
const database = await createTestDatabase();
const clock = createTestClock();
const lectern = await createLectern(loadConfig(env), { database: database.handle, clock, logger });
after(async () => {
  await lectern.close();
  await database.dispose();
  rmSync(env['DATA_DIR']!, { recursive: true, force: true });
});
const { app } = lectern;
const bodies: string[] = [];
async function call(method: 'GET' | 'POST', url: string, payload?: object, headers: Record<string, string> = {}) {
  const response = await app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  bodies.push(response.body);
  return response;
}

describe('secrets stay secret', () => {
  it('never logs or returns a password, hash, MFA secret, code or token beyond the one answer that hands it out', async () => {
    const email = uniqueEmail('secret');
    const registered = (
      await call('POST', '/auth/register', { email, password: STRONG_PASSWORD, full_name: 'Keeper' })
    ).json();
    const auth = { authorization: `Bearer ${registered.access_token}` };
    const enable = await app.inject({ method: 'POST', url: '/api/v1/auth/mfa/enable', headers: auth });
    const { secret } = enable.json();
    const verify = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/mfa/verify',
      headers: auth,
      payload: { code: totp(secret, clock.now().getTime()) },
    });
    const recoveryCodes: string[] = verify.json().recovery_codes;
    await call('POST', '/auth/password-reset/request', { email });
    const phone = '+15550001234';
    await call('POST', '/auth/phone/send-code', { phone });
    await lectern.queue.settle();
    const smsCode = sms.codeFor(phone);
    await call('POST', '/auth/phone/verify', { phone, code: smsCode === '000000' ? '111111' : '000000' });
    await call('POST', '/auth/login', { email, password: 'Wrong-Password-9' });
    await call('GET', '/users/me', undefined, auth);
    const outbox = await lectern.database.db
      .selectFrom('outbox_messages')
      .select('body_text')
      .where('recipient', '=', email)
      .execute();
    const mailTokens = outbox.flatMap((m) =>
      [...m.body_text.matchAll(/token=([A-Za-z0-9_-]+)/g)].map((match) => match[1]!),
    );
    assert.ok(mailTokens.length >= 2);
    const row = await lectern.database.db
      .selectFrom('users')
      .select(['password_hash', 'mfa_secret_encrypted'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();

    const secrets = [
      STRONG_PASSWORD,
      row.password_hash!,
      row.mfa_secret_encrypted!,
      secret,
      ...recoveryCodes,
      smsCode,
      ...mailTokens,
      registered.refresh_token,
    ];
    const logText = logLines.join('\n');
    assert.ok(logText.includes('incoming request'), 'requests were logged');
    const responseText = bodies.join('\n');
    for (const value of secrets) {
      assert.ok(!logText.includes(value), `a log line carries a secret (${value.slice(0, 4)}…)`);
    }
    for (const value of [
      STRONG_PASSWORD,
      row.password_hash!,
      row.mfa_secret_encrypted!,
      secret,
      ...recoveryCodes,
      smsCode,
      ...mailTokens,
    ]) {
      assert.ok(!responseText.includes(value), `a response carries a secret (${value.slice(0, 4)}…)`);
    }
    assert.doesNotMatch(responseText, /argon2|mfa_secret|code_hash|token_hash|failed_login/);
  });
});
