// The hand-written baselines' JWT key: HS256, imported once (a small module of its own, so the
// baseline servers load nothing else of the bench).
import type { webcrypto } from 'node:crypto';

export function importJwtKey(secret: string): Promise<webcrypto.CryptoKey> {
  return crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'verify',
  ]);
}
