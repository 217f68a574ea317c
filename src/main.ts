#!/usr/bin/env node
// CLI entry: `lectern serve` (default), `worker`, `migrate`, `seed`, `admin <action>`.
// Only the argument and settings checks are loaded up front: a usage mistake or a bad setting
// answers at once, before the application's dependencies (thousands of files) are read.
import cluster from 'node:cluster';

import type { Lectern } from './app.ts';
import { ADMIN_USAGE, adminArgsProblem } from './cli/admin-usage.ts';
import { parseArgs, UsageError } from './cli/args.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DomainError } from './platform/errors.ts';

const USAGE = `Usage: lectern <command>
  serve              migrate, then serve HTTP (default); --workers N|auto: N processes
                     on one port (PostgreSQL and Redis only)
  worker             run the job workers only
  migrate            apply migrations and exit
  seed               load the demo data set (idempotent) and print its credentials
  admin <action>     account chores; \`lectern admin help\` lists them
${ADMIN_USAGE.replace(/^/gm, '  ')}`;

const command = process.argv[2] ?? 'serve';
/** What a one-shot command prints for the person at the terminal (logs stay JSON on their own). */
const out = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  if (command === 'help' || command === '--help' || command === '-h') {
    out(USAGE);
    return;
  }
  if (!['serve', 'worker', 'migrate', 'seed', 'admin'].includes(command))
    throw new UsageError(`Unknown command "${command}"`);
  const args = parseArgs(process.argv.slice(3));
  if (command === 'admin' && (args.positional.length === 0 || args.positional[0] === 'help')) {
    out(ADMIN_USAGE);
    return;
  }

  const argsProblem = command === 'admin' ? adminArgsProblem(args.options) : undefined;
  if (argsProblem) {
    console.error(argsProblem);
    process.exitCode = 1;
    return;
  }

  if (args.options['workers'] !== undefined && command !== 'serve')
    throw new UsageError('--workers applies to `lectern serve` only');
  const workers = args.options['workers'];
  const config = loadConfig(workers === undefined ? process.env : { ...process.env, WORKERS: workers });
  let workersNote: string | undefined;
  if (command === 'serve' && cluster.isPrimary) {
    const { resolveWorkerCount, runPrimary } = await import('./cli/cluster.ts');
    const { count, note } = resolveWorkerCount(config);
    workersNote = note;
    if (count > 1) {
      const { createLogger } = await import('./http/log.ts');
      const logger = createLogger(config.logLevel);
      logger.info({ node: process.version, workers: count }, 'lectern starting its workers');
      return runPrimary(config, count, logger);
    }
  }
  const { createLectern } = await import('./app.ts');
  const { createLogger } = await import('./http/log.ts');
  // One-shot commands print their own lines; the JSON log only speaks up for warnings unless asked.
  const oneShot = command === 'migrate' || command === 'seed' || command === 'admin';
  const logger = createLogger(oneShot && !process.env.LOG_LEVEL ? 'warn' : config.logLevel);
  logger.info(
    { node: process.version, command, database: config.database.kind, redis: Boolean(config.redisUrl) },
    'lectern starting',
  );
  if (workersNote) logger.warn(workersNote);

  if (command === 'migrate') {
    const { createDatabase } = await import('./platform/db/index.ts');
    const { migrateToLatest } = await import('./platform/db/migrate.ts');
    const database = await createDatabase(config.database);
    const applied = await migrateToLatest(database.db);
    out(`migrations applied: ${applied.length === 0 ? 'none (up to date)' : applied.join(', ')}`);
    await database.close();
    return;
  }
  if (command === 'seed' || command === 'admin') {
    // The queue is started without workers: jobs enqueued here run in the server or a worker.
    const lectern = await createLectern(config, { logger, work: false });
    try {
      const { runAdminCommand } = await import('./cli/admin.command.ts');
      if (command === 'admin') await runAdminCommand(lectern, args, out);
      else await runSeed(lectern);
    } finally {
      await lectern.close();
    }
    return;
  }

  const { runsJobs } = await import('./cli/cluster.ts');
  const work = command === 'worker' || runsJobs(config);
  const lectern = await createLectern(config, { logger, work });
  const { default: closeWithGrace } = await import('close-with-grace');
  // A cluster worker drains when its primary asks (or on a signal of its own): see cluster.ts.
  const skip: ('SIGINT' | 'SIGTERM')[] = cluster.isWorker ? ['SIGINT', 'SIGTERM'] : [];
  const grace = closeWithGrace({ delay: 15_000, logger, skip }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'shutting down after an error');
    else logger.info({ signal: signal ?? 'from the primary' }, 'shutting down: draining requests and jobs');
    await lectern.close();
  });
  if (cluster.isWorker) {
    const { installWorkerShutdown } = await import('./cli/cluster.ts');
    installWorkerShutdown(() => void grace.close());
  }
  // Before the first request: start-up's garbage goes back to the operating system.
  const { releaseStartupMemory } = await import('./platform/heap.ts');
  releaseStartupMemory();
  if (command === 'serve') {
    const address = await lectern.app.listen({ host: config.host, port: config.port });
    logger.info({ address, docs: `${config.publicUrl}/docs`, jobs: work }, 'lectern listening');
    if (cluster.isPrimary) process.send?.((await import('./cli/cluster.ts')).READY_MESSAGE);
  } else {
    logger.info('worker running');
  }
}

async function runSeed(lectern: Lectern): Promise<void> {
  const { seed } = await import('./cli/seed.command.ts');
  out('seeding the demo data set (demo accounts share one password: never seed a production database)');
  const report = await seed(lectern, (line) => out(`  ${line}`));
  const { users, categories, courses, enrolments, certificates } = report.created;
  out(
    `created ${users} users, ${categories} categories, ${courses} courses, ${enrolments} enrolments, ${certificates} certificates`,
  );
  out('\nsign in with (POST /api/v1/auth/login):');
  for (const c of report.credentials) out(`  ${c.role.padEnd(10)} ${c.email.padEnd(28)} ${c.password}`);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  // Expected failures (bad settings, an unknown user, a weak password) read as one sentence.
  if (error instanceof ConfigError || error instanceof DomainError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
