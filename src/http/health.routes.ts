// Liveness (no dependencies touched) and readiness (database and Redis reachable).
import type { FastifyPluginAsync } from 'fastify';
import type { Redis } from 'ioredis';
import { Type } from 'typebox';

import { Described, StringEnum } from '../surfaces/kit/schemas.ts';

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

  app.get(
    '/health',
    {
      ...common,
      schema: {
        operationId: 'getHealth',
        summary: 'Check the process is alive',
        description: 'Touches no dependency: for liveness probes. Not rate-limited.',
        tags: ['health'],
        response: { 200: Described(Health, 'The process is up.') },
      },
    },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/ready',
    {
      ...common,
      schema: {
        operationId: 'getReadiness',
        summary: 'Check the dependencies are reachable',
        description:
          'The database, and Redis when configured, each answer within two seconds: for readiness probes and load balancers. Not rate-limited.',
        tags: ['health'],
        response: {
          200: Described(Ready, 'Ready to serve.'),
          503: Described(Ready, 'A dependency is down; the body says which.'),
        },
      },
    },
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
