// 003's NotificationService and SubscriptionManager classes, taken verbatim from the contract
// document and run against a listening Lectern: only the host they hard-code (api.example.com) is
// pointed at the test server, by the fetch they are given, never by editing the classes. Where
// they send a token (subscriptions) they work unchanged; notify/send and notify/preview, which the
// sample calls without a credential, are refused (401) and nothing is sent — they are never open.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import { listen } from '../chat/chat-client.ts';
import { startTestApp } from '../helpers/app.ts';
import { createCast } from '../helpers/factories.ts';

const lectern = await startTestApp();
const { studentA, studentB } = await createCast(lectern);
const base = await listen(lectern);

/** The document's text between `start` and the next `end` marker. */
function documented(start: string, end: string): string {
  const dir = new URL('../../docs/contracts/', import.meta.url);
  const file = readdirSync(dir).find((name) => name.startsWith('003_'))!;
  const text = readFileSync(new URL(file, dir), 'utf8');
  const from = text.indexOf(start);
  const to = text.indexOf(end, from);
  assert.ok(from > 0 && to > from, `${start} is in the document`);
  return text.slice(from, to);
}

const localFetch = (url: string, init?: RequestInit) => fetch(url.replace('https://api.example.com', base.http), init);
const logged: unknown[][] = [];
const quietConsole = { ...console, error: (...args: unknown[]) => logged.push(args) };

type Subscriptions = Record<string, Record<string, boolean>>;
interface DocumentedService {
  sendWelcomeEmail(email: string, userData: object): Promise<boolean>;
  previewNotification(previewData: object): Promise<unknown>;
  getUserSubscriptions(accessToken: string): Promise<{ subscriptions: Subscriptions }>;
}
interface DocumentedManager {
  loadSubscriptions(): Promise<Subscriptions>;
  updateSubscriptions(subscriptions: Subscriptions): Promise<Subscriptions>;
  toggleSubscription(channel: string, type: string, enabled: boolean): Promise<Subscriptions>;
}

const { NotificationService, SubscriptionManager } = new Function(
  'fetch',
  'console',
  `${documented('class NotificationService {', '// Usage examples')}
${documented('class SubscriptionManager {', '// Usage')}
return { NotificationService, SubscriptionManager };`,
)(localFetch, quietConsole) as {
  NotificationService: new (baseURL?: string) => DocumentedService;
  SubscriptionManager: new (token: string) => DocumentedManager;
};

const stored = async (token: string) =>
  (
    await lectern.app.inject({
      method: 'GET',
      url: '/api/subscriptions',
      headers: { authorization: `Bearer ${token}` },
    })
  ).json().subscriptions as Subscriptions;

describe("the document's SubscriptionManager (sends a token)", () => {
  it('loads, toggles and updates the caller’s own subscriptions, unchanged', async () => {
    const manager = new SubscriptionManager(studentA.accessToken);
    const loaded = await manager.loadSubscriptions();
    assert.equal(loaded.email!.marketing, false);
    assert.equal(loaded.email!.security_alerts, true);

    const toggled = await manager.toggleSubscription('email', 'marketing', true);
    assert.equal(toggled.email!.marketing, true);
    assert.equal((await stored(studentA.accessToken)).email!.marketing, true);

    // The document's "update multiple" example: a partial object.
    const updated = await manager.updateSubscriptions({
      email: { marketing: false, product_updates: true, security_alerts: true },
      push: { chat_messages: true, course_reminders: false },
    });
    assert.equal(updated.email!.marketing, false);
    assert.equal(updated.push!.course_reminders, false);
    assert.equal(updated.push!.system_notifications, true);
    assert.deepEqual(await stored(studentA.accessToken), updated);
    // Another user's preferences are untouched.
    assert.equal((await stored(studentB.accessToken)).push!.course_reminders, true);
  });

  it('throws the document’s error for a token the server refuses', async () => {
    const manager = new SubscriptionManager('not-a-token');
    await assert.rejects(manager.loadSubscriptions(), { message: 'Failed to get subscriptions: Unauthorized' });
    assert.ok(logged.some((args) => args[0] === 'Failed to load subscriptions:'));
    const service = new NotificationService();
    assert.equal(
      (await service.getUserSubscriptions(studentB.accessToken)).subscriptions.email!.course_notifications,
      true,
    );
  });
});

describe("the document's NotificationService without a credential", () => {
  it('cannot send or preview: 401, and nothing is queued', async () => {
    const service = new NotificationService();
    await assert.rejects(
      service.sendWelcomeEmail('user@example.com', {
        user_name: 'John Doe',
        activation_link: 'https://app.example.com/activate/token123',
      }),
      { message: 'Failed to send notification: Unauthorized' },
    );
    await assert.rejects(
      service.previewNotification({ channel: 'email', template: 'welcome_email', data: { user_name: 'John Doe' } }),
      { message: 'Failed to preview notification: Unauthorized' },
    );
    const rows = await lectern.database.db
      .selectFrom('notifications')
      .select('id')
      .where('recipient', '=', 'user@example.com')
      .execute();
    assert.equal(rows.length, 0);
  });
});
