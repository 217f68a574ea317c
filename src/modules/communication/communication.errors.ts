// The chat's domain errors, with stable codes.
import { DomainError } from '../../platform/errors.ts';

/** Unknown rooms and rooms the caller may not see read alike. */
export const roomNotFound = (id: string) =>
  new DomainError('not_found', 'CHAT_ROOM_NOT_FOUND', `Chat room with ID '${id}' not found`);

/** The upgrade of a room the caller is not a member of (or that does not exist). */
export const noRoomAccess = (id: string) =>
  new DomainError('forbidden', 'CHAT_NO_ROOM_ACCESS', `No access to chat room '${id}'`);

export const messageNotFound = (id: string) =>
  new DomainError('not_found', 'CHAT_MESSAGE_NOT_FOUND', `Message with ID '${id}' not found`);

export const attachmentNotFound = (id: string) =>
  new DomainError('not_found', 'CHAT_ATTACHMENT_NOT_FOUND', `Attachment with ID '${id}' not found`);

export const userNotFound = (id: string) =>
  new DomainError('not_found', 'CHAT_USER_NOT_FOUND', `User with ID '${id}' not found`);

export const invalidMessage = (message: string, field = 'content') =>
  new DomainError('validation', 'CHAT_INVALID_MESSAGE', message, { details: [{ field, message }] });

export const notYourMessage = () =>
  new DomainError('forbidden', 'CHAT_NOT_YOUR_MESSAGE', 'Only the author may change this message');

export const messageRateLimited = (limit: number, retryAfterSeconds: number) =>
  new DomainError('rate_limited', 'CHAT_RATE_LIMITED', `At most ${limit} messages per minute`, {
    retryAfterSeconds,
    info: { limit, windowSeconds: 60 },
  });

export const notRoomOwner = () =>
  new DomainError('forbidden', 'CHAT_NOT_ROOM_OWNER', "Only the room's owner may manage its members");

export const courseRoomManaged = () =>
  new DomainError(
    'conflict',
    'CHAT_COURSE_ROOM_MANAGED',
    "Members of a course room follow the course's staff and enrolments; a direct room keeps its pair",
  );
