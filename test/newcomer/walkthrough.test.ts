// The README's curl walkthrough, run as it stands (the block between its walkthrough markers)
// against a real server on a real port: sign-up, dev outbox, verification, promotion, a course,
// enrolment, completion, and the certificate PDF downloaded through its signed link.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';

import { startTestApp } from '../helpers/app.ts';
import { readPdfPages } from '../helpers/pdf.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const block = /<!-- walkthrough:start -->\s*```sh\n([\s\S]*?)```\s*<!-- walkthrough:end -->/.exec(readme)?.[1];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const port = await freePort();
const lectern = await startTestApp({
  PUBLIC_URL: `http://127.0.0.1:${port}`,
  ADMIN_EMAIL: 'admin@example.com',
  ADMIN_PASSWORD: 'Walkthrough-2026!',
});
await lectern.app.listen({ host: '127.0.0.1', port });

describe('README walkthrough', () => {
  it('runs from sign-up to a certificate PDF with the walkthrough student name', { timeout: 300_000 }, async () => {
    assert.ok(block, 'the README has a walkthrough block');
    const workDir = lectern.dataDir;
    // `node` as the README's reader has it: the Node that runs this test.
    const path = `${dirname(process.execPath)}:${process.env['PATH'] ?? ''}`;
    const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', block], {
      cwd: workDir,
      env: { PATH: path, API: `http://127.0.0.1:${port}/api/v1`, HOME: workDir },
      timeout: 240_000,
    });
    const lines = stdout.trim().split('\n');
    assert.match(lines[0]!, /verified/i, 'verify-email answers');
    assert.deepEqual(lines.slice(1), ['published', 'completed', '%PDF-'], 'what the README promises');
    const [page] = await readPdfPages(readFileSync(join(workDir, 'certificate.pdf')));
    const text = page!.lines.map((line) => line.text);
    assert.ok(text.includes('Charles Babbage'), text.join(' | '));
    assert.ok(text.includes('Analytical Engines'));
  });
});
