// A Web Push service on loopback for the tests: HTTPS (a self-signed certificate the test process
// trusts), one endpoint per simulated browser. It checks the VAPID JWT (RFC 8292) and decrypts
// the aes128gcm payload (RFC 8188 + RFC 8291) with the browser's private key, written here from
// the RFCs with node:crypto, independently of the library Lectern encrypts with.
import { execFileSync } from 'node:child_process';
import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import tls from 'node:tls';

import { jwtVerify } from 'jose';

export interface PushedMessage {
  device: string;
  payload: Record<string, unknown>;
  jwt: { aud: string; sub: string; exp: number };
  vapidKey: string;
  ttl: string | undefined;
}

/** A simulated browser: its subscription JSON and how its push service answers. */
export interface Device {
  id: string;
  /** `PushSubscription.toJSON()` as a browser would send it to Lectern. */
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
  /** Status codes to answer with, one per request; 201 once they run out. */
  answers: number[];
}

export async function startPushEndpoint() {
  const { key, cert } = selfSignedCertificate();
  // The test process (where Lectern runs) trusts the certificate, as a server trusts a real push service's.
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), cert]);
  const devices = new Map<string, Device & { ecdh: ReturnType<typeof createECDH>; auth: Buffer }>();
  const messages: PushedMessage[] = [];
  const rejected: string[] = [];

  const server = createServer({ key, cert }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        const id = (request.url ?? '').split('/').pop() ?? '';
        const device = devices.get(id);
        if (!device) return response.writeHead(404).end();
        const status = device.answers.shift() ?? 201;
        if (status !== 201) return response.writeHead(status).end(`push service says ${status}`);
        try {
          if (request.headers['content-encoding'] !== 'aes128gcm') throw new Error('not aes128gcm');
          const { jwt, vapidKey } = await verifyVapid(
            String(request.headers.authorization),
            device.subscription.endpoint,
          );
          const plaintext = decrypt(Buffer.concat(chunks), device.ecdh, device.auth);
          messages.push({
            device: id,
            payload: JSON.parse(plaintext.toString('utf8')) as Record<string, unknown>,
            jwt,
            vapidKey,
            ttl: request.headers.ttl as string | undefined,
          });
          response.writeHead(201).end();
        } catch (error) {
          rejected.push((error as Error).message);
          response.writeHead(400).end((error as Error).message);
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  return {
    messages,
    /** Requests the endpoint refused (bad JWT, payload that does not decrypt). */
    rejected,
    /** A new browser with its own P-256 key pair and auth secret. */
    device(answers: number[] = []): Device {
      const id = randomUUID();
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16);
      const device = {
        id,
        subscription: {
          endpoint: `https://127.0.0.1:${port}/push/${id}`,
          keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
        },
        answers,
        ecdh,
        auth,
      };
      devices.set(id, device);
      return device;
    },
  };
}

/** `Authorization: vapid t=<JWT>, k=<public key>`: the JWT is ES256, signed by k, for this origin. */
async function verifyVapid(header: string, endpoint: string) {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header);
  if (!match) throw new Error(`no VAPID authorization: ${header}`);
  const [, token, vapidKey] = match as unknown as [string, string, string];
  const raw = Buffer.from(vapidKey, 'base64url');
  const key = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: raw.subarray(1, 33).toString('base64url'),
      y: raw.subarray(33).toString('base64url'),
    },
    format: 'jwk',
  });
  const { payload } = await jwtVerify(token, key, { algorithms: ['ES256'], audience: new URL(endpoint).origin });
  return { jwt: payload as { aud: string; sub: string; exp: number }, vapidKey };
}

/** RFC 8291 §3.4 key derivation and RFC 8188 aes128gcm decoding (a single record). */
function decrypt(body: Buffer, ecdh: ReturnType<typeof createECDH>, authSecret: Buffer): Buffer {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const senderPublic = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  const shared = ecdh.computeSecret(senderPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), ecdh.getPublicKey(), senderPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', shared, authSecret, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02 followed by optional zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error('missing the last-record delimiter');
  return padded.subarray(0, end);
}

function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-push-'));
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'],
      ...['-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'],
      ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
}
