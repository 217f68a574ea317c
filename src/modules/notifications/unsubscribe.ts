// One-click unsubscribe (RFC 8058): marketing mails carry a List-Unsubscribe URL holding a token
// signed with HMAC-SHA256 (user, channel, category). A POST to it mutes that category; no sign-in
// is needed, and the token cannot be altered to mute someone else.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface UnsubscribeTarget {
  userId: string;
  channel: string;
  category: string;
}

export interface UnsubscribeTokens {
  sign(target: UnsubscribeTarget): string;
  verify(token: string): UnsubscribeTarget | undefined;
}

export function createUnsubscribeTokens(secret: string): UnsubscribeTokens {
  const mac = (payload: string) => createHmac('sha256', `unsubscribe:${secret}`).update(payload).digest('base64url');
  return {
    sign({ userId, channel, category }) {
      const payload = Buffer.from(`${userId}.${channel}.${category}`).toString('base64url');
      return `${payload}.${mac(payload)}`;
    },
    verify(token) {
      const [payload, signature] = token.split('.');
      if (!payload || !signature) return undefined;
      const expected = Buffer.from(mac(payload));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
      const [userId, channel, category] = Buffer.from(payload, 'base64url').toString('utf8').split('.');
      return userId && channel && category ? { userId, channel, category } : undefined;
    },
  };
}
