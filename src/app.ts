// The composition root: builds the platform adapters, the modules over them, and the HTTP app
// with every surface. `lectern serve`, `lectern worker`, the tests and the benches all start here.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { pino } from 'pino';

import type { Config } from './config.ts';
import { loadOrCreateSecret } from './config.ts';
import { buildHttpApp } from './http/app.ts';
import { pagesRoutes } from './http/pages.routes.ts';
import { storageRoutes } from './http/storage.routes.ts';
import { tusRoutes } from './http/tus.routes.ts';
import type { AnalyticsModule } from './modules/analytics/index.ts';
import { createAnalyticsModule } from './modules/analytics/index.ts';
import type { AssessmentModule } from './modules/assessment/index.ts';
import { createAssessmentModule } from './modules/assessment/index.ts';
import type { AssistantModule } from './modules/assistant/index.ts';
import { createAssistantModule } from './modules/assistant/index.ts';
import type { CatalogModule } from './modules/catalog/index.ts';
import { createCatalogModule } from './modules/catalog/index.ts';
import type { CommunicationModule } from './modules/communication/index.ts';
import { createCommunicationModule } from './modules/communication/index.ts';
import type { FilesModule } from './modules/files/index.ts';
import { createFilesModule, TUS_PATH } from './modules/files/index.ts';
import type { IdentityModule } from './modules/identity/index.ts';
import { createIdentityModule } from './modules/identity/index.ts';
import type { LearningModule } from './modules/learning/index.ts';
import { createLearningModule } from './modules/learning/index.ts';
import type { NotificationsModule } from './modules/notifications/index.ts';
import { createNotificationsModule } from './modules/notifications/index.ts';
import type { ProfilesModule } from './modules/profiles/index.ts';
import { createProfilesModule } from './modules/profiles/index.ts';
import type { Clock } from './platform/clock.ts';
import { systemClock } from './platform/clock.ts';
import type { DatabaseHandle } from './platform/db/index.ts';
import { createDatabase } from './platform/db/index.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import type { EventBus } from './platform/events/index.ts';
import { createEventBus } from './platform/events/index.ts';
import { createIdempotencyStore } from './platform/idempotency/index.ts';
import { late } from './platform/late.ts';
import { createLinks } from './platform/links.ts';
import { createMailTransport } from './platform/mail/index.ts';
import type { OutboxStore } from './platform/outbox/index.ts';
import { createOutboxStore } from './platform/outbox/index.ts';
import type { PubSub } from './platform/pubsub/index.ts';
import { createPubSub } from './platform/pubsub/index.ts';
import type { Queue } from './platform/queue/index.ts';
import { createQueue } from './platform/queue/index.ts';
import { createSms, createSmsTransport } from './platform/sms/index.ts';
import type { Storage } from './platform/storage/index.ts';
import { createStorage } from './platform/storage/index.ts';
import { createDjangoSurface } from './surfaces/django/index.ts';
import { createEnvelopeSurface } from './surfaces/envelope/index.ts';
import { createGatewaySurface } from './surfaces/gateway/index.ts';
import { createNativeSurface } from './surfaces/native/index.ts';
import { createServicesSurface } from './surfaces/services/index.ts';

export interface Modules {
  identity: IdentityModule;
  catalog: CatalogModule;
  learning: LearningModule;
  assessment: AssessmentModule;
  files: FilesModule;
  profiles: ProfilesModule;
  assistant: AssistantModule;
  analytics: AnalyticsModule;
  communication: CommunicationModule;
  notifications: NotificationsModule;
}

export interface PlatformServices {
  outbox: OutboxStore;
  storage: Storage;
  /** Fan-out between processes (chat, live feeds): Redis when REDIS_URL is set. */
  pubsub: PubSub;
}

export interface Lectern {
  app: FastifyInstance;
  config: Config;
  database: DatabaseHandle;
  queue: Queue;
  /** Domain events: modules publish; subscribers (registered before the queue starts) react. */
  events: EventBus;
  modules: Modules;
  platform: PlatformServices;
  redis: Redis | undefined;
  close(): Promise<void>;
}

