// Every public address comes from one place: API links from PUBLIC_URL, pages for people from
// the frontend when one is configured.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { createLinks } from '../../src/platform/links.ts';

describe('links', () => {
  it('builds API addresses from the public URL, escaping what goes in a path or a query', () => {
    const links = createLinks({ publicUrl: 'https://api.example.test' });
    assert.equal(links.certificateVerification('AB/12'), 'https://api.example.test/api/v1/certificates/verify/AB%2F12');
    assert.equal(links.avatar('a1'), 'https://api.example.test/api/v1/avatars/a1');
    assert.equal(links.api('/x', { q: 'a b&c' }), 'https://api.example.test/x?q=a+b%26c');
    assert.equal(
      links.verifyEmail('t0k', 'a+b@example.test'),
      'https://api.example.test/verify-email?token=t0k&email=a%2Bb%40example.test',
    );
  });

  it('sends people to the frontend when there is one', () => {
    const links = createLinks({ publicUrl: 'https://api.example.test', appUrl: 'https://app.example.test' });
    assert.equal(links.resetPassword('t'), 'https://app.example.test/reset-password?token=t');
    assert.equal(links.avatar('a1'), 'https://api.example.test/api/v1/avatars/a1');
  });
});
