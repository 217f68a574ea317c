// Synchronous HS256 JWT verification with the same checks as jose's `jwtVerify` under the options
// Lectern used (algorithms ['HS256'], issuer, audience, required sub/exp/jti): the algorithm is
// pinned, unknown critical headers refused, the signature compared in constant time against its
// one canonical encoding, then iss, aud, exp, nbf, iat, sub and jti checked against the clock.
import type { KeyObject } from 'node:crypto';
import { createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';

/** A token whose signature is valid but whose `exp` has passed (told apart for the client). */
export class TokenExpiredError extends Error {}

export type JwtPayload = Record<string, unknown>;

const SEGMENT = /^[A-Za-z0-9_-]+$/;

export function createHs256Verifier(settings: {
  secret: string;
  issuer: string;
  audience: string;
}): (token: string, now: Date) => JwtPayload {
  const key = createSecretKey(Buffer.from(settings.secret, 'utf8'));
  // Every token Lectern signs has the same header segment: once it passed the checks, the same
  // string passes them again without being decoded (the signature is still checked every time).
  let checkedHeader = '';
  return (token, now) => {
    const parts = token.split('.');
    if (parts.length !== 3) throw new Error('malformed token');
    const [header, payload, signature] = parts as [string, string, string];
    if (!SEGMENT.test(header) || !SEGMENT.test(payload) || !SEGMENT.test(signature)) throw new Error('malformed token');
    if (header !== checkedHeader) {
      checkHeader(decodeJson(header));
      checkedHeader = header;
    }
    if (!signatureMatches(key, `${header}.${payload}`, signature)) throw new Error('bad signature');
    const claims = decodeJson(payload);
    checkClaims(claims, settings, Math.floor(now.getTime() / 1000));
    return claims;
  };
}

function decodeJson(segment: string): JwtPayload {
  const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
  return value as JwtPayload;
}

function checkHeader(header: JwtPayload): void {
  if (header['alg'] !== 'HS256') throw new Error('algorithm not allowed');
  // No extension is understood, so any critical one is refused; b64=false changes what is signed.
  if (header['crit'] !== undefined || header['b64'] !== undefined) throw new Error('unsupported header');
}

function signatureMatches(key: KeyObject, signingInput: string, signature: string): boolean {
  const expected = Buffer.from(createHmac('sha256', key).update(signingInput).digest('base64url'));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function checkClaims(claims: JwtPayload, expected: { issuer: string; audience: string }, now: number): void {
  if (claims['iss'] !== expected.issuer) throw new Error('unexpected iss');
  const aud = claims['aud'];
  if (!(aud === expected.audience || (Array.isArray(aud) && aud.includes(expected.audience)))) {
    throw new Error('unexpected aud');
  }
  if (typeof claims['sub'] !== 'string' || claims['jti'] === undefined) throw new Error('missing claim');
  if (claims['iat'] !== undefined && typeof claims['iat'] !== 'number') throw new Error('bad iat');
  const nbf = claims['nbf'];
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > now)) throw new Error('not yet valid');
  const exp = claims['exp'];
  if (typeof exp !== 'number') throw new Error('bad exp');
  if (exp <= now) throw new TokenExpiredError('token expired');
}
