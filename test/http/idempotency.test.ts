// Idempotency-Key on unsafe requests (every surface): a repeat replays the stored answer with
// `Idempotent-Replayed: true`, a different request under the same key is refused, concurrent
// duplicates have one effect, keys are per user and expire after 24 hours.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createUser, logIn } from '../helpers/factories.ts';

const lectern = await startTestApp();
const instructor = await createUser(lectern, { role: 'instructor' });

const coursesTitled = async (title: string) =>
  (await lectern.database.db.selectFrom('courses').select('id').where('title', '=', title).execute()).length;

const create = (title: string, key: string, auth = instructor.auth) =>
  lectern.app.inject({
    method: 'POST',
    url: '/api/v1/courses',
    headers: { ...auth, 'idempotency-key': key },
    payload: { title, description: 'Idempotent' },
  });

describe('Idempotency-Key', () => {
  it('replays the first answer for a repeat, with Idempotent-Replayed', async () => {
    const title = `Idem ${randomUUID()}`;
    const key = randomUUID();
    const first = await create(title, key);
    assert.equal(first.statusCode, 201);
    assert.equal(first.headers['idempotent-replayed'], undefined);
    const again = await create(title, key);
    assert.equal(again.statusCode, 201);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.deepEqual(again.json(), first.json());
    assert.equal(again.headers['location'], first.headers['location']);
    assert.match(String(again.headers['content-type']), /application\/json/);
    assert.equal(await coursesTitled(title), 1);
    // Without the header, the same request is a new one.
    const unkeyed = await lectern.app.inject({
      method: 'POST',
      url: '/api/v1/courses',
      headers: instructor.auth,
      payload: { title, description: 'Idempotent' },
    });
    assert.equal(unkeyed.statusCode, 201);
    assert.equal(await coursesTitled(title), 2);
  });

  it('refuses the same key with a different request (422) and keeps the first effect only', async () => {
    const title = `Idem ${randomUUID()}`;
    const key = randomUUID();
    assert.equal((await create(title, key)).statusCode, 201);
    const other = await create(`${title} changed`, key);
    assert.equal(other.statusCode, 422);
    assert.equal(typeof other.json().detail, 'object');
    assert.equal(await coursesTitled(`${title} changed`), 0);
  });

  it('runs concurrent duplicates once: the others get 409 or the replay', async () => {
    const title = `Idem ${randomUUID()}`;
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 8 }, () => create(title, key)));
    const statuses = answers.map((answer) => answer.statusCode).sort();
    assert.ok(
      statuses.every((status) => status === 201 || status === 409),
      statuses.join(),
    );
    const fresh = answers.filter((answer) => answer.statusCode === 201 && !answer.headers['idempotent-replayed']);
    assert.equal(fresh.length, 1);
    for (const busy of answers.filter((answer) => answer.statusCode === 409)) {
      assert.equal(typeof busy.json().detail, 'string');
      assert.ok(Number(busy.headers['retry-after']) >= 1);
    }
    assert.equal(await coursesTitled(title), 1);
  });

  it('scopes keys per user', async () => {
    const other = await createUser(lectern, { role: 'instructor' });
    const title = `Idem ${randomUUID()}`;
    const key = randomUUID();
    const mine = await create(title, key);
    const theirs = await create(title, key, other.auth);
    assert.equal(theirs.statusCode, 201);
    assert.equal(theirs.headers['idempotent-replayed'], undefined);
    assert.notEqual(theirs.json().id, mine.json().id);
    assert.equal(await coursesTitled(title), 2);
  });

  it('refuses a malformed key in the surface format', async () => {
    const response = await create(`Idem ${randomUUID()}`, 'x'.repeat(300));
    assert.equal(response.statusCode, 422);
  });

  it('works on every surface, answering refusals in its own format', async () => {
    const cases = [
      { url: '/api/courses/', body: (t: string) => ({ title: t }), mismatch: 422 },
      { url: '/api/courses', body: (t: string) => ({ title: t }), mismatch: 422 },
      { url: '/api/v1/content/admin/courses', body: (t: string) => ({ name: t }), mismatch: 422 },
      { url: '/v1/courses', body: (t: string) => ({ name: t, price: 10 }), mismatch: 422 },
    ];
    for (const { url, body, mismatch } of cases) {
      const title = `Idem ${randomUUID()}`;
      const key = randomUUID();
      const send = (payload: object) =>
        lectern.app.inject({ method: 'POST', url, headers: { ...instructor.auth, 'idempotency-key': key }, payload });
      const first = await send(body(title));
      assert.equal(first.statusCode, 201, `${url}: ${first.body}`);
      const again = await send(body(title));
      assert.equal(again.statusCode, 201);
      assert.equal(again.headers['idempotent-replayed'], 'true');
      assert.equal(again.body, first.body);
      const other = await send(body(`${title} changed`));
      assert.equal(other.statusCode, mismatch, `${url}: ${other.body}`);
      assert.equal(await coursesTitled(title), 1);
    }
  });

  it('forgets keys after 24 hours', async () => {
    const title = `Idem ${randomUUID()}`;
    const key = randomUUID();
    assert.equal((await create(title, key)).statusCode, 201);
    lectern.clock.advance(24 * 60 * 60 * 1000 + 1000);
    // The access token expired too: sign in again (a new token, the same user).
    const { access_token } = await logIn(lectern.app, instructor.email, instructor.password);
    const later = await create(title, key, { authorization: `Bearer ${access_token}` });
    assert.equal(later.statusCode, 201);
    assert.equal(later.headers['idempotent-replayed'], undefined);
    assert.equal(await coursesTitled(title), 2);
  });

  it('is declared on every signed-in unsafe operation of every surface document', async () => {
    const documents = await lectern.app.inject({ method: 'GET', url: '/docs/openapi/native.json' });
    assert.equal(documents.statusCode, 200);
    for (const name of ['native', 'gateway', 'services', 'envelope', 'django']) {
      const document = (await lectern.app.inject({ method: 'GET', url: `/docs/openapi/${name}.json` })).json() as {
        paths: Record<string, Record<string, { security?: object[]; parameters?: { name: string; in: string }[] }>>;
      };
      let checked = 0;
      for (const [path, operations] of Object.entries(document.paths)) {
        for (const [method, operation] of Object.entries(operations)) {
          const signedIn = operation.security?.some((requirement) => Object.keys(requirement).length > 0);
          const declared = operation.parameters?.some((p) => p.in === 'header' && p.name === 'Idempotency-Key');
          if (['post', 'put', 'patch', 'delete'].includes(method) && signedIn) {
            assert.ok(declared, `${name} ${method} ${path} declares Idempotency-Key`);
            checked += 1;
          } else assert.ok(!declared, `${name} ${method} ${path} has no Idempotency-Key`);
        }
      }
      assert.ok(checked > 0, `${name}: some operations checked`);
    }
  });
});
