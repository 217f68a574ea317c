// The storage adapter's one test suite, run against both implementations: local disk (links
// served by Lectern) and S3 (a real S3-compatible server on loopback).
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, describe, it } from 'node:test';

import { loadConfig } from '../../src/config.ts';
import type { Storage } from '../../src/platform/storage/index.ts';
import { createStorage } from '../../src/platform/storage/index.ts';
import type { TestApp } from '../helpers/app.ts';
import { startTestApp } from '../helpers/app.ts';
import { followSigned, startS3Server } from './support.ts';

const s3 = await startS3Server();
after(() => s3.close());
const local = await startTestApp();
const onS3 = await startTestApp(s3.env);

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

const uniqueKey = (label: string) => `tests/${label}-${Math.random().toString(36).slice(2)}.bin`;

for (const [name, lectern] of [
  ['local', local],
  ['s3', onS3],
] as [string, TestApp][]) {
  describe(`storage: ${name}`, () => {
    const storage: Storage = lectern.platform.storage;

    it('is the implementation the configuration asks for', () => {
      assert.equal(storage.kind, name);
    });

    it('puts, stats, gets and deletes buffers and streams', async () => {
      const key = uniqueKey('roundtrip');
      await storage.put(key, Buffer.from('hello storage'), { contentType: 'text/plain' });
      assert.deepEqual(await storage.stat(key), { size: 13, contentType: 'text/plain' });
      assert.equal((await readAll(await storage.get(key))).toString(), 'hello storage');

      const streamed = uniqueKey('stream');
      await storage.put(streamed, Readable.from([Buffer.from('one '), Buffer.from('two')]), {
        contentType: 'application/octet-stream',
      });
      assert.equal((await readAll(await storage.get(streamed))).toString(), 'one two');

      await storage.delete(key);
      await storage.delete(key);
      assert.equal(await storage.stat(key), undefined);
      await assert.rejects(storage.get(key), { kind: 'not_found' });
    });

    it('serves a signed download link with the asked name and type', async () => {
      const key = uniqueKey('download');
      await storage.put(key, Buffer.from('%PDF-1.4 body'), { contentType: 'application/pdf' });
      const url = await storage.signedDownloadUrl(key, { filename: 'report.pdf', contentType: 'application/pdf' });
      const response = await followSigned(lectern, url);
      assert.equal(response.status, 200);
      assert.equal(response.body.toString(), '%PDF-1.4 body');
      assert.equal(response.headers['content-type'], 'application/pdf');
      assert.equal(response.headers['content-disposition'], 'attachment; filename=report.pdf');
    });

    it('accepts an upload through a signed PUT link with the signed content type only', async () => {
      const key = uniqueKey('upload');
      const upload = await storage.signedUploadUrl(key, { contentType: 'image/png', maxBytes: 1000 });
      assert.equal(upload.method, 'PUT');
      const wrongType = await followSigned(lectern, upload.url, {
        method: 'PUT',
        body: Buffer.from('x'),
        headers: { 'content-type': 'text/html' },
      });
      assert.equal(wrongType.status >= 400 && wrongType.status < 500, true, `wrong type gave ${wrongType.status}`);
      assert.equal(await storage.stat(key), undefined);
      const ok = await followSigned(lectern, upload.url, {
        method: 'PUT',
        body: Buffer.from('png bytes'),
        headers: upload.headers,
      });
      assert.equal(ok.status, 200);
      assert.equal((await readAll(await storage.get(key))).toString(), 'png bytes');
    });

    it('refuses a link used for another object or another method', async () => {
      const key = uniqueKey('mine');
      const other = uniqueKey('other');
      await storage.put(key, Buffer.from('mine'), { contentType: 'text/plain' });
      await storage.put(other, Buffer.from('other'), { contentType: 'text/plain' });
      const url = await storage.signedDownloadUrl(key);
      const forOther = await followSigned(lectern, url.replace(key, other));
      assert.equal(forOther.status, 403);
      const asUpload = await followSigned(lectern, url, {
        method: 'PUT',
        body: Buffer.from('overwrite'),
        headers: { 'content-type': 'text/plain' },
      });
      assert.equal(asUpload.status, 403);
      assert.equal((await readAll(await storage.get(key))).toString(), 'mine');
    });

    it('refuses an expired link', async () => {
      const key = uniqueKey('expiring');
      await storage.put(key, Buffer.from('soon gone'), { contentType: 'text/plain' });
      // Sign in the past: an hour ago, valid for a minute. (S3 checks expiry by its own clock.)
      lectern.clock.advance(-3_600_000);
      const url = await storage.signedDownloadUrl(key, { expiresInSeconds: 60 });
      const upload = await storage.signedUploadUrl(uniqueKey('late'), {
        contentType: 'text/plain',
        expiresInSeconds: 60,
      });
      lectern.clock.advance(3_600_000);
      const expired = await followSigned(lectern, url);
      assert.ok([403, 410].includes(expired.status), `expired download gave ${expired.status}`);
      const late = await followSigned(lectern, upload.url, {
        method: 'PUT',
        body: Buffer.from('late'),
        headers: upload.headers,
      });
      assert.ok([403, 410].includes(late.status), `expired upload gave ${late.status}`);
      const fresh = await followSigned(lectern, await storage.signedDownloadUrl(key, { expiresInSeconds: 60 }));
      assert.equal(fresh.status, 200);
    });
  });
}

describe('storage: local only', () => {
  it('answers 410 for an expired link once the clock moves past it, and 403 for a tampered one', async () => {
    const storage = local.platform.storage;
    const key = uniqueKey('clock');
    await storage.put(key, Buffer.from('x'), { contentType: 'text/plain' });
    const url = await storage.signedDownloadUrl(key, { expiresInSeconds: 30 });
    assert.equal((await followSigned(local, url)).status, 200);
    local.clock.advance(31_000);
    assert.equal((await followSigned(local, url)).status, 410);
    local.clock.advance(-31_000);
    assert.equal((await followSigned(local, url.replace(/signature=[^&]+/, 'signature=AAAA'))).status, 403);
    assert.equal((await followSigned(local, url.replace(/expires=\d+/, 'expires=99999999999'))).status, 403);
  });

  it('caps a signed upload at its size limit and never stores the excess', async () => {
    const storage = local.platform.storage;
    const key = uniqueKey('capped');
    const upload = await storage.signedUploadUrl(key, { contentType: 'text/plain', maxBytes: 10 });
    const tooMuch = await followSigned(local, upload.url, {
      method: 'PUT',
      body: Buffer.alloc(11, 'a'),
      headers: upload.headers,
    });
    assert.equal(tooMuch.status, 413);
    assert.equal(await storage.stat(key), undefined);
  });

  it('uses a different signing key per data directory', async () => {
    const other = await createStorage(loadConfig({ DATA_DIR: local.dataDir }).storage, {
      clock: local.clock,
      publicUrl: 'http://lectern.test',
      signingSecret: 'another-secret',
    });
    const key = uniqueKey('foreign');
    await local.platform.storage.put(key, Buffer.from('x'), { contentType: 'text/plain' });
    assert.equal((await followSigned(local, await other.signedDownloadUrl(key))).status, 403);
  });
});
