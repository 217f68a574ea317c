// SIGTERM to a `lectern serve` process under keep-alive load: every request the server accepted
// is answered (no reset: the client could not tell whether its request ran), requests on
// kept-alive sockets after the signal get a real answer with `Connection: close`, new
// connections are refused, and the process exits 0.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, describe, it } from 'node:test';

import { startLecternProcess } from './lectern-process.ts';

const lectern = await startLecternProcess();
after(() => lectern.stop());

interface Outcome {
  status?: number;
  connection?: string;
  error?: string;
  afterSignal: boolean;
}

function request(agent: http.Agent, path: string, afterSignal: () => boolean): Promise<Outcome> {
  return new Promise((resolve) => {
    const sentAfterSignal = afterSignal();
    const req = http.request(`${lectern.url}${path}`, { agent }, (response) => {
      response.resume();
      response.on('end', () =>
        resolve({ status: response.statusCode, connection: response.headers.connection, afterSignal: sentAfterSignal }),
      );
      response.on('error', (error: NodeJS.ErrnoException) =>
        resolve({ error: error.code ?? error.message, afterSignal: sentAfterSignal }),
      );
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ error: error.code ?? error.message, afterSignal: sentAfterSignal }),
    );
    req.end();
  });
}

describe('SIGTERM under load', () => {
  it('answers every accepted request, refuses new connections, exits 0', { timeout: 120_000 }, async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    const outcomes: Outcome[] = [];
    let signalled = false;
    const paths = ['/api/v1/courses', '/v1/courses', '/api/v1/health'];
    // Each client sends back to back until the server refuses its connection.
    const clients = Array.from({ length: 16 }, async (_, index) => {
      for (let n = 0; ; n++) {
        const outcome = await request(agent, paths[(index + n) % paths.length]!, () => signalled);
        outcomes.push(outcome);
        if (outcome.error) return;
        if (!signalled && outcomes.length >= 300) {
          signalled = true;
          lectern.child.kill('SIGTERM');
        }
      }
    });
    await Promise.all(clients);
    agent.destroy();
    const code = await lectern.exited;

    const errors = outcomes.filter((outcome) => outcome.error);
    // A refused connection is clean: nothing was sent. Anything else is a request lost in flight.
    assert.deepEqual(
      errors.filter((outcome) => outcome.error !== 'ECONNREFUSED'),
      [],
      'no request reset or cut off',
    );
    const answered = outcomes.filter((outcome) => outcome.status !== undefined);
    assert.deepEqual(
      answered.filter((outcome) => outcome.status !== 200),
      [],
      'every answered request served normally',
    );
    const drained = answered.filter((outcome) => outcome.afterSignal);
    assert.ok(drained.length > 0, 'requests on kept-alive sockets after the signal were answered');
    assert.ok(drained.some((outcome) => outcome.connection === 'close'));
    assert.equal(code, 0, lectern.output());
  });
});
