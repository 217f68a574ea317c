// Display names of chat authors ("username" in 003's frames), with a small cache: every message
// fanned out names its author, and names rarely change.
import type { IdentityPort } from './communication.ports.ts';

export interface UserNames {
  lookup(ids: readonly string[]): Promise<Map<string, string>>;
  one(id: string): Promise<string>;
}

const CACHE_SIZE = 10_000;
const CACHE_MS = 60_000;

export function createUserNames(identity: IdentityPort): UserNames {
  const cache = new Map<string, { name: string; until: number }>();

  async function lookup(ids: readonly string[]): Promise<Map<string, string>> {
    const now = Date.now();
    const named = new Map<string, string>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const hit = cache.get(id);
      if (hit && hit.until > now) named.set(id, hit.name);
      else missing.push(id);
    }
    if (missing.length > 0) {
      for (const user of await identity.getUserSummaries(missing)) {
        const name = user.full_name.trim() || user.email?.split('@')[0] || 'user';
        named.set(user.id, name);
        if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
        cache.set(user.id, { name, until: now + CACHE_MS });
      }
    }
    return named;
  }

  return {
    lookup,
    one: async (id) => (await lookup([id])).get(id) ?? 'unknown',
  };
}
