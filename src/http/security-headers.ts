// Security headers, built once: a per-request cost of a few header assignments instead of
// @fastify/helmet, which rebuilt its middleware per request (~9 µs) and sent twelve headers,
// four of them for browsers long gone (X-XSS-Protection, X-Download-Options...). These are the
// ones that still protect a JSON API and the few HTML pages it serves (/docs, certificate checks).
import type { FastifyInstance } from 'fastify';

/**
 * The Content-Security-Policy of every answer: /docs (Swagger UI, which replaces it with its own
 * on its assets) and the certificate page need inline styles/scripts. No upgrade-insecure-requests:
 * over plain HTTP on a LAN host it turns the docs page blank.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "base-uri 'self'",
  "font-src 'self' https: data:",
  "form-action 'self'",
  "frame-ancestors 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "script-src 'self' 'unsafe-inline'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
].join(';');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
});

const ENTRIES = Object.entries(SECURITY_HEADERS);

/** One callback-style onRequest hook: the request id and the security headers, nothing computed. */
export function installRequestHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    for (const [name, value] of ENTRIES) reply.header(name, value);
    done();
  });
}
