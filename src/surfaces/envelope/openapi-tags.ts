// The tags of 004's OpenAPI document, in reading order: what each group of operations is for.
import type { OpenApiTag } from '../kit/surface.ts';

export const envelopeTags: readonly OpenApiTag[] = [
  {
    name: 'identity',
    description:
      'Registration and sign-in of students and instructors, token refresh and the signed-in user. Tokens are JWTs sent as `Authorization: Bearer`.',
  },
  {
    name: 'courses',
    description:
      'The course catalogue: courses are public as soon as they are created; instructors create and change their own.',
  },
  {
    name: 'chat',
    description:
      'Conversations with the AI course advisor: sessions of the signed-in user, each message answered from the published catalogue.',
  },
];
