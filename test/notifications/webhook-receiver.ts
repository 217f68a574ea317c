// A webhook receiver on loopback: keeps every request, verifies its Standard Webhooks signature
// with the reference `standardwebhooks` library (not Lectern's own signing code), and answers
// with the status codes a test queues per path (200 once they run out).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after } from 'node:test';

import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  path: string;
  headers: Record<string, string>;
  body: string;
  /** The verified body; undefined when the signature did not verify. */
  verified: { type: string; timestamp: string; data: Record<string, unknown> } | undefined;
  error: string | undefined;
}

export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = [];
  const secrets = new Map<string, string>();
  const answers = new Map<string, number[]>();
  const redirects = new Map<string, string>();

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]),
      );
      const entry: ReceivedWebhook = { path, headers, body, verified: undefined, error: undefined };
      const secret = secrets.get(path);
      try {
        if (!secret) throw new Error('no secret for this path');
        entry.verified = new Webhook(secret).verify(body, headers) as ReceivedWebhook['verified'];
      } catch (error) {
        entry.error = (error as Error).message;
      }
      received.push(entry);
      const redirect = redirects.get(path);
      if (redirect) return response.writeHead(302, { location: redirect }).end();
      response.writeHead(answers.get(path)?.shift() ?? 200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  return {
    received,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    /** The secret a path's deliveries are verified with (from the endpoint's creation answer). */
    trust: (path: string, secret: string) => secrets.set(path, secret),
    /** Status codes to answer a path with, one per request. */
    answer: (path: string, statuses: number[]) => answers.set(path, statuses),
    /** Answer the path with a redirect to `to`. */
    redirect: (path: string, to: string) => redirects.set(path, to),
    at: (path: string) => received.filter((r) => r.path === path),
  };
}
