// A conversation: reading a session's messages, and asking a question. Asking stores the question
// at once (inside the daily quota), then answers outside any transaction (retrieval and the model
// take time) and stores the answer with its event. When the model fails, the question stays and no
// answer is stored.
import type { FastifyBaseLogger } from 'fastify';

import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/index.ts';
import type { EventPublisher } from '../../platform/events/index.ts';
import { LlmError } from '../../platform/llm/index.ts';
import {
  answerAbandoned,
  emptyQuestion,
  providerUnavailable,
  questionTooLong,
  quotaExceeded,
  sessionNotFound,
  unknownCursor,
} from './assistant.errors.ts';
import { canUseSession } from './assistant.policy.ts';
import type {
  AssistantMessage,
  AssistantSession,
  MessagePage,
  MessageQuery,
  PendingReply,
  ReplyOptions,
} from './assistant.types.ts';
import { MAX_QUESTION_CHARS } from './assistant.types.ts';
import { messageRepo } from './message.repo.ts';
import type { Responder } from './responder.ts';
import type { RetrievalService } from './retrieval.ts';
import { sessionRepo } from './session.repo.ts';
import type { SessionService } from './session.service.ts';

export interface ConversationSettings {
  /** Earlier messages of the session given to the model as context. */
  historyMessages: number;
  /** Questions a user may ask in any 24 hours. */
  dailyMessages: number;
}

export interface ConversationDeps {
  database: DatabaseHandle;
  clock: Clock;
  events: EventPublisher;
  sessions: SessionService;
  retrieval: RetrievalService;
  responder: Responder;
  settings: ConversationSettings;
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>;
}

const DAY_MS = 86_400_000;
/** Longest answer stored, in characters. */
const MAX_ANSWER_CHARS = 20_000;
const TITLE_CHARS = 80;

/** A first question names an untitled session: its first line, cut at a word. */
function titleOf(question: string): string {
  const line = question.split('\n', 1)[0]!.trim();
  if (line.length <= TITLE_CHARS) return line;
  const cut = line.slice(0, TITLE_CHARS - 1);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 40 ? cut.lastIndexOf(' ') : cut.length)}…`;
}

interface Question {
  session: AssistantSession;
  message: AssistantMessage;
  history: AssistantMessage[];
}

export function createConversationService(deps: ConversationDeps) {
  const { database, clock, events, sessions, retrieval, responder, settings, log } = deps;
  const { db } = database;

  /** Refused while the user has sent `dailyMessages` questions in the last 24 hours. */
  async function assertQuota(tx: Tx, userId: string): Promise<void> {
    const now = clock.now().getTime();
    const quota = settings.dailyMessages;
    const nth = await messageRepo.nthRecentQuestionAt(tx, userId, new Date(now - DAY_MS), quota);
    if (!nth) return;
    // A question is allowed again once that one leaves the window.
    throw quotaExceeded(quota, Math.max(1, Math.ceil((nth.getTime() + DAY_MS - now) / 1000)));
  }

  /** Stores the question (locking the session, so one session's questions keep their order). */
  async function store(actor: Actor, sessionId: string, question: string): Promise<Question> {
    return database.transaction(async (tx) => {
      const session = await sessionRepo.lock(tx, sessionId);
      if (!session || !canUseSession(actor, session)) throw sessionNotFound(sessionId);
      await assertQuota(tx, actor.id);
      const history =
        settings.historyMessages > 0 ? await messageRepo.latest(tx, sessionId, settings.historyMessages) : [];
      const now = clock.now();
      const message = await messageRepo.insert(tx, {
        session_id: sessionId,
        user_id: actor.id,
        role: 'user',
        content: question,
        created_at: now,
      });
      await sessionRepo.touch(tx, sessionId, now, titleOf(question));
      return { session, message, history: history.reverse() };
    });
  }

  /** Retrieval, the answer, and the stored assistant message with its event. */
  async function answer(actor: Actor, asked: Question, options: ReplyOptions): Promise<AssistantMessage> {
    const started = Date.now();
    const previous = asked.history.findLast((message) => message.role === 'assistant')?.course_ids ?? [];
    const retrieved = await retrieval.forQuestion(asked.message.content, previous);
    let reply;
    try {
      reply = await responder.answer({
        question: asked.message.content,
        history: asked.history.map(({ role, content }) => ({ role, content })),
        retrieval: retrieved,
        search: retrieval.search,
        onDelta: options.onDelta,
        signal: options.signal,
      });
    } catch (error) {
      if (!(error instanceof LlmError)) throw error;
      if (error.reason === 'aborted') {
        log.info({ reason: error.reason, session: asked.session.id }, 'assistant answer abandoned by the client');
        throw answerAbandoned();
      }
      // The reason and status only: a provider's own error text may quote the key.
      log.warn({ reason: error.reason, status: error.status, session: asked.session.id }, 'assistant model failed');
      throw providerUnavailable();
    }
    const content =
      reply.content.length > MAX_ANSWER_CHARS ? `${reply.content.slice(0, MAX_ANSWER_CHARS - 1)}…` : reply.content;
    return database.transaction(async (tx) => {
      const now = clock.now();
      const message = await messageRepo.insert(tx, {
        session_id: asked.session.id,
        user_id: actor.id,
        role: 'assistant',
        content,
        provider: responder.provider,
        model: responder.model,
        course_ids: reply.courseIds,
        created_at: now,
      });
      await sessionRepo.touch(tx, asked.session.id, now, null);
      await events.publish(tx, 'assistant.message.answered', {
        session_id: asked.session.id,
        user_id: actor.id,
        message_id: message.id,
        provider: responder.provider,
        model: responder.model,
        course_ids: reply.courseIds,
        duration_ms: Date.now() - started,
      });
      return message;
    });
  }

  return {
    async listMessages(actor: Actor, sessionId: string, query: MessageQuery): Promise<MessagePage> {
      await sessions.owned(actor, sessionId);
      let beforeSeq: number | undefined;
      if (query.before !== undefined) {
        beforeSeq = await messageRepo.seqOf(db, sessionId, query.before);
        if (beforeSeq === undefined) throw unknownCursor(query.before);
      }
      const rows = await messageRepo.latest(db, sessionId, query.limit + 1, beforeSeq);
      return {
        session_id: sessionId,
        messages: rows.slice(0, query.limit).reverse(),
        has_more: rows.length > query.limit,
      };
    },

    /**
     * Stores the question and hands back the way to its answer: surfaces that stream call
     * `reply({ onDelta })` once they have sent the stored question; others await it at once.
     */
    async ask(actor: Actor, sessionId: string, input: { content: string }): Promise<PendingReply> {
      const question = input.content.trim();
      if (!question) throw emptyQuestion();
      if (question.length > MAX_QUESTION_CHARS) throw questionTooLong(MAX_QUESTION_CHARS);
      const asked = await store(actor, sessionId, question);
      return { user_message: asked.message, reply: (options = {}) => answer(actor, asked, options) };
    },
  };
}
