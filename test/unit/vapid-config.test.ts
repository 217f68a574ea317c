// VAPID settings: a bad key or subject stops start-up with a readable problem, as every setting does.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import webpush from 'web-push';

import { ConfigError, loadConfig } from '../../src/config.ts';

const DATA_DIR = mkdtempSync(join(tmpdir(), 'lectern-vapid-'));
const keys = webpush.generateVAPIDKeys();

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ DATA_DIR, ...env });
    return [];
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
}

describe('VAPID settings', () => {
  it('accepts keys from web-push and turns Web Push on', () => {
    const config = loadConfig({
      DATA_DIR,
      VAPID_PUBLIC_KEY: keys.publicKey,
      VAPID_PRIVATE_KEY: keys.privateKey,
      VAPID_SUBJECT: 'https://lectern.example/contact',
    });
    assert.deepEqual(config.vapid, {
      publicKey: keys.publicKey,
      privateKey: keys.privateKey,
      subject: 'https://lectern.example/contact',
    });
    assert.equal(loadConfig({ DATA_DIR }).vapid, undefined);
  });

  it('refuses a lone key, malformed keys and a subject that is neither mailto: nor https', () => {
    assert.deepEqual(problemsOf({ VAPID_PUBLIC_KEY: keys.publicKey }), [
      'VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be set together',
    ]);
    assert.deepEqual(
      problemsOf({ VAPID_PUBLIC_KEY: keys.privateKey, VAPID_PRIVATE_KEY: 'not+base64url', VAPID_SUBJECT: 'ops' }),
      [
        'VAPID_PUBLIC_KEY must be a base64url P-256 public key (65 bytes)',
        'VAPID_PRIVATE_KEY must be a base64url P-256 private key (32 bytes)',
        'VAPID_SUBJECT must be a mailto: address or an https:// URL',
      ],
    );
  });
});
