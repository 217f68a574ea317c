// 003's "Complete Chat Integration" example, its ChatClient class taken verbatim from the
// contract document and run against Lectern: only the host it hard-codes (api.example.com) is
// pointed at the test server, by the WebSocket and fetch it is given, never by editing the class.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import WebSocket from 'ws';

import { startTestApp } from '../helpers/app.ts';
import { createCourse } from '../helpers/catalog.ts';
import { createCast } from '../helpers/factories.ts';
import { connect, listen } from './chat-client.ts';

const lectern = await startTestApp();
const { owner, studentA } = await createCast(lectern);
const course = await createCourse(lectern, owner, { publish: true });
await lectern.app.inject({ method: 'POST', url: `/api/v1/courses/${course.id}/enroll`, headers: studentA.auth });
await lectern.queue.settle();
const base = await listen(lectern);

/** The class as the document prints it, between `class ChatClient {` and its usage example. */
function documentedChatClient(): string {
  const dir = new URL('../../docs/contracts/', import.meta.url);
  const file = readdirSync(dir).find((name) => name.startsWith('003_'))!;
  const text = readFileSync(new URL(file, dir), 'utf8');
  const start = text.indexOf('class ChatClient {');
  const end = text.indexOf('// Usage', start);
  assert.ok(start > 0 && end > start, 'the ChatClient example is in the document');
  return text.slice(start, end);
}

/** A WebSocket whose `wss://api.example.com` is the test server. */
class LocalWebSocket extends WebSocket {
  constructor(url: string) {
    super(url.replace('wss://api.example.com', base.ws));
  }
}
const localFetch = (url: string, init?: RequestInit) => fetch(url.replace('https://api.example.com', base.http), init);

interface DocumentedClient {
  ws: WebSocket | null;
  connect(): Promise<void>;
  getMessageHistory(
    limit?: number,
    offset?: number,
  ): Promise<{ messages: unknown[]; total: number; has_more: boolean }>;
  sendMessage(content: string, replyTo?: string | null): void;
}

describe("the document's ChatClient", () => {
  it('loads history, connects, sends and receives with the class unchanged', async () => {
    const ChatClient = new Function('WebSocket', 'fetch', `${documentedChatClient()}\nreturn ChatClient;`)(
      LocalWebSocket,
      localFetch,
    ) as new (token: string, roomId: string) => DocumentedClient;
    const shown = { history: [] as unknown[], messages: [] as Record<string, unknown>[], joined: [] as unknown[] };
    // The document leaves the display methods to the application.
    const client = Object.assign(new ChatClient(studentA.accessToken, course.id), {
      displayMessages: (messages: unknown[]) => shown.history.push(...messages),
      displayMessage: (message: Record<string, unknown>) => shown.messages.push(message),
      showUserJoined: (message: unknown) => shown.joined.push(message),
      showUserLeft: () => undefined,
    });

    const other = await connect(base.ws, owner.accessToken, course.id);
    other.send({ type: 'message', content: 'Before you came' });
    await other.next((frame) => frame.type === 'message');

    await client.connect();
    assert.equal(shown.history.length, 1);
    await new Promise((resolve) => client.ws!.once('open', resolve));
    await other.next((frame) => frame.type === 'user_joined' && frame.user_id === studentA.id);
    client.sendMessage('Hello from the document');
    const received = await other.next(
      (frame) => frame.type === 'message' && frame.content === 'Hello from the document',
    );
    assert.equal(received.user_id, studentA.id);
    other.send({ type: 'message', content: 'Welcome', reply_to: received.id });
    await other.next((frame) => frame.content === 'Welcome');
    while (!shown.messages.some((message) => message['content'] === 'Welcome')) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal(shown.messages.find((message) => message['content'] === 'Welcome')!['reply_to'], received.id);
    assert.ok(shown.joined.length >= 1);
    const history = await client.getMessageHistory(50, 0);
    assert.equal(history.total, 3);
    client.ws!.close();
    await other.close();
  });
});
