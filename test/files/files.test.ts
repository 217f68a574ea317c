// 001's /files through HTTP: multipart upload typed by its bytes, list mine, get, download by a
// signed link, delete; refused uploads; nobody sees another user's files.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { followSigned, multipart, PDF_BYTES } from './support.ts';

const lectern = await startTestApp({ UPLOAD_MAX_BYTES: String(64 * 1024) });

async function upload(auth: { authorization: string }, filename: string, content: Buffer, contentType?: string) {
  const body = multipart('file', filename, content, contentType);
  return lectern.app.inject({
    method: 'POST',
    url: '/api/v1/files/upload',
    headers: { ...auth, ...body.headers },
    payload: body.payload,
  });
}

describe('files', () => {
  it('stores an upload typed by its bytes, with its sha256, and serves it through a signed link', async () => {
    const owner = await createUser(lectern);
    // The client claims text; the bytes say PDF.
    const response = await upload(owner.auth, 'notes.pdf', PDF_BYTES, 'text/plain');
    assert.equal(response.statusCode, 201, response.body);
    const file = response.json();
    assert.equal(file.original_filename, 'notes.pdf');
    assert.equal(file.content_type, 'application/pdf');
    assert.equal(file.file_size, PDF_BYTES.length);
    assert.equal(file.sha256, createHash('sha256').update(PDF_BYTES).digest('hex'));
    assert.match(file.stored_filename, /^[0-9a-f-]{36}\.pdf$/);
    assert.equal(file.owner_id, owner.id);

    const stored = await lectern.database.db
      .selectFrom('files')
      .selectAll()
      .where('id', '=', file.id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(stored.size_bytes), PDF_BYTES.length);
    assert.equal(stored.sha256, file.sha256);

    const got = await lectern.app.inject({ method: 'GET', url: `/api/v1/files/${file.id}`, headers: owner.auth });
    assert.equal(got.statusCode, 200);
    assert.deepEqual(got.json(), file);

    const download = await lectern.app.inject({
      method: 'GET',
      url: `/api/v1/files/${file.id}/download`,
      headers: owner.auth,
    });
    assert.equal(download.statusCode, 302);
    const fetched = await followSigned(lectern, download.headers.location as string);
    assert.equal(fetched.status, 200);
    assert.deepEqual(fetched.body, PDF_BYTES);
    assert.equal(fetched.headers['content-type'], 'application/pdf');
    assert.match(fetched.headers['content-disposition'] ?? '', /^attachment; filename=notes\.pdf$/);
  });

  it('accepts plain text and lists only my files, newest first, paginated', async () => {
    const me = await createUser(lectern);
    const other = await createUser(lectern);
    for (const name of ['a.txt', 'b.csv', 'c.txt']) {
      assert.equal((await upload(me.auth, name, Buffer.from(`hello ${name}\n`))).statusCode, 201);
      lectern.clock.advance(1000);
    }
    assert.equal((await upload(other.auth, 'theirs.txt', Buffer.from('not yours'))).statusCode, 201);

    const page1 = await lectern.app.inject({
      method: 'GET',
      url: '/api/v1/files?page=1&page_size=2',
      headers: me.auth,
    });
    assert.equal(page1.statusCode, 200);
    const body = page1.json();
    assert.equal(body.total, 3);
    assert.equal(body.pages, 2);
    assert.equal(body.page_size, 2);
    assert.deepEqual(
      body.items.map((f: { original_filename: string }) => f.original_filename),
      ['c.txt', 'b.csv'],
    );
    assert.equal(body.items[1].content_type, 'text/csv');
    const page2 = await lectern.app.inject({
      method: 'GET',
      url: '/api/v1/files?page=2&page_size=2',
      headers: me.auth,
    });
    assert.deepEqual(
      page2.json().items.map((f: { original_filename: string }) => f.original_filename),
      ['a.txt'],
    );
    const tooBig = await lectern.app.inject({ method: 'GET', url: '/api/v1/files?page_size=101', headers: me.auth });
    assert.equal(tooBig.statusCode, 422);
  });

  it('refuses a file of a type outside the allow-list (415), an empty one (422) and a too large one (413), storing nothing', async () => {
    const user = await createUser(lectern);
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(200, 0)]);
    const wrongType = await upload(user.auth, 'tool.pdf', elf, 'application/pdf');
    assert.equal(wrongType.statusCode, 415, wrongType.body);

    const empty = await upload(user.auth, 'empty.txt', Buffer.alloc(0));
    assert.equal(empty.statusCode, 422, empty.body);

    const large = await upload(user.auth, 'large.txt', Buffer.alloc(64 * 1024 + 1, 'a'));
    assert.equal(large.statusCode, 413, large.body);

    const exact = await upload(user.auth, 'exact.txt', Buffer.alloc(64 * 1024, 'a'));
    assert.equal(exact.statusCode, 201, exact.body);

    const notMultipart = await lectern.app.inject({
      method: 'POST',
      url: '/api/v1/files/upload',
      headers: user.auth,
      payload: { file: 'x' },
    });
    assert.equal(notMultipart.statusCode, 422);

    const rows = await lectern.database.db
      .selectFrom('files')
      .select('original_name')
      .where('owner_id', '=', user.id)
      .execute();
    assert.deepEqual(
      rows.map((r) => r.original_name),
      ['exact.txt'],
    );
  });

  it('hides a file from other users, lets its owner and an admin delete it, and needs a token', async () => {
    const owner = await createUser(lectern);
    const stranger = await createUser(lectern);
    const instructor = await createUser(lectern, { role: 'instructor' });
    const admin = await createUser(lectern, { role: 'admin' });
    const first = (await upload(owner.auth, 'first.pdf', PDF_BYTES)).json();
    const second = (await upload(owner.auth, 'second.pdf', PDF_BYTES)).json();

    for (const intruder of [stranger, instructor]) {
      for (const [method, url] of [
        ['GET', `/api/v1/files/${first.id}`],
        ['GET', `/api/v1/files/${first.id}/download`],
        ['DELETE', `/api/v1/files/${first.id}`],
      ] as const) {
        const response = await lectern.app.inject({ method, url, headers: intruder.auth });
        assert.equal(response.statusCode, 404, `${intruder.role} ${method} ${url}`);
      }
      const list = await lectern.app.inject({ method: 'GET', url: '/api/v1/files', headers: intruder.auth });
      assert.equal(list.json().total, 0);
    }
    const anonymous = await lectern.app.inject({ method: 'GET', url: `/api/v1/files/${first.id}` });
    assert.equal(anonymous.statusCode, 401);

    assert.equal(
      (await lectern.app.inject({ method: 'GET', url: `/api/v1/files/${first.id}`, headers: admin.auth })).statusCode,
      200,
    );
    assert.equal(
      (await lectern.app.inject({ method: 'DELETE', url: `/api/v1/files/${first.id}`, headers: admin.auth }))
        .statusCode,
      204,
    );
    assert.equal(
      (await lectern.app.inject({ method: 'DELETE', url: `/api/v1/files/${second.id}`, headers: owner.auth }))
        .statusCode,
      204,
    );
    assert.equal(
      (await lectern.app.inject({ method: 'GET', url: `/api/v1/files/${second.id}`, headers: owner.auth })).statusCode,
      404,
    );
    assert.equal(
      (await lectern.app.inject({ method: 'GET', url: '/api/v1/files', headers: owner.auth })).json().total,
      0,
    );
  });

  it('offers the files module API to other modules: a file for its owner or an admin only', async () => {
    const owner = await createUser(lectern);
    const other = await createUser(lectern);
    const admin = await createUser(lectern, { role: 'admin' });
    const file = (await upload(owner.auth, 'essay.txt', Buffer.from('my essay'))).json();
    const actor = (u: { id: string; role: 'student' | 'instructor' | 'admin' }) => ({
      id: u.id,
      role: u.role,
      sessionId: 'test',
    });
    const got = await lectern.modules.files.getFileForActor(actor(owner), file.id);
    assert.equal(got.original_name, 'essay.txt');
    assert.equal((await lectern.modules.files.getFileForActor(actor(admin), file.id)).id, file.id);
    await assert.rejects(lectern.modules.files.getFileForActor(actor(other), file.id), { kind: 'not_found' });
  });
});
