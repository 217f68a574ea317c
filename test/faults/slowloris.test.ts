// Slow senders (slowloris) through a raw socket: a client that dribbles its headers, or its
// body, is answered 408 and disconnected once HEADERS_TIMEOUT_MS / REQUEST_TIMEOUT_MS pass,
// while other clients are served meanwhile.
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { connect } from 'node:net';
import { after, describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';

const lectern = await startTestApp({ HEADERS_TIMEOUT_MS: '500', REQUEST_TIMEOUT_MS: '1000' });
const address = await lectern.app.listen({ host: '127.0.0.1', port: 0 });
const port = Number(new URL(address).port);

const open: Socket[] = [];
after(() => open.forEach((socket) => socket.destroy()));

/** Sends `head`, then one more byte of `drip` every 100 ms until the server closes the socket. */
function dribble(head: string, drip: string): Promise<{ answer: string; bytesDripped: number }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    open.push(socket);
    let answer = '';
    let bytesDripped = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (socket.writable) socket.write(drip[bytesDripped++ % drip.length]!);
      }, 100);
    });
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('error', () => undefined); // a write racing the server's close; 'close' follows
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ answer, bytesDripped });
    });
    socket.setTimeout(60_000, () => reject(new Error('the server never cut the slow client off')));
  });
}

describe('slow clients', () => {
  it('cuts off a client that never finishes its headers', { timeout: 90_000 }, async () => {
    const slow = dribble('GET /api/v1/health HTTP/1.1\r\nHost: lectern.test\r\n', 'X-Slow: a\r\n');
    // Served meanwhile.
    const ok = await fetch(`${address}/api/v1/health`);
    assert.equal(ok.status, 200);
    const { answer, bytesDripped } = await slow;
    assert.match(answer, /^HTTP\/1\.1 408 /);
    assert.ok(bytesDripped > 0);
  });

  it('cuts off a client that dribbles its body', { timeout: 90_000 }, async () => {
    const { answer } = await dribble(
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: lectern.test\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{',
      ' ',
    );
    assert.match(answer, /^HTTP\/1\.1 408 /);
  });
});
