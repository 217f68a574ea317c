// Initialises a new PGlite data directory in a child process (see `initialisePgliteDirectory`):
// run as `node pglite-initdb.ts <dir> <startParams as JSON>`.
import { PGlite } from '@electric-sql/pglite';

const [dir, startParams] = process.argv.slice(2);
const pglite = await PGlite.create({ dataDir: dir!, startParams: JSON.parse(startParams!) as string[] });
await pglite.close();
