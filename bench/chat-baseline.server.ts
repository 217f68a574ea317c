// The chat bench's baseline: a hand-written `ws` broadcast server with no auth, no storage, no
// rooms and no pub/sub. Every text frame is stamped (id, server time) and sent to every client.
// Run as a child process by chat.bench.ts (`PORT` in the environment); prints "ready" when listening.
import { WebSocketServer } from 'ws';

const wss = new WebSocketServer({ host: '127.0.0.1', port: Number(process.env['PORT'] ?? 0) });
let id = 0;
wss.on('connection', (socket) => {
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as Record<string, unknown>;
    const out = JSON.stringify({ ...frame, id: String(++id), timestamp: new Date().toISOString() });
    for (const client of wss.clients) client.send(out);
  });
});
wss.on('listening', () => console.log('ready'));
