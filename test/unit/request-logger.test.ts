// The per-request child logger (src/http/log.ts requestLogger) writes the same lines as pino's own
// child, with the request id among the bindings, and redacts what is logged through it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { FastifyBaseLogger } from 'fastify';
import type { Logger } from 'pino';

import { createLogger, requestLogger } from '../../src/http/log.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger: logger.child({ module: 'http' }) as FastifyBaseLogger, lines };
}

describe('requestLogger', () => {
  it("writes the lines pino's child writes, bound to the request id, with credentials redacted", () => {
    const ours = capture();
    const pinos = capture();
    const logged = { headers: { authorization: 'Bearer SECRET' }, input: { password: 'SECRET', email: 'a@b.test' } };
    requestLogger(ours.logger, { reqId: 'req-"1"' }, {}).info(logged, 'hello');
    pinos.logger.child({ reqId: 'req-"1"' }).info(logged, 'hello');
    const strip = ({ time: _time, ...line }: Record<string, unknown>) => line;
    assert.deepEqual(ours.lines.map(strip), pinos.lines.map(strip));
    assert.equal(ours.lines[0]!['reqId'], 'req-"1"');
    assert.equal(ours.lines[0]!['module'], 'http');
    assert.ok(!JSON.stringify(ours.lines).includes('SECRET'));
    const child = requestLogger(ours.logger, { reqId: 'x' }, {}) as unknown as Logger;
    assert.deepEqual(child.bindings(), { module: 'http', reqId: 'x' });
  });

  it("takes pino's path for other bindings and for options", () => {
    const { logger, lines } = capture();
    requestLogger(logger, { reqId: 'r', token: 'SECRET' }, {}).info('two bindings');
    requestLogger(logger, { reqId: 'r' }, { level: 'warn' }).info('below the level');
    assert.equal(lines.length, 1);
    assert.equal(lines[0]!['token'], '[redacted]');
  });
});
