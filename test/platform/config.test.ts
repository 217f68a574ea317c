import assert from 'node:assert/strict';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { ConfigError, loadConfig } from '../../src/config.ts';

describe('configuration', () => {
  it('lists every bad setting at once', () => {
    assert.throws(
      () =>
        loadConfig({
          PORT: 'eighty',
          DATABASE_URL: 'mysql://x',
          ADMIN_EMAIL: 'a@b.co',
          JWT_SECRET: 'short',
          LOG_LEVEL: 'loud',
        }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.problems.length, 5);
        assert.match(error.message, /PORT must be an integer/);
        assert.match(error.message, /DATABASE_URL must be a URL/);
        assert.match(error.message, /ADMIN_EMAIL and ADMIN_PASSWORD/);
        return true;
      },
    );
  });

  it('defaults to embedded PGlite under DATA_DIR and generates a JWT secret once, mode 0600', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lectern-config-'));
    const first = loadConfig({ DATA_DIR: dataDir });
    assert.equal(first.database.kind, 'pglite');
    assert.equal(first.port, 8000);
    assert.equal(first.publicUrl, 'http://localhost:8000');
    assert.equal(first.storage.kind, 'local');
    assert.ok(first.jwt.secret.length >= 32);
    assert.equal(statSync(join(dataDir, 'secrets', 'jwt-secret')).mode & 0o777, 0o600);
    assert.equal(loadConfig({ DATA_DIR: dataDir }).jwt.secret, first.jwt.secret);
  });
});
