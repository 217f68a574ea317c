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
    name: 'notifications',
    description:
      'The notifications service: `notify/send` and `notify/preview` (an admin access token or a service API key in `X-API-Key`), and the signed-in user’s subscriptions (`/api/subscriptions`).',
  },
];
