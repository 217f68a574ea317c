// Helpers of the notification tests: an SMS webhook receiver that refuses chosen numbers, and
// short ways to call the notify endpoints.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after } from 'node:test';

import type { TestApp } from '../helpers/app.ts';

export { mailText, waitForMail } from '../identity/identity-helpers.ts';

/** A local SMS webhook: keeps what it receives, answers 500 for numbers in `refuse`. */
export async function startSmsWebhook() {
  const messages: { to: string; body: string }[] = [];
  const refuse = new Set<string>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const sms = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { to: string; body: string };
      if (refuse.has(sms.to)) {
        response.writeHead(500).end('gateway down');
        return;
      }
      messages.push(sms);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${port}/sms`, messages, refuse };
}

export function notifyClient(lectern: TestApp) {
  return {
    send: (payload: object, headers: Record<string, string> = {}) =>
      lectern.app.inject({ method: 'POST', url: '/api/notify/send', payload, headers }),
    preview: (payload: object, headers: Record<string, string> = {}) =>
      lectern.app.inject({ method: 'POST', url: '/api/notify/preview', payload, headers }),
    status: (id: string, headers: Record<string, string>) =>
      lectern.app.inject({ method: 'GET', url: `/api/v1/admin/notifications/${id}`, headers }),
  };
}
