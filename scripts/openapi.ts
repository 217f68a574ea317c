// `npm run openapi` writes one OpenAPI 3.1 document per surface into openapi/, generated from
// the route schemas; `npm run openapi -- --check` fails when the committed documents drift.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { createLectern } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createDatabase } from '../src/platform/db/index.ts';
import { testEnv } from '../test/helpers/app.ts';

const check = process.argv.includes('--check');
const config = loadConfig({
  ...testEnv(),
  DATABASE_URL: undefined,
  REDIS_URL: undefined,
  PUBLIC_URL: 'http://localhost:8000',
});
const lectern = await createLectern(config, { database: await createDatabase({ kind: 'pglite' }), work: false });

interface OpenApiDocument {
  info: Record<string, unknown>;
  paths: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}
const full = lectern.app.swagger() as unknown as OpenApiDocument;
const toFastifyUrl = (path: string) => path.replace('{*}', '*').replace(/\{(\w+)\}/g, ':$1');

const bySurface = new Map<string, OpenApiDocument['paths']>();
for (const [path, operations] of Object.entries(full.paths)) {
  for (const [method, operation] of Object.entries(operations)) {
    const surface = lectern.app.routeSurfaces.get(`${method.toUpperCase()} ${toFastifyUrl(path)}`) ?? 'platform';
    const paths = bySurface.get(surface) ?? {};
    paths[path] = { ...paths[path], [method]: operation };
    bySurface.set(surface, paths);
  }
}
await lectern.close();

mkdirSync('openapi', { recursive: true });
const drifted: string[] = [];
for (const [surface, paths] of [...bySurface.entries()].sort(([a], [b]) => a.localeCompare(b))) {
  const document = { ...full, info: { ...full.info, title: `Lectern API: ${surface} surface` }, paths };
  const file = join('openapi', `${surface}.json`);
  const text = `${JSON.stringify(document, null, 2)}\n`;
  if (check) {
    if (!existsSync(file) || readFileSync(file, 'utf8') !== text) drifted.push(file);
  } else {
    writeFileSync(file, text);
    console.log(`wrote ${file} (${Object.keys(paths).length} paths)`);
  }
}
if (drifted.length > 0) {
  console.error(
    `OpenAPI documents drifted from the route schemas: ${drifted.join(', ')}. Run \`npm run openapi\` and commit.`,
  );
  process.exit(1);
}
if (check) console.log('OpenAPI documents are up to date');
