// 000's error format on the /content paths the router answers itself: unknown paths (404), wrong
// methods (405 with Allow) and the API rate limit (429 with Retry-After).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { assertGatewayError, gatewayClient } from './gateway-helpers.ts';

const LIMIT = 8;
const lectern = await startTestApp({ RATE_LIMIT_API_PER_HOUR: String(LIMIT) });
const req = gatewayClient(lectern);

describe("000's router errors", () => {
  it('answers unknown content paths with 404 and wrong methods with 405 and Allow', async () => {
    assertGatewayError(await req('GET', '/content/nothing-here'), 404);
    const wrong = await lectern.app.inject({ method: 'PATCH', url: '/api/v1/content/teacher/students' });
    assertGatewayError(wrong, 405);
    assert.match(String(wrong.headers['allow']), /GET/);
    const vimeo = await lectern.app.inject({ method: 'GET', url: '/api/v1/content/vimeo/upload' });
    assertGatewayError(vimeo, 405);
    assert.match(String(vimeo.headers['allow']), /POST/);
  });

  it('answers 429 with Retry-After once a caller passes the hourly API limit', async () => {
    const teacher = await createUser(lectern, { role: 'instructor' });
    let limited;
    for (let i = 0; i <= LIMIT && !limited; i++) {
      const response = await req('GET', '/content/teacher/students', teacher);
      if (response.statusCode === 429) limited = response;
      else assert.equal(response.statusCode, 200, response.body);
    }
    assert.ok(limited, 'the limit was reached');
    assertGatewayError(limited, 429, 'RATE_LIMITED');
    assert.ok(Number(limited.headers['retry-after']) > 0);
  });
});
