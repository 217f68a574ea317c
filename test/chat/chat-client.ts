// Real WebSocket clients for the chat tests: a socket that records every frame and waits for the
// one a test expects, and an upgrade that was refused, with its HTTP status and body.
import type { AddressInfo } from 'node:net';

import WebSocket from 'ws';

import type { TestApp } from '../helpers/app.ts';

/** Starts the app on a loopback port (closed with the app); returns its `ws://` and `http://` bases. */
export async function listen(lectern: TestApp): Promise<{ ws: string; http: string }> {
  await lectern.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = lectern.app.server.address() as AddressInfo;
  return { ws: `ws://127.0.0.1:${port}`, http: `http://127.0.0.1:${port}` };
}

export type Frame = Record<string, unknown> & { type?: string };

export interface TestSocket {
  ws: WebSocket;
  frames: Frame[];
  /** The first frame (already received or coming) matching `match`, not returned before. */
  next(match: (frame: Frame) => boolean, timeoutMs?: number): Promise<Frame>;
  send(frame: Record<string, unknown>): void;
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

export function wrap(ws: WebSocket): TestSocket {
  const frames: Frame[] = [];
  const taken = new Set<Frame>();
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    frames.push(JSON.parse(String(data)) as Frame);
    for (const wake of waiters.splice(0)) wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => {
      resolve({ code, reason: String(reason) });
      for (const wake of waiters.splice(0)) wake();
    }),
  );
  return {
    ws,
    frames,
    closed,
    async next(match, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = frames.find((frame) => !taken.has(frame) && match(frame));
        if (found) {
          taken.add(found);
          return found;
        }
        if (ws.readyState === WebSocket.CLOSED) throw new Error(`socket closed; frames: ${JSON.stringify(frames)}`);
        if (Date.now() > deadline) throw new Error(`no matching frame; frames: ${JSON.stringify(frames)}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
    send(frame) {
      ws.send(JSON.stringify(frame));
    },
    async close() {
      if (ws.readyState === WebSocket.CLOSED) return;
      ws.close();
      await closed;
    },
  };
}

/**
 * Resolves once the server has joined a new socket to its room: it only sends to sockets in the
 * room, so any first frame means joined (a socket it closes instead resolves too). `open` alone
 * races the join: a frame another socket sends right then (a message, typing) never reaches this
 * one. Call right after creating the socket.
 */
export function untilJoined(ws: WebSocket): Promise<void> {
  return new Promise<void>((resolve) => {
    ws.once('message', () => resolve());
    ws.once('close', () => resolve());
  });
}

/**
 * Opens `/ws` for the room with the token in the query string; resolves once the server has
 * registered the socket in the room (its first frame, the join announcement, has arrived).
 */
export async function connect(base: string, token: string, roomId: string): Promise<TestSocket> {
  const ws = new WebSocket(`${base}/ws?token=${encodeURIComponent(token)}&roomId=${encodeURIComponent(roomId)}`);
  const socket = wrap(ws);
  const joined = untilJoined(ws);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_request, response) =>
      reject(new Error(`upgrade refused: ${response.statusCode}`)),
    );
  });
  await joined;
  return socket;
}

/** An upgrade expected to be refused: its HTTP status and JSON body. */
export function refusedUpgrade(
  url: string,
  options: WebSocket.ClientOptions & { protocols?: string[] } = {},
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options.protocols ?? [], options);
    ws.once('open', () => {
      ws.close();
      reject(new Error('upgrade unexpectedly accepted'));
    });
    ws.once('unexpected-response', (_request, response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += String(chunk)));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : null });
        ws.terminate();
      });
    });
    ws.once('error', () => undefined);
  });
}
