// The chat socket's limits through real sockets: a client that stops reading is terminated once
// its send buffer passes the bound (other members carry on), and a socket closes when its access
// token expires — by a timer set to the token's `exp`, not at the next heartbeat (here an hour
// away).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import WebSocket from 'ws';

import { startTestApp } from '../helpers/app.ts';
import { eventually } from '../helpers/events.ts';
import { createUser } from '../helpers/factories.ts';
import { connect, listen } from './chat-client.ts';

const lectern = await startTestApp({ CHAT_HEARTBEAT_SECONDS: '3600', CHAT_SEND_BUFFER_BYTES: '1024' });
const [alice, bob] = await Promise.all([createUser(lectern), createUser(lectern)]);
const base = await listen(lectern);
const created = await lectern.app.inject({
  method: 'POST',
  url: '/api/v1/chat/rooms',
  headers: alice.auth,
  payload: { name: 'Limits', member_ids: [bob.id] },
});
assert.equal(created.statusCode, 201, created.body);
const roomId = created.json().id as string;
const { communication } = lectern.modules;

describe('slow consumers', () => {
  it('are terminated once their send buffer passes the bound; other members are unaffected', async () => {
    const fast = await connect(base.ws, alice.accessToken, roomId);
    const slow = await connect(base.ws, bob.accessToken, roomId);
    await fast.next((frame) => frame.type === 'user_joined' && frame.user_id === bob.id);
    const open = communication.openSockets();
    // Bob stops reading and keeps asking for pongs: the answers pile up in the server's buffer
    // once the kernel's buffers are full.
    slow.ws.pause();
    const ping = JSON.stringify({ type: 'ping' });
    while (communication.openSockets() === open) {
      for (let i = 0; i < 2000; i++) slow.ws.send(ping);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await fast.next((frame) => frame.type === 'user_left' && frame.user_id === bob.id);
    slow.ws.resume();
    assert.equal((await slow.closed).code, 1006, 'terminated, not closed politely');

    fast.send({ type: 'message', content: 'still here' });
    await fast.next((frame) => frame.type === 'message' && frame.content === 'still here');
    assert.equal(fast.ws.readyState, WebSocket.OPEN);
    await fast.close();
  });
});

describe('token expiry', () => {
  it('closes the socket with 4001 when the access token expires, not at the next heartbeat', async () => {
    // Two seconds before Alice's token (900 s) expires on the app's clock.
    lectern.clock.advance(898_000);
    const socket = await connect(base.ws, alice.accessToken, roomId);
    socket.send({ type: 'ping' });
    await socket.next((frame) => frame.type === 'pong');
    const closed = await socket.closed;
    assert.equal(closed.code, 4001);
    assert.equal(closed.reason, 'token expired');
    await eventually(() => communication.openSockets() === 0);
  });
});
