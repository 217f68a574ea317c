// Which database failures mean "unreachable" (answered 503, retry) and which are a statement's
// own fault (mapped elsewhere, or 500).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { normalizeError } from '../../src/http/errors.ts';
import { isDatabaseUnavailable } from '../../src/platform/db/errors.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it('recognises lost, refused and shutting-down connections', () => {
    for (const error of [
      withCode('57P01', 'terminating connection due to unexpected postmaster exit'),
      withCode('57P03', 'the database system is starting up'),
      withCode('08006'),
      withCode('ECONNREFUSED'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Client has encountered a connection error and is not queryable'),
      new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]),
      new Error('wrapped', { cause: withCode('57P01') }),
    ])
      assert.equal(isDatabaseUnavailable(error), true, String(error));
  });

  it('leaves statement errors alone', () => {
    for (const error of [withCode('23505'), withCode('22P02'), withCode('42P01'), new Error('boom'), null, 'text'])
      assert.equal(isDatabaseUnavailable(error), false, String(error));
  });

  it('normalises to a 503 with Retry-After', () => {
    const normalized = normalizeError(withCode('57P01'));
    assert.equal(normalized.status, 503);
    assert.equal(normalized.kind, 'unavailable');
    assert.equal(normalized.code, 'DATABASE_UNAVAILABLE');
    assert.equal(normalized.retryAfterSeconds, 5);
    assert.equal(normalizeError(new Error('boom')).status, 500);
  });
});
