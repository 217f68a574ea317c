// Advisor sessions and messages in the native shapes, every field listed.
import type { AssistantMessage, AssistantSession, Exchange, MessagePage } from '../../../modules/assistant/index.ts';

export function sessionOut(session: AssistantSession) {
  return {
    id: session.id,
    title: session.title,
    message_count: session.message_count,
    last_message_at: session.last_message_at,
    created_at: session.created_at,
    updated_at: session.updated_at,
  };
}

export function messageOut(message: AssistantMessage) {
  return {
    id: message.id,
    session_id: message.session_id,
    role: message.role,
    content: message.content,
    provider: message.provider,
    model: message.model,
    course_ids: message.course_ids,
    created_at: message.created_at,
  };
}

export function messagePageOut(page: MessagePage) {
  return { items: page.messages.map(messageOut), has_more: page.has_more };
}

export function exchangeOut(exchange: Exchange) {
  return { user_message: messageOut(exchange.user_message), assistant_message: messageOut(exchange.assistant_message) };
}
