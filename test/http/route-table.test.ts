// The route table as a readable snapshot (test/http/route-table.snapshot.txt): every surface,
// method, path and who may call it. A change in it shows in review; regenerate it with
// `UPDATE_SNAPSHOTS=1 npm test -- test/http/route-table.test.ts`.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';

import { surfaceDocuments } from '../../src/http/openapi.ts';
import { surfaceResolver } from '../../src/http/surfaces.ts';
import { startTestApp } from '../helpers/app.ts';

const SNAPSHOT = new URL('./route-table.snapshot.txt', import.meta.url);
const lectern = await startTestApp();
const table = lectern.app.routeTable;
const routes = table
  .entries()
  .filter((route) => route.method !== 'HEAD' && !route.url.startsWith('/docs') && route.url !== '*')
  .sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));

const authText = (auth: unknown) => (Array.isArray(auth) ? auth.join('|') : String(auth));

describe('route table', () => {
  it('matches the committed snapshot', () => {
    const rows = routes.map((route) => [route.surface, route.method, route.url, authText(route.auth)]);
    const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
    const text = `${rows.map((row) => row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  ')).join('\n')}\n`;
    if (process.env['UPDATE_SNAPSHOTS'] || !existsSync(SNAPSHOT)) writeFileSync(SNAPSHOT, text);
    assert.equal(text, readFileSync(SNAPSHOT, 'utf8'), 'route table changed: review it and update the snapshot');
  });

  it('declares who may call every route', () => {
    const undeclared = routes.filter((route) => route.auth === undefined);
    assert.deepEqual(undeclared, []);
  });

  it('gives every route answering 201 a Location: its own rule, or a GET route at <url>/<id>', () => {
    const concrete = (url: string) => url.replace(/:\w+/g, 'x');
    const lost = routes.filter(
      (route) =>
        route.responses.includes('201') &&
        !route.locationRule &&
        !table.allowedMethods(`${concrete(route.url)}/x`).includes('GET'),
    );
    assert.deepEqual(
      lost.map((route) => `${route.method} ${route.url}`),
      [],
    );
  });

  it('answers unknown paths of a surface in that surface: every route lies in its own surface part', () => {
    const ownerOf = surfaceResolver(lectern.app.surfaces);
    // 000's PUT /users/me shares 001's path; the path's 404/405 answers are 001's.
    const shared = new Set(['PUT /api/v1/users/me']);
    const misplaced = routes.filter(
      (route) =>
        route.surface !== 'platform' &&
        !shared.has(`${route.method} ${route.url}`) &&
        ownerOf(route.url.replace(/:\w+/g, 'x'))?.name !== route.surface,
    );
    assert.deepEqual(
      misplaced.map((route) => `${route.surface} ${route.method} ${route.url}`),
      [],
    );
  });
});

describe('OpenAPI documents', () => {
  const documents = surfaceDocuments(lectern.app, lectern.app.surfaces, table, 'http://lectern.test');
  const operations = [...documents].flatMap(([name, document]) =>
    Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        where: `${name} ${method.toUpperCase()} ${path}`,
        ...(operation as { operationId?: string; summary?: string; tags?: string[] }),
      })),
    ),
  );

  // The verbs operationIds start with (after a surface prefix); a new one is welcome when it
  // is a verb that says what the operation does.
  const VERBS = new Set(
    (
      'add attach block cancel change complete confirm create delete detach disable download enable enroll ' +
      'generate get grade grant list login logout move presign publish record refresh refund regenerate ' +
      'register remove reorder request resend revoke save send set start submit unblock update upload verify ' +
      'replace reset search ingest export preview mark read replay rotate stream watch unenroll ask join leave ' +
      'react edit track test connect open close subscribe unsubscribe check'
    ).split(' '),
  );
  // A surface's own prefix (`gatewayLogin`, `djangoListCourses`) comes before the verb.
  const SURFACE_PREFIX = /^(gateway|django|services|envelope)(?=[A-Z])/;
  const verbOf = (operationId: string) =>
    /^[a-z]+/.exec(operationId.replace(SURFACE_PREFIX, '').replace(/^[A-Z]/, (c) => c.toLowerCase()))?.[0];

  it('names every operation once across all documents, camelCase and verb first', () => {
    const seen = new Map<string, string>();
    const problems: string[] = [];
    for (const { where, operationId } of operations) {
      if (!operationId || !/^[a-z][A-Za-z0-9]*$/.test(operationId) || !VERBS.has(verbOf(operationId) ?? '')) {
        problems.push(`${where}: operationId ${operationId}`);
      } else if (seen.has(operationId)) {
        problems.push(`${where}: operationId ${operationId} also names ${seen.get(operationId)}`);
      }
      if (operationId) seen.set(operationId, where);
    }
    assert.deepEqual(problems, []);
  });

  it('declares every tag its operations use, each with a description, and no unused one', () => {
    for (const [name, document] of documents) {
      const declared = (document['tags'] as { name: string; description?: string }[]).map((tag) => {
        assert.ok(tag.description, `${name}: tag ${tag.name} has no description`);
        return tag.name;
      });
      const used = new Set(
        operations.filter((operation) => operation.where.startsWith(`${name} `)).flatMap((o) => o.tags ?? []),
      );
      assert.deepEqual(
        [...used].filter((tag) => !declared.includes(tag)),
        [],
        `${name}: undeclared tags`,
      );
      assert.deepEqual(
        declared.filter((tag) => !used.has(tag)),
        [],
        `${name}: unused tags`,
      );
    }
  });
});
