// Files: (b) GET /api/v1/files/{id}/download (token + one lookup + a signed link, answered 302)
// and (c) following a local signed link (HMAC check + a 64 KiB object streamed from disk), in one
// run beside (a) a bare Fastify hello-world, on PostgreSQL (when reachable) and on PGlite.
import { randomBytes } from 'node:crypto';

import { createLectern } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { testEnv } from '../test/helpers/app.ts';
import { listen, measure, openBenchDatabase, printTable, ratio, reportMeasured, startHelloWorld } from './harness.ts';

const content = Buffer.concat([
  Buffer.from('%PDF-1.4\n'),
  Buffer.from(
    randomBytes(48 * 1024)
      .toString('base64')
      .slice(0, 64 * 1024 - 9),
  ),
]);

for (const kind of ['postgres', 'pglite'] as const) {
  const { database, drop } = await openBenchDatabase(kind, 'files');
  const env = testEnv({ DATABASE_URL: undefined, REDIS_URL: undefined, RATE_LIMIT_API_PER_HOUR: '100000000' });
  const lectern = await createLectern(loadConfig(env), { database });
  const register = await lectern.app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { email: `bench-${Date.now()}@example.test`, password: 'Bench-Pass-2026', full_name: 'Bench User' },
  });
  const headers = { authorization: `Bearer ${register.json().access_token as string}` };
  const boundary = 'benchboundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.pdf"\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const uploaded = await lectern.app.inject({
    method: 'POST',
    url: '/api/v1/files/upload',
    headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
  if (uploaded.statusCode !== 201) throw new Error(`upload failed: ${uploaded.body}`);
  const fileId = uploaded.json().id as string;

  const hello = await startHelloWorld();
  const server = await listen(lectern.app, '');
  const link = (await lectern.app.inject({ method: 'GET', url: `/api/v1/files/${fileId}/download`, headers })).headers
    .location as string;
  const signedPath = new URL(link).pathname + new URL(link).search;

  const a = await measure('(a) bare Fastify hello-world', hello.url);
  const b = await measure(
    '(b) Lectern /files/{id}/download (302)',
    `${server.url}/api/v1/files/${fileId}/download`,
    headers,
  );
  const c = await measure('(c) Lectern signed link, 64 KiB', `${server.url}${signedPath}`);
  printTable(`files on ${kind}`, [a, b, c]);
  console.log(`b/a = ${ratio(b, a)}   c/a = ${ratio(c, a)}   (302 answers count as non2xx in b)`);
  reportMeasured(`file download redirect (${kind})`, b, a, '—');
  reportMeasured(`signed file link, 64 KiB (${kind})`, c, a, '—');

  await hello.close();
  await lectern.close();
  await drop();
}
