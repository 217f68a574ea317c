import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { isUniqueViolation, mapDbError, translateDbErrors } from '../../src/platform/db/errors.ts';
import { DomainError } from '../../src/platform/errors.ts';

const pgError = (code: string, constraint?: string) => Object.assign(new Error(`pg ${code}`), { code, constraint });

describe('database error mapping', () => {
  it("maps unique and foreign-key violations to conflict and not found, with the caller's message", () => {
    const conflict = mapDbError(pgError('23505'), { conflict: 'Email taken' }) as DomainError;
    assert.ok(conflict instanceof DomainError);
    assert.deepEqual([conflict.kind, conflict.message], ['conflict', 'Email taken']);
    const missing = mapDbError(pgError('23503')) as DomainError;
    assert.deepEqual([missing.kind, missing.message], ['not_found', 'Referenced resource not found']);
  });

  it('maps bad values (invalid text, out of range, check and not-null violations) to validation errors', () => {
    for (const code of ['22P02', '22003', '23514', '23502']) {
      assert.equal((mapDbError(pgError(code)) as DomainError).kind, 'validation', code);
    }
  });

  it('leaves every other failure as it was, so it surfaces as a server error', () => {
    const lost = pgError('08006');
    assert.equal(mapDbError(lost), lost);
    assert.equal(mapDbError('text'), 'text');
    assert.equal(mapDbError(null), null);
  });

  it('translates inside translateDbErrors and names unique violations by constraint', async () => {
    await assert.rejects(
      translateDbErrors(async () => {
        throw pgError('23505', 'courses_slug_key');
      }),
      (error: unknown) => error instanceof DomainError && error.kind === 'conflict',
    );
    assert.equal(await translateDbErrors(async () => 42), 42);
    assert.equal(isUniqueViolation(pgError('23505', 'courses_slug_key'), 'courses_slug_key'), true);
    assert.equal(isUniqueViolation(pgError('23505', 'courses_slug_key'), 'users_email_key'), false);
    assert.equal(isUniqueViolation(pgError('23503')), false);
  });
});
