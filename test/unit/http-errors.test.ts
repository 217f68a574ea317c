import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { normalizeError } from '../../src/http/errors.ts';
import { DomainError, forbidden, invalid, notFound } from '../../src/platform/errors.ts';

describe('error normalisation', () => {
  it('gives each domain error kind its status and keeps code, message, details and Retry-After', () => {
    assert.equal(normalizeError(notFound('Course', 'c1')).status, 404);
    assert.equal(normalizeError(forbidden()).status, 403);
    const locked = normalizeError(new DomainError('locked', 'ACCOUNT_LOCKED', 'Locked', { retryAfterSeconds: 30 }));
    assert.deepEqual([locked.status, locked.code, locked.retryAfterSeconds], [423, 'ACCOUNT_LOCKED', 30]);
    const validation = normalizeError(invalid('Title must not be empty', 'title'));
    assert.equal(validation.status, 400);
    assert.deepEqual(validation.details, [{ field: 'title', message: 'Title must not be empty' }]);
  });

  it('turns request-schema failures into field problems', () => {
    const error = Object.assign(new Error('bad'), {
      validationContext: 'body',
      validation: [
        { instancePath: '', keyword: 'required', params: { missingProperty: 'email' }, message: 'x' },
        { instancePath: '', keyword: 'additionalProperties', params: { additionalProperty: 'role' }, message: 'x' },
      ],
    });
    const normalized = normalizeError(error);
    assert.equal(normalized.status, 400);
    assert.equal(normalized.kind, 'validation');
    assert.deepEqual(
      normalized.problems?.map((p) => [p.loc, p.msg]),
      [
        [['body', 'email'], 'field required'],
        [['body', 'role'], 'extra fields not permitted'],
      ],
    );
    assert.deepEqual(
      normalized.details.map((d) => d.field),
      ['email', 'role'],
    );
  });

  it('keeps client errors raised by Fastify and names malformed JSON', () => {
    const json = normalizeError(
      Object.assign(new Error('Unexpected token'), { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' }),
    );
    assert.deepEqual([json.status, json.code, json.message], [400, 'MALFORMED_JSON', 'Request body is not valid JSON']);
    assert.equal(normalizeError(Object.assign(new Error('too big'), { statusCode: 413 })).kind, 'payload_too_large');
  });

  it('hides everything else behind a plain 500', () => {
    const normalized = normalizeError(new Error('connection to 10.0.0.5 refused; select * from users'));
    assert.deepEqual(
      [normalized.status, normalized.code, normalized.message],
      [500, 'INTERNAL_ERROR', 'Internal server error'],
    );
  });
});
