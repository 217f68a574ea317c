// `npm run openapi` writes one OpenAPI 3.1 document per surface into openapi/, generated from
// the route schemas; `npm run openapi -- --check` fails when the committed documents drift.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { createLectern } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { surfaceDocuments } from '../src/http/openapi.ts';
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
const documents = surfaceDocuments(lectern.app, lectern.app.surfaces, lectern.app.routeTable, config.publicUrl);
await lectern.close();

mkdirSync('openapi', { recursive: true });
const drifted: string[] = [];
for (const [surface, document] of documents) {
  const file = join('openapi', `${surface}.json`);
  const text = `${JSON.stringify(document, null, 2)}\n`;
  if (check) {
    if (!existsSync(file) || readFileSync(file, 'utf8') !== text) drifted.push(file);
  } else {
    writeFileSync(file, text);
    console.log(`wrote ${file} (${Object.keys(document.paths).length} paths)`);
  }
}
if (drifted.length > 0) {
  console.error(
    `OpenAPI documents drifted from the route schemas: ${drifted.join(', ')}. Run \`npm run openapi\` and commit.`,
  );
  process.exit(1);
}
if (check) console.log('OpenAPI documents are up to date');
