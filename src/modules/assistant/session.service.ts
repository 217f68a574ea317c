// Sessions: a user's conversations with the advisor, private to that user.
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle, Executor } from '../../platform/db/index.ts';
import { invalid } from '../../platform/errors.ts';
import type { EventPublisher } from '../../platform/events/index.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import { sessionNotFound } from './assistant.errors.ts';
import { canUseSession } from './assistant.policy.ts';
import type { AssistantSession } from './assistant.types.ts';
import { MAX_TITLE_CHARS } from './assistant.types.ts';
import { sessionRepo } from './session.repo.ts';

export interface SessionDeps {
  database: DatabaseHandle;
  clock: Clock;
  events: EventPublisher;
}

/** A title as stored: trimmed, null when blank. */
export function cleanTitle(title: string | null | undefined): string | null {
  const clean = title?.replace(/\s+/g, ' ').trim();
  if (!clean) return null;
  if (clean.length > MAX_TITLE_CHARS) throw invalid(`Title must be at most ${MAX_TITLE_CHARS} characters`, 'title');
  return clean;
}

export function createSessionService({ database, clock, events }: SessionDeps) {
  const { db } = database;

  /** The actor's own session; anyone else's reads as missing. */
  async function owned(actor: Actor, sessionId: string, executor: Executor = db): Promise<AssistantSession> {
    const session = await sessionRepo.findById(executor, sessionId);
    if (!session || !canUseSession(actor, session)) throw sessionNotFound(sessionId);
    return session;
  }

  return {
    owned,

    async create(actor: Actor, input: { title?: string | null | undefined }): Promise<AssistantSession> {
      const title = cleanTitle(input.title);
      return database.transaction(async (tx) => {
        const session = await sessionRepo.insert(tx, { user_id: actor.id, title, now: clock.now() });
        await events.publish(tx, 'assistant.session.created', { session_id: session.id, user_id: actor.id });
        return session;
      });
    },

    list(actor: Actor, page: PageRequest): Promise<Paged<AssistantSession>> {
      return sessionRepo.listByUser(db, actor.id, page);
    },

    get: (actor: Actor, sessionId: string) => owned(actor, sessionId),

    async rename(actor: Actor, sessionId: string, input: { title: string | null }): Promise<AssistantSession> {
      const title = cleanTitle(input.title);
      await owned(actor, sessionId);
      const renamed = await sessionRepo.rename(db, sessionId, title, clock.now());
      if (!renamed) throw sessionNotFound(sessionId);
      return renamed;
    },

    async remove(actor: Actor, sessionId: string): Promise<void> {
      await owned(actor, sessionId);
      await sessionRepo.delete(db, sessionId);
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
