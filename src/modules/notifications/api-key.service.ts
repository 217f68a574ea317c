// Service API keys: created by admins (the secret is shown once; only its SHA-256 is stored, which
// is enough for 256 random bits), listed and revoked by admins, checked on notify requests and
// (with the analytics scope) on analytics ingestion.
import { createHash, randomBytes } from 'node:crypto';

import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import { apiKeyRepo } from './api-key.repo.ts';
import { apiKeyNotFound, invalidApiKey } from './notifications.errors.ts';
import { assertAdmin } from './notifications.policy.ts';
import type { ApiKey, CreatedApiKey } from './notifications.types.ts';

export const API_KEY_PREFIX = 'lsk_';
/** Sending and previewing notifications (every key's scope unless others are asked for). */
export const NOTIFY_SCOPE = 'notify';
/** Ingesting analytics events about any user. */
export const ANALYTICS_SCOPE = 'analytics';
export const API_KEY_SCOPES = [NOTIFY_SCOPE, ANALYTICS_SCOPE] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export function createApiKeyService({ database, clock }: { database: DatabaseHandle; clock: Clock }) {
  return {
    async create(
      actor: Actor,
      input: { name: string; scopes?: readonly ApiKeyScope[] | undefined },
    ): Promise<CreatedApiKey> {
      assertAdmin(actor);
      const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
      const row = await apiKeyRepo.insert(database.db, {
        name: input.name,
        prefix: key.slice(0, 12),
        key_hash: hashKey(key),
        scopes: input.scopes?.length ? [...new Set(input.scopes)] : [NOTIFY_SCOPE],
        created_by: actor.id,
        created_at: clock.now(),
      });
      return { ...row, key };
    },

    async list(actor: Actor, page: PageRequest): Promise<Paged<ApiKey>> {
      assertAdmin(actor);
      return apiKeyRepo.list(database.db, page);
    },

    async revoke(actor: Actor, id: string): Promise<ApiKey> {
      assertAdmin(actor);
      const row = await apiKeyRepo.revoke(database.db, id, clock.now());
      if (!row) throw apiKeyNotFound(id);
      return row;
    },

    /** The live key with `scope` (notify unless said), or 401. */
    async verify(key: string, scope: ApiKeyScope = NOTIFY_SCOPE): Promise<ApiKey> {
      const row = key.startsWith(API_KEY_PREFIX)
        ? await apiKeyRepo.findLiveByHash(database.db, hashKey(key))
        : undefined;
      if (!row || !row.scopes.includes(scope)) throw invalidApiKey();
      await apiKeyRepo.touch(database.db, row.id, clock.now());
      return row;
    },
  };
}

export type ApiKeyService = ReturnType<typeof createApiKeyService>;
