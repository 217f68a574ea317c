// The composition root: builds the platform adapters, the modules over them, and the HTTP app
// with every surface. `lectern serve`, `lectern worker`, the tests and the benches all start here.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { pino } from 'pino';

import type { Config } from './config.ts';
import { loadOrCreateSecret } from './config.ts';
import { buildHttpApp } from './http/app.ts';
import { storageRoutes } from './http/storage.routes.ts';
import { tusRoutes } from './http/tus.routes.ts';
import type { AssessmentModule } from './modules/assessment/index.ts';
import { createAssessmentModule } from './modules/assessment/index.ts';
import type { CatalogModule } from './modules/catalog/index.ts';
import { createCatalogModule } from './modules/catalog/index.ts';
import type { FilesModule } from './modules/files/index.ts';
import { createFilesModule, TUS_PATH } from './modules/files/index.ts';
import type { IdentityModule } from './modules/identity/index.ts';
import { createIdentityModule } from './modules/identity/index.ts';
import type { LearningModule } from './modules/learning/index.ts';
import { createLearningModule, lateCatalog } from './modules/learning/index.ts';
import type { ProfilesModule } from './modules/profiles/index.ts';
import { createProfilesModule } from './modules/profiles/index.ts';
import type { Clock } from './platform/clock.ts';
import { systemClock } from './platform/clock.ts';
import type { DatabaseHandle } from './platform/db/index.ts';
import { createDatabase } from './platform/db/index.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { createMail } from './platform/mail/index.ts';
import type { OutboxStore } from './platform/outbox/index.ts';
import { createOutboxStore } from './platform/outbox/index.ts';
import type { PubSub } from './platform/pubsub/index.ts';
import { createPubSub } from './platform/pubsub/index.ts';
import type { Queue } from './platform/queue/index.ts';
import { createQueue } from './platform/queue/index.ts';
import { createSms } from './platform/sms/index.ts';
import type { Storage } from './platform/storage/index.ts';
import { createStorage } from './platform/storage/index.ts';
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
}

export async function createLectern(config: Config, options: LecternOptions = {}): Promise<Lectern> {
  const clock = options.clock ?? systemClock;
  const database = options.database ?? (await createDatabase(config.database));
  await migrateToLatest(database.db);
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2000, lazyConnect: false })
    : undefined;
  redis?.on('error', () => {
    // Readiness reports Redis as down; ioredis reconnects by itself.
  });

  const log = options.logger ?? pino({ level: 'silent' });
  const queue = createQueue(database, log);
  const storage = createStorage(config.storage, {
    clock,
    publicUrl: config.publicUrl,
    signingSecret: loadOrCreateSecret(config.dataDir, 'storage-signing-key'),
  });
  const platform: PlatformServices = {
    outbox: createOutboxStore(database.db),
    storage,
    pubsub: createPubSub({ redis, keyPrefix: config.redisKeyPrefix }),
  };
  const mail = createMail(config.mail, queue, platform.outbox);
  const sms = createSms(config.sms, queue, platform.outbox);

  // Filled module by module; modules that need each other receive closures over this object,
  // resolved at call time (catalog asks learning "is this user enrolled?", and so on).
  const modules = {} as Modules;

  modules.identity = await createIdentityModule({
    database,
    clock,
    mail,
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
      publicUrl: config.publicUrl,
      google: config.google,
      mfaEncryptionKey: config.mfa.encryptionKey,
    },
  });

  modules.catalog = createCatalogModule({
    database,
    clock,
    enrollments: { isEnrolled: (userId, courseId) => modules.learning.isEnrolled(userId, courseId) },
    files: { getFileForActor: (actor, fileId) => modules.files.getFileForActor(actor, fileId) },
  });

  modules.learning = createLearningModule({
    database,
    clock,
    queue,
    catalog: lateCatalog(() => modules.catalog),
    storage: () => platform.storage,
    publicUrl: config.publicUrl,
  });

  modules.files = createFilesModule({
    database,
    clock,
    queue,
    storage: platform.storage,
    config,
    catalog: {
      getLessonSummary: (lessonId, executor) => modules.catalog.getLessonSummary(lessonId, executor),
      getCourseSummary: (courseId, executor) => modules.catalog.getCourseSummary(courseId, executor),
      isCourseStaff: (actor, courseId) => modules.catalog.isCourseStaff(actor, courseId),
      canReadLesson: (actor, lessonId) =>
        modules.catalog.getLesson(actor, lessonId).then(
          () => true,
          () => false,
        ),
    },
  });

  modules.assessment = createAssessmentModule({
    database,
    clock,
    queue,
    catalog: {
      getCourseSummary: (courseId, executor) => modules.catalog.getCourseSummary(courseId, executor),
      isCourseStaff: (actor, courseId) => modules.catalog.isCourseStaff(actor, courseId),
      getLessonSummary: (lessonId) => modules.catalog.getLessonSummary(lessonId),
    },
    learning: { isEnrolled: (userId, courseId) => modules.learning.isEnrolled(userId, courseId) },
    files: { getFileForActor: (actor, fileId) => modules.files.getFileForActor(actor, fileId) },
  });

  modules.profiles = createProfilesModule({
    database,
    clock,
    identity: modules.identity,
    catalog: {
      // The PageRequest form of listCourses the module kernel brings; until then, as page numbers.
      listCourses: (actor, query, page) =>
        modules.catalog.listCourses(actor, {
          ...query,
          page: Math.floor(page.offset / page.limit) + 1,
          pageSize: page.limit,
        }),
    },
  });

  const surfaceDeps = { config, modules, platform };
  const app = await buildHttpApp({
    config,
    logger: log,
    redis,
    pingDatabase: () => database.ping(),
    authenticator: modules.identity,
    surfaces: [createNativeSurface(surfaceDeps), createGatewaySurface(surfaceDeps), createServicesSurface(surfaceDeps)],
    platformRoutes: [
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

  await queue.start({ work: options.work ?? config.worker.inProcess });
  if (config.admin) {
    const created = await modules.identity.ensureAdmin(config.admin.email, config.admin.password);
    if (created) app.log.info('bootstrap admin account created');
  }
  await app.ready();

  let closed = false;
  return {
    app,
    config,
    database,
    queue,
    modules,
    platform,
    redis,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      log.info('http server closed; stopping job workers');
      await queue.stop();
      log.info('job workers stopped');
      await platform.pubsub.close();
      if (redis) await redis.quit().catch(() => undefined);
      await database.close();
      log.info('database closed');
    },
  };
}
