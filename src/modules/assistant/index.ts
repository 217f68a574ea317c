// The assistant module's public API: the AI course advisor's sessions and messages, for every
// surface (004's /v1/chat and the native /api/v1/assistant). Answers ground on the live catalogue
// and come from an OpenAI-compatible model when one is configured, else from the built-in advisor.
import type { FastifyBaseLogger } from 'fastify';

import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/index.ts';
import type { EventPublisher } from '../../platform/events/index.ts';
import type { ChatModel } from '../../platform/llm/index.ts';
import { createBuiltinAdvisor } from './advisor.ts';
import type { AssistantPorts } from './assistant.ports.ts';
import type { AssistantInfo, Exchange } from './assistant.types.ts';
import type { ConversationSettings } from './conversation.service.ts';
import { createConversationService } from './conversation.service.ts';
import { createModelResponder } from './model-responder.ts';
import { createRetrieval } from './retrieval.ts';
import { sessionRepo } from './session.repo.ts';
import { createSessionService } from './session.service.ts';

export { BUILTIN_LABEL } from './advisor.ts';
export type * from './assistant.events.ts';
export type { AssistantPorts, CatalogPort } from './assistant.ports.ts';
export type * from './assistant.types.ts';
export { MAX_QUESTION_CHARS, MAX_TITLE_CHARS } from './assistant.types.ts';

export interface AssistantDeps extends AssistantPorts {
  database: DatabaseHandle;
  clock: Clock;
  events: EventPublisher;
  /** The model that answers; without one, the built-in advisor does. */
  model: ChatModel | undefined;
  settings: ConversationSettings;
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>;
}

export function createAssistantModule({ database, clock, events, catalog, model, settings, log }: AssistantDeps) {
  const sessions = createSessionService({ database, clock, events });
  const retrieval = createRetrieval(catalog);
  const responder = model ? createModelResponder(model, clock) : createBuiltinAdvisor();
  const conversation = createConversationService({
    database,
    clock,
    events,
    sessions,
    retrieval,
    responder,
    settings,
    log,
  });

  return {
    createSession: sessions.create,
    listSessions: sessions.list,
    getSession: sessions.get,
    renameSession: sessions.rename,
    deleteSession: sessions.remove,
    listMessages: conversation.listMessages,
    /** Stores the question; `reply()` of the result produces and stores the answer (streaming surfaces). */
    ask: conversation.ask,
    /** Asks and waits for the answer. */
    async send(actor: Actor, sessionId: string, input: { content: string }): Promise<Exchange> {
      const pending = await conversation.ask(actor, sessionId, input);
      return { user_message: pending.user_message, assistant_message: await pending.reply() };
    },
    /** Who answers on this deployment. */
    info(): AssistantInfo {
      return { provider: responder.provider, model: responder.model, daily_message_quota: settings.dailyMessages };
    },

    // For other modules
    /** Erases a user's conversations inside the caller's transaction (an account deletion). */
    async eraseUserData(tx: Tx, userId: string): Promise<void> {
      await sessionRepo.deleteAllOfUser(tx, userId);
    },
  };
}

export type AssistantModule = ReturnType<typeof createAssistantModule>;
