// Credentials never reach the log: credential-named headers (x-api-key, authorization, cookies...)
// wherever a headers object is logged, credential-named fields, and credential query parameters.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { createLogger } from '../../src/http/log.ts';
import { startTestApp } from '../helpers/app.ts';

const lines: string[] = [];
const logger = createLogger('trace', { write: (line: string) => void lines.push(line) });
const lectern = await startTestApp({}, { logger });

describe('log redaction', () => {
  it('keeps x-api-key and other credential headers and fields out of logged objects', () => {
    lines.length = 0;
    logger.info({ headers: { 'x-api-key': 'SECRET-A', accept: 'text/plain' } }, 'top-level headers');
    logger.warn(
      { request: { headers: { 'x-api-key': 'SECRET-B', authorization: 'Bearer SECRET-C', cookie: 's=SECRET-D' } } },
      'nested headers',
    );
    logger.error({ input: { email: 'a@example.test', password: 'SECRET-E', client_secret: 'SECRET-F' } }, 'fields');
    logger.info({ api_key: 'SECRET-G', job: { data: { token: 'SECRET-H' } } }, 'deeper fields');
    const text = lines.join('');
    for (const secret of ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'])
      assert.ok(!text.includes(`SECRET-${secret}`), secret);
    assert.ok(text.includes('text/plain'), 'other headers stay');
    assert.ok(text.includes('a@example.test'), 'other fields stay');
    assert.equal(text.match(/\[redacted\]/g)?.length, 8);
  });

  it('logs requests without their credential headers or query values', async () => {
    lines.length = 0;
    const response = await lectern.app.inject({
      method: 'GET',
      url: '/api/v1/courses?api_key=SECRET-Q1&x-api-key=SECRET-Q2&page=1',
      headers: { 'x-api-key': 'SECRET-H1', authorization: 'Bearer SECRET-H2' },
    });
    assert.equal(response.statusCode, 401, 'the made-up token is refused (and that answer logged)');
    const text = lines.join('');
    assert.ok(text.includes('incoming request'), 'the request was logged');
    assert.ok(text.includes('page=1'));
    for (const secret of ['Q1', 'Q2', 'H1', 'H2']) assert.ok(!text.includes(`SECRET-${secret}`), secret);
  });

  it("binds every line of a request to its id, and still redacts what the request's logger logs", async () => {
    lines.length = 0;
    const response = await lectern.app.inject({
      method: 'GET',
      url: '/api/v1/courses',
      headers: { 'x-request-id': 'client-id-1', authorization: 'Bearer SECRET-R1' },
    });
    assert.equal(response.headers['x-request-id'], 'client-id-1');
    const logged = lines.map((line) => JSON.parse(line) as { reqId?: string; msg?: string });
    const ofRequest = logged.filter((line) => line.reqId === 'client-id-1');
    assert.ok(ofRequest.some((line) => line.msg === 'incoming request'));
    assert.ok(ofRequest.some((line) => line.msg === 'request completed'));
    assert.ok(!lines.join('').includes('SECRET-R1'));
  });
});
