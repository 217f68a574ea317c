// Graceful drain on close. `http.Server.close()` stops listening and also cuts every idle
// keep-alive socket at once, racing clients that are sending on one right then: they get a reset
// and cannot tell whether their request ran. Instead, stop listening first (new connections are
// refused), keep answering on the open sockets for a short grace (each answer carries
// `Connection: close`, so the client closes after reading it), and only then let Fastify close
// what is still idle; requests in flight are always answered.
import type { Socket } from 'node:net';
import { Server } from 'node:net';

import type { FastifyInstance } from 'fastify';

/** How long open keep-alive sockets may still send a request once shutdown began. */
const IDLE_GRACE_MS = 1000;

export function installGracefulDrain(app: FastifyInstance): void {
  let closing = false;
  const sockets = new Set<Socket>();
  app.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
  app.addHook('preClose', async () => {
    closing = true;
    if (!app.server.listening) return;
    // The net.Server's own close: stop accepting without touching the open sockets.
    Server.prototype.close.call(app.server);
    const deadline = Date.now() + IDLE_GRACE_MS;
    while (sockets.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  });
}
