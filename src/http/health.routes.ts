// Liveness (no dependencies touched) and readiness (database and Redis reachable).
import type { FastifyPluginAsync } from 'fastify';
import type { Redis } from 'ioredis';
import { Type } from 'typebox';

import { StringEnum } from '../surfaces/kit/schemas.ts';

interface HealthOptions {
  pingDatabase(): Promise<void>;
  redis: Redis | undefined;
}

const Health = Type.Object({ status: Type.String() });
const Ready = Type.Object({
  status: StringEnum(['ok', 'unavailable']),
  database: StringEnum(['up', 'down']),
  redis: StringEnum(['up', 'down', 'not_configured']),
});

export const registerHealthRoutes: FastifyPluginAsync<HealthOptions> = async (app, options) => {
  const common = { config: { auth: 'public' as const, rateLimit: false as const } };

  app.get('/health', { ...common, schema: { tags: ['health'], response: { 200: Health } } }, async () => ({
    status: 'ok',
  }));

  app.get(
    '/ready',
    { ...common, schema: { tags: ['health'], response: { 200: Ready, 503: Ready } } },
    async (_request, reply) => {
      const database = await probe(options.pingDatabase);
      const redis = options.redis ? await probe(() => options.redis!.ping()) : 'not_configured';
      const ok = database === 'up' && redis !== 'down';
      reply.status(ok ? 200 : 503);
      return { status: ok ? 'ok' : 'unavailable', database, redis } as const;
    },
  );
};

async function probe(check: () => Promise<unknown>): Promise<'up' | 'down'> {
  try {
    await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000))]);
    return 'up';
  } catch {
    return 'down';
  }
}
