// Helpers of the identity tests: outside services as real loopback servers (SMS webhook,
// Google's JWKS), an independent TOTP implementation, and readers for mails and SMS.
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after } from 'node:test';

import type { JWTPayload } from 'jose';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

import type { ReceivedMail } from '../helpers/smtp.ts';

export interface ReceivedSms {
  to: string;
  body: string;
}

/** A local SMS webhook receiver; it answers 500 to the first `failFirst` deliveries. */
export async function startSmsReceiver(options: { failFirst?: number } = {}) {
  const messages: ReceivedSms[] = [];
  let failures = options.failFirst ?? 0;
  let attempts = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      attempts++;
      if (failures > 0) {
        failures--;
        response.writeHead(500).end('try again');
        return;
      }
      messages.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as ReceivedSms);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"queued"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return {
    url: `http://127.0.0.1:${port}/sms`,
    messages,
    attempts: () => attempts,
    /** The newest code sent to `to`. */
    codeFor(to: string): string {
      const sms = messages.filter((m) => m.to === to).at(-1);
      const code = sms?.body.match(/\b(\d{6})\b/)?.[1];
      if (!code) throw new Error(`no SMS code for ${to}`);
      return code;
    },
  };
}

/** A local JWKS endpoint and a signer of Google-like ID tokens. */
export async function startJwks() {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const other = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  let fetches = 0;
  const server = createServer((_request, response) => {
    fetches++;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return {
    url: `http://127.0.0.1:${port}/oauth2/v3/certs`,
    fetches: () => fetches,
    /** Signs an ID token; `foreignKey` signs with a key the JWKS does not publish. */
    async sign(
      claims: JWTPayload,
      options: {
        audience: string;
        issuer?: string;
        expiresIn?: number | string;
        foreignKey?: boolean;
        nowSeconds?: number;
      },
    ) {
      const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key', typ: 'JWT' })
        .setIssuer(options.issuer ?? 'https://accounts.google.com')
        .setAudience(options.audience)
        .setIssuedAt(now)
        .setExpirationTime(options.expiresIn ?? now + 3600)
        .sign(options.foreignKey ? other.privateKey : privateKey);
    },
  };
}

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s), written here independently of the server's library. */
export function totp(secretBase32: string, timeMs: number, stepOffset = 0): string {
  const key = base32Decode(secretBase32);
  const counter = Math.floor(timeMs / 1000 / 30) + stepOffset;
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 1_000_000).padStart(6, '0');
}

function base32Decode(input: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of input.replace(/=+$/, '').toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The decoded text of a raw mail (quoted-printable soft breaks and escapes undone). */
export function mailText(mail: ReceivedMail): string {
  return mail.raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The token of the first link in a mail that points at `path`. */
export function linkToken(mail: ReceivedMail, path: string): string {
  const match = mailText(mail).match(new RegExp(`/${path}\\?token=([A-Za-z0-9_-]+)`));
  if (!match?.[1]) throw new Error(`no ${path} link in mail`);
  return match[1];
}

/** Waits for a mail to `to` whose subject matches, from a loopback SMTP server's list. */
export async function waitForMail(
  messages: ReceivedMail[],
  to: string,
  subject: RegExp,
  timeoutMs = 10_000,
): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = messages.filter((m) => m.to.includes(to) && subject.test(mailText(m))).at(-1);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail to ${to} matching ${subject}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
