// Helpers of the 004 tests: requests to /v1 and the envelope's answer shapes.
import assert from 'node:assert/strict';

import type { LightMyRequestResponse as Response } from 'fastify';

import type { TestApp } from '../helpers/app.ts';
import type { TestUser } from '../helpers/factories.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface V1Request {
  auth?: TestUser | { authorization: string } | undefined;
  payload?: unknown;
  headers?: Record<string, string>;
  remoteAddress?: string;
}

/** A request to 004's surface (`/v1` + path). */
export function v1(lectern: TestApp) {
  return (method: Method, path: string, options: V1Request = {}) => {
    const auth = options.auth ? ('auth' in options.auth ? options.auth.auth : options.auth) : {};
    return lectern.app.inject({
      method,
      url: `/v1${path}`,
      headers: { ...auth, ...options.headers },
      ...(options.payload !== undefined ? { payload: options.payload as object } : {}),
      ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
    });
  };
}

/** A `{success: true, data}` answer with this status; its data. */
export function data(response: Response, status = 200) {
  assert.equal(response.statusCode, status, response.body);
  const body = response.json();
  assert.deepEqual(Object.keys(body).sort(), ['data', 'success']);
  assert.equal(body.success, true);
  return body.data;
}

/** A `{success: false, error: {code, message, ...}}` answer with this status and code; its error. */
export function failure(response: Response, status: number, code: string) {
  assert.equal(response.statusCode, status, response.body);
  assert.match(String(response.headers['content-type']), /application\/json/);
  const body = response.json();
  assert.deepEqual(Object.keys(body).sort(), ['error', 'success'], response.body);
  assert.equal(body.success, false);
  assert.equal(body.error.code, code, response.body);
  assert.equal(typeof body.error.message, 'string');
  assert.ok(body.error.message.length > 0);
  for (const key of Object.keys(body.error)) assert.ok(['code', 'message', 'details', 'retry_after'].includes(key));
  return body.error as {
    code: string;
    message: string;
    details?: { field: string; message: string }[];
    retry_after?: number;
  };
}
