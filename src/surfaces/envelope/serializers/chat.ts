// Advisor sessions and messages in 004's shapes.
import type { AssistantMessage, AssistantSession, Exchange, MessagePage } from '../../../modules/assistant/index.ts';

export function toSessionData(session: AssistantSession) {
  return { session_id: session.id, user_id: session.user_id, title: session.title, created_at: session.created_at };
}

export function toMessageOut(message: AssistantMessage) {
  return { id: message.id, role: message.role, content: message.content, created_at: message.created_at };
}

export function toMessagesData(page: MessagePage) {
  return { session_id: page.session_id, messages: page.messages.map(toMessageOut), has_more: page.has_more };
}

export function toExchangeData(exchange: Exchange) {
  return {
    user_message: toMessageOut(exchange.user_message),
    assistant_message: toMessageOut(exchange.assistant_message),
  };
}
