#!/usr/bin/env node
// CLI entry: `lectern serve` (default), `lectern worker`, `lectern migrate`.
import closeWithGrace from 'close-with-grace';

import { createLectern } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './http/log.ts';
import { createDatabase } from './platform/db/index.ts';
import { migrateToLatest } from './platform/db/migrate.ts';

const command = process.argv[2] ?? 'serve';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  logger.info(
    { node: process.version, command, database: config.database.kind, redis: Boolean(config.redisUrl) },
    'lectern starting',
  );

  if (command === 'migrate') {
    const database = await createDatabase(config.database);
    const applied = await migrateToLatest(database.db);
    logger.info({ applied }, 'migrations applied');
    await database.close();
    return;
  }
  if (command !== 'serve' && command !== 'worker') {
    console.error(`Unknown command "${command}". Use: lectern serve | worker | migrate`);
    process.exitCode = 2;
    return;
  }

  const lectern = await createLectern(config, { logger, work: command === 'worker' ? true : config.worker.inProcess });
  closeWithGrace({ delay: 15_000, logger }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'shutting down after an error');
    else logger.info({ signal }, 'shutting down: draining requests and jobs');
    await lectern.close();
  });
  if (command === 'serve') {
    const address = await lectern.app.listen({ host: config.host, port: config.port });
    logger.info({ address, docs: `${config.publicUrl}/docs` }, 'lectern listening');
  } else {
    logger.info('worker running');
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