export interface LecternOptions {
  /** A pino logger; silent when omitted. */
  logger?: FastifyBaseLogger;
  clock?: Clock;
  /** An already open database (tests hand in a fresh copy of the migrated template). */
  database?: DatabaseHandle;
  /** Run queue workers in this process (default: config.worker.inProcess). */
  work?: boolean;
  /**
   * Runs once everything is built, before the job queue starts: the last moment to define jobs
   * or subscribe to events (an embedding application's own subscribers, a test's).
   */
  beforeStart?: (lectern: Lectern) => void | Promise<void>;
}

export async function createLectern(config: Config, options: LecternOptions = {}): Promise<Lectern> {
  const clock = options.clock ?? systemClock;
  const database = options.database ?? (await createDatabase(config.database));
  await migrateToLatest(database.db);
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, {
        // Fail fast while Redis is away (no queue of commands waiting for a reconnect, a bound on
        // each command), and retry the connection at most every two seconds.
        maxRetriesPerRequest: 1,
        connectTimeout: 2000,
        commandTimeout: 1000,
        enableOfflineQueue: false,
        retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
        lazyConnect: false,
      })
    : undefined;
  redis?.on('error', () => {
    // Readiness reports Redis as down; ioredis reconnects by itself.
  });
  // Without an offline queue, commands sent before the first connection would fail: wait for it,
  // briefly — a Redis that is down at start-up leaves Lectern serving degraded, as after an outage.
  if (redis) await redisReady(redis, 2000);

  const log = options.logger ?? pino({ level: 'silent' });
  const links = createLinks({ publicUrl: config.publicUrl, appUrl: config.appUrl });
  const queue = createQueue(database, log);
  const storage = await createStorage(config.storage, {
    clock,
    publicUrl: config.publicUrl,
    signingSecret: loadOrCreateSecret(config.dataDir, 'storage-signing-key'),
  });
  const platform: PlatformServices = {
    outbox: createOutboxStore(database.db),
    storage,
    pubsub: createPubSub({ redis, keyPrefix: config.redisKeyPrefix }),
  };
  const events = createEventBus({ database, queue, clock, log });
  const sms = createSms(config.sms, queue, platform.outbox);

  // Filled module by module. Each module receives the modules it needs as the narrow ports it
  // declares; a module built later is handed in `late`, looked up when first called (catalog asks
  // learning "is this user enrolled?" while learning is built after the catalog).
  const modules = {} as Modules;

  modules.identity = await createIdentityModule({
    database,
    clock,
    events,
    notifications: late(() => modules.notifications, 'the notifications module'),
    sms,
    settings: {
      tokens: {
        secret: config.jwt.secret,
        issuer: config.jwt.issuer,
        audience: config.jwt.audience,
        accessTtlSeconds: config.jwt.accessTtlSeconds,
      },
      sessions: config.refresh,
      lockout: config.lockout,
      links,
      google: config.google,
      mfaEncryptionKey: config.mfa.encryptionKey,
    },
  });

  modules.catalog = createCatalogModule({
    database,
    clock,
    events,
    identity: modules.identity,
    learning: late(() => modules.learning, 'the learning module'),
    files: late(() => modules.files, 'the files module'),
  });

  modules.learning = createLearningModule({
    database,
    clock,
    events,
    queue,
    catalog: modules.catalog,
    identity: modules.identity,
    storage: platform.storage,
    links,
  });

  modules.files = await createFilesModule({
    database,
    clock,
    events,
    queue,
    storage: platform.storage,
    config,
    links,
    catalog: modules.catalog,
    identity: modules.identity,
  });

  modules.assessment = createAssessmentModule({
    database,
    clock,
    events,
    queue,
    catalog: modules.catalog,
    learning: modules.learning,
    files: modules.files,
  });

  modules.profiles = createProfilesModule({
    database,
    clock,
    identity: modules.identity,
    catalog: modules.catalog,
  });

  modules.assistant = createAssistantModule({
    database,
    clock,
    events,
    catalog: modules.catalog,
    model:
      config.llm.kind === 'openai'
        ? (await import('./platform/llm/openai.ts')).createOpenAiChatModel({
            ...config.llm,
            timeoutMs: config.assistant.timeoutMs,
          })
        : undefined,
    settings: { historyMessages: config.assistant.historyMessages, dailyMessages: config.assistant.dailyMessages },
    log: log.child({ module: 'assistant' }),
  });

  modules.analytics = createAnalyticsModule({
    database,
    clock,
    events,
    queue,
    identity: modules.identity,
    catalog: modules.catalog,
    serviceKeys: late(() => modules.notifications, 'the notifications module'),
    storage: platform.storage,
    settings: { retentionDays: config.analytics.retentionDays, monthsAhead: 2 },
    log: log.child({ module: 'analytics' }),
  });

  modules.communication = createCommunicationModule({
    database,
    clock,
    events,
    pubsub: platform.pubsub,
    redis,
    keyPrefix: config.redisKeyPrefix,
    catalog: modules.catalog,
    learning: modules.learning,
    identity: modules.identity,
    files: modules.files,
    settings: {
      heartbeatMs: config.chat.heartbeatSeconds * 1000,
      maxBufferedBytes: config.chat.sendBufferBytes,
      messagesPerMinute: config.rateLimit.chatPerMinute,
    },
    log: log.child({ module: 'communication' }),
  });

  modules.notifications = createNotificationsModule({
    database,
    clock,
    queue,
    pubsub: platform.pubsub,
    outbox: platform.outbox,
    mail: createMailTransport(config.mail, platform.outbox),
    sms: createSmsTransport(config.sms, platform.outbox),
    events,
    identity: modules.identity,
    catalog: modules.catalog,
    learning: modules.learning,
    assessment: modules.assessment,
    links,
    log: log.child({ module: 'notifications' }),
    settings: {
      appName: 'Lectern',
      publicUrl: config.publicUrl,
      signingSecret: loadOrCreateSecret(config.dataDir, 'notifications-signing-key'),
      vapid: config.vapid,
      webhooks: config.webhooks,
    },
  });

  const idempotency = createIdempotencyStore(database.db, clock);
  queue.define({ name: 'idempotency.purge', cron: '23 * * * *', handle: async () => void (await idempotency.purge()) });

  const surfaceDeps = { config, modules, platform };
  const app = await buildHttpApp({
    config,
    logger: log,
    redis,
    pingDatabase: () => database.ping(),
    idempotency,
    authenticator: modules.identity,
    surfaces: [
      createNativeSurface(surfaceDeps),
      createGatewaySurface(surfaceDeps),
      createServicesSurface(surfaceDeps),
      createDjangoSurface(surfaceDeps),
      createEnvelopeSurface(surfaceDeps),
    ],
    platformRoutes: [
      // With a frontend (APP_URL), mail links go there; else to Lectern's own minimal pages.
      ...(config.appUrl
        ? []
        : [
            pagesRoutes({
              identity: modules.identity,
              rateLimit: { max: config.rateLimit.authPerMinute, timeWindow: 60_000 },
            }),
          ]),
      storageRoutes({ storage: platform.storage, uploads: modules.files }),
      tusRoutes({
        path: TUS_PATH,
        datastore: modules.files.tusDatastore,
        maxBytes: config.media.maxBytes,
        publicUrl: config.publicUrl,
        trustProxy: config.http.trustProxy,
        uploadFinished: (uploadId) => modules.files.tusUploadFinished(uploadId),
      }),
    ],
  });

  let closed = false;
  const lectern: Lectern = {
    app,
    config,
    database,
    queue,
    events,
    modules,
    platform,
    redis,
    async close() {
      if (closed) return;
      closed = true;
      await modules.communication.close();
      await app.close();
      log.info('http server closed; stopping job workers');
      await queue.stop();
      log.info('job workers stopped');
      await platform.pubsub.close();
      // QUIT needs a live connection; while Redis is away just stop reconnecting.
      if (redis?.status === 'ready') await redis.quit().catch(() => undefined);
      else redis?.disconnect();
      await database.close();
      log.info('database closed');
    },
  };

  await options.beforeStart?.(lectern);
  await queue.start({ work: options.work ?? config.worker.inProcess });
  if (config.admin) {
    // An existing account named by ADMIN_EMAIL is promoted (its password is kept), never skipped silently.
    const outcome = await modules.identity.ensureAdmin(config.admin.email, config.admin.password);
    if (outcome === 'created') app.log.info({ email: config.admin.email }, 'bootstrap admin account created');
    else if (outcome === 'promoted')
      app.log.warn({ email: config.admin.email }, 'ADMIN_EMAIL names an existing account: promoted it to admin');
    else app.log.info({ email: config.admin.email }, 'bootstrap admin account already exists');
  }
  await app.ready();
  return lectern;
}

function redisReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    redis.once('ready', done);
  });
}
