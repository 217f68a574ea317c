// The tags of the services (003) OpenAPI document, one per service, in the document's order.
import type { OpenApiTag } from '../kit/surface.ts';

export const servicesTags: readonly OpenApiTag[] = [
  {
    name: 'auth',
    description:
      'The auth service (`/api/auth`): phone and email sign-up and sign-in, verification, password reset, token refresh and logout, email and phone changes. Errors are `{code, message}`.',
  },
  {
    name: 'content',
    description:
      'The content service: courses (`draft`, `review`, `published`), their sections and materials, media uploads through presigned URLs (processing starts when the bytes arrive), media assets and tags.',
  },
  {
    name: 'profile',
    description: "The profile service (`/api/profile`): the signed-in user's profile and avatar uploads.",
  },
  {
    name: 'analytics',
    description:
      'The analytics service (`/api/analytics`): batches of events in, the dashboard, daily active users and event exports out (admins).',
  },
  {
    name: 'chat',
    description:
      'The chat service: message history, room search and presence (`/api/chats`). Live messaging is the WebSocket `GET /ws?token=&roomId=` (or the token as the `bearer, <token>` subprotocol pair): 401 for a bad token and 403 for a room the caller may not use, before the upgrade. Client frames: `message` (`content`, `reply_to`), `typing`, `reaction` (`message_id`, `emoji`, `action` add/remove), `edit` (`message_id`, `content`), `delete` (`message_id`), `ping`. Server frames: `message`, `user_joined`, `user_left`, `presence`, `typing`, `reaction`, `message_edited`, `message_deleted`, `error` (the socket stays open; 20 messages a minute per user).',
  },
  {
    name: 'notifications',
    description:
      'The notifications service: `notify/send` and `notify/preview` (an admin access token or a service API key in `X-API-Key`), and the signed-in user’s subscriptions (`/api/subscriptions`).',
  },
];
