// One platform rule for text that no column can store: a NUL character (PostgreSQL refuses it,
// 22021) or an unpaired UTF-16 surrogate (it cannot be encoded as UTF-8, so it would be stored
// as U+FFFD behind the caller's back). Every string and key of the path parameters, the query
// and a parsed body is checked before schema validation, on every route of every surface, and a
// refusal is thrown as a validation failure so each surface answers it in its own format (like a
// schema failure: 422 on the FastAPI-style surfaces, 400 on the others). Numbers coerced from
// the query or path must be finite (the schemas bound every integer; see the surface kit's Int).
import type { FastifyInstance } from 'fastify';

interface Issue {
  instancePath: string;
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}

const MESSAGE = 'must not contain NUL characters or unpaired UTF-16 surrogates';

/** True for a string PostgreSQL can store as text and UTF-8 can carry. */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && text.isWellFormed();
}

export function installInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const badQuery = undecodableQueryParameter(request.url);
    if (badQuery !== undefined) {
      throw validationFailure('querystring', `/${badQuery}`, 'is not valid percent-encoded UTF-8 text');
    }
    for (const [context, value] of [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const) {
      const path = findBadText(value, '', 0);
      if (path !== undefined) throw validationFailure(context, path, MESSAGE);
    }
  });
  // Schema coercion turns a query or path value such as `1e400` into Infinity, which passes an
  // integer's bounds (Ajv compares nothing against it) and reaches SQL as 'Infinity'.
  app.addHook('preHandler', async (request) => {
    for (const [context, value] of [
      ['params', request.params],
      ['querystring', request.query],
    ] as const) {
      for (const [name, item] of Object.entries((value ?? {}) as Record<string, unknown>)) {
        const items: unknown[] = Array.isArray(item) ? item : [item];
        if (items.some((one) => typeof one === 'number' && !Number.isFinite(one))) {
          throw validationFailure(context, `/${name}`, 'must be a finite number');
        }
      }
    }
  });
}

/**
 * The name of the first query parameter whose value is not valid percent-encoded UTF-8 (how a
 * client sends an unpaired surrogate); the query parser would silently keep or replace it.
 */
function undecodableQueryParameter(url: string): string | undefined {
  const at = url.indexOf('?');
  if (at < 0) return undefined;
  for (const pair of url.slice(at + 1).split('&')) {
    const [name = '', value = ''] = pair.split('=', 2);
    try {
      decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      return safeDecode(name);
    }
  }
  return undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '(name)';
  }
}

/** Where the first unstorable string (or key) is, as a JSON pointer, or undefined. */
function findBadText(value: unknown, path: string, depth: number): string | undefined {
  if (typeof value === 'string') return isStorableText(value) ? undefined : path;
  // Deeper than any schema goes: the body's schema refuses such a document anyway.
  if (depth > 64 || typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = findBadText(value[index], `${path}/${index}`, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  // Bytes and streams (multipart files) are not text; everything else, including the query
  // parser's prototype-less objects and a multipart part's fields, is walked.
  if (ArrayBuffer.isView(value) || typeof (value as { pipe?: unknown }).pipe === 'function') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const here = `${path}/${isStorableText(key) ? key.replace(/~/g, '~0').replace(/\//g, '~1') : '(key)'}`;
    if (!isStorableText(key)) return here;
    const found = findBadText(item, here, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Shaped like Fastify's schema-validation error, so every renderer treats it the same way. */
function validationFailure(context: string, path: string, message: string): Error {
  const issue: Issue = { instancePath: path, keyword: 'text', message, params: {} };
  return Object.assign(new Error(`${context}${path} ${message}`), {
    statusCode: 400,
    code: 'FST_ERR_VALIDATION',
    validation: [issue],
    validationContext: context,
  });
}
