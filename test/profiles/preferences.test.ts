// Settings (/users/me/settings), social links (/users/me/social-links) and skills
// (/users/me/skills): defaults, full vs partial updates, validation, uniqueness.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { MAX_SKILLS } from '../../src/modules/profiles/index.ts';
import { startTestApp } from '../helpers/app.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createUser } from '../helpers/factories.ts';

const lectern = await startTestApp();

const call = (user: TestUser, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  lectern.app.inject({ method, url: `/api/v1${url}`, headers: user.auth, ...(payload ? { payload } : {}) });

const DEFAULTS = {
  theme: 'system',
  language: 'en',
  notifications: {
    email: true,
    push: true,
    sms: false,
    course_updates: true,
    assignment_reminders: true,
    messages: true,
    marketing: false,
  },
  video: { playback_speed: 1, autoplay: true, quality: 'auto', captions: false },
};

describe('settings', () => {
  it('reads the defaults before anything is set', async () => {
    const user = await createUser(lectern);
    const response = await call(user, 'GET', '/users/me/settings');
    assert.equal(response.statusCode, 200, response.body);
    const { user_id, updated_at, ...values } = response.json();
    assert.equal(user_id, user.id);
    assert.equal(typeof updated_at, 'string');
    assert.deepEqual(values, DEFAULTS);
  });

  it('PATCH changes only the keys sent, inside nested groups too, and keeps them across writes', async () => {
    const user = await createUser(lectern);
    const first = await call(user, 'PATCH', '/users/me/settings', {
      theme: 'dark',
      video: { playback_speed: 1.5, captions: true },
    });
    assert.equal(first.statusCode, 200, first.body);
    const second = await call(user, 'PATCH', '/users/me/settings', {
      language: 'pt-br',
      notifications: { marketing: true },
      video: { autoplay: false },
    });
    assert.equal(second.statusCode, 200, second.body);
    const { user_id: _u, updated_at: _t, ...values } = second.json();
    assert.deepEqual(values, {
      theme: 'dark',
      language: 'pt-BR',
      notifications: { ...DEFAULTS.notifications, marketing: true },
      video: { playback_speed: 1.5, autoplay: false, quality: 'auto', captions: true },
    });
    assert.deepEqual((await call(user, 'GET', '/users/me/settings')).json(), second.json());
  });

  it('a full update through the module resets what it does not send to the defaults', async () => {
    const user = await createUser(lectern);
    await call(user, 'PATCH', '/users/me/settings', { theme: 'light', video: { quality: '720p', captions: true } });
    const actor = { id: user.id, role: 'student' as const, sessionId: 'test' };
    const replaced = await lectern.modules.profiles.replaceSettings(actor, user.id, { video: { captions: true } });
    assert.equal(replaced.theme, 'system');
    assert.deepEqual(replaced.video, { ...DEFAULTS.video, captions: true });
  });

  const invalid: [string, object, string[]][] = [
    ['an unknown theme', { theme: 'neon' }, ['theme']],
    ['a language that is no tag', { language: 'not a language!' }, ['language']],
    ['a playback speed of 0', { video: { playback_speed: 0 } }, ['video', 'playback_speed']],
    ['a playback speed of 4', { video: { playback_speed: 4 } }, ['video', 'playback_speed']],
    ['an unknown quality', { video: { quality: '8k' } }, ['video', 'quality']],
    ['an unknown preference', { notifications: { carrier_pigeon: true } }, ['notifications', 'carrier_pigeon']],
    ['a flag that is no boolean', { notifications: { email: 'maybe' } }, ['notifications', 'email']],
  ];
  for (const [label, payload, loc] of invalid) {
    it(`refuses ${label} (422)`, async () => {
      const user = await createUser(lectern);
      const response = await call(user, 'PATCH', '/users/me/settings', payload);
      assert.equal(response.statusCode, 422, response.body);
      assert.deepEqual(response.json().detail[0].loc, ['body', ...loc]);
    });
  }
});

describe('social links', () => {
  const none = {
    website: null,
    github: null,
    linkedin: null,
    twitter: null,
    youtube: null,
    facebook: null,
    instagram: null,
  };

  it('reads every link as null before any is set', async () => {
    const user = await createUser(lectern);
    const response = await call(user, 'GET', '/users/me/social-links');
    assert.equal(response.statusCode, 200, response.body);
    const { user_id, updated_at: _t, ...links } = response.json();
    assert.equal(user_id, user.id);
    assert.deepEqual(links, none);
  });

  it('PUT replaces the whole set; PATCH changes the links sent and null clears one', async () => {
    const user = await createUser(lectern);
    const put = await call(user, 'PUT', '/users/me/social-links', {
      website: 'https://ada.example.com',
      github: 'https://github.com/ada',
      twitter: 'https://x.com/ada',
    });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal(put.json().github, 'https://github.com/ada');

    const patch = await call(user, 'PATCH', '/users/me/social-links', {
      linkedin: 'https://www.linkedin.com/in/ada',
      twitter: null,
    });
    assert.equal(patch.statusCode, 200, patch.body);
    const { user_id: _u, updated_at: _t, ...links } = patch.json();
    assert.deepEqual(links, {
      ...none,
      website: 'https://ada.example.com',
      github: 'https://github.com/ada',
      linkedin: 'https://www.linkedin.com/in/ada',
    });

    const again = await call(user, 'PUT', '/users/me/social-links', { youtube: 'http://youtube.com/@ada' });
    const { user_id: _u2, updated_at: _t2, ...replaced } = again.json();
    assert.deepEqual(replaced, { ...none, youtube: 'http://youtube.com/@ada' });
  });

  for (const bad of ['ftp://files.example.com', 'javascript:alert(1)', 'github.com/ada', 'https://']) {
    it(`refuses ${bad} (422)`, async () => {
      const user = await createUser(lectern);
      for (const method of ['PUT', 'PATCH'] as const) {
        const response = await call(user, method, '/users/me/social-links', { github: bad });
        assert.equal(response.statusCode, 422, `${method} ${response.body}`);
        assert.deepEqual(response.json().detail[0].loc, ['body', 'github']);
      }
    });
  }
});

describe('skills', () => {
  it('adds with a number or a level name, lists in order, reads, renames, re-rates and removes', async () => {
    const user = await createUser(lectern);
    const python = await call(user, 'POST', '/users/me/skills', { name: 'Python', proficiency: 'expert' });
    assert.equal(python.statusCode, 201, python.body);
    const skill = python.json();
    assert.equal(skill.proficiency, 5);
    assert.equal(skill.proficiency_level, 'expert');
    assert.equal(python.headers['location'], `/api/v1/users/me/skills/${skill.id}`);

    lectern.clock.advance(1000);
    const sql = await call(user, 'POST', '/users/me/skills', { name: '  Relational   databases ', proficiency: 2 });
    assert.equal(sql.statusCode, 201, sql.body);
    assert.equal(sql.json().name, 'Relational databases');
    assert.equal(sql.json().proficiency_level, 'elementary');
    lectern.clock.advance(1000);
    const unrated = await call(user, 'POST', '/users/me/skills', { name: 'Go' });
    assert.equal(unrated.json().proficiency, 3, 'intermediate when not given');

    const list = await call(user, 'GET', '/users/me/skills?page_size=2');
    assert.equal(list.statusCode, 200);
    assert.equal(list.json().total, 3);
    assert.equal(list.json().pages, 2);
    assert.deepEqual(
      list.json().items.map((s: { name: string }) => s.name),
      ['Python', 'Relational databases'],
    );

    assert.equal((await call(user, 'GET', `/users/me/skills/${skill.id}`)).json().name, 'Python');
    const updated = await call(user, 'PATCH', `/users/me/skills/${skill.id}`, { name: 'Python 3', proficiency: 4 });
    assert.equal(updated.statusCode, 200, updated.body);
    assert.equal(updated.json().name, 'Python 3');
    assert.equal(updated.json().proficiency_level, 'advanced');

    const removed = await call(user, 'DELETE', `/users/me/skills/${skill.id}`);
    assert.equal(removed.statusCode, 204);
    assert.equal((await call(user, 'GET', `/users/me/skills/${skill.id}`)).statusCode, 404);
    assert.equal((await call(user, 'DELETE', `/users/me/skills/${skill.id}`)).statusCode, 404);
    assert.equal((await call(user, 'PATCH', `/users/me/skills/${skill.id}`, { proficiency: 1 })).statusCode, 404);
  });

  it('refuses a name already on the profile, whatever its case (409), on add and on rename', async () => {
    const user = await createUser(lectern);
    await call(user, 'POST', '/users/me/skills', { name: 'TypeScript' });
    const other = (await call(user, 'POST', '/users/me/skills', { name: 'Rust' })).json();
    const duplicate = await call(user, 'POST', '/users/me/skills', { name: 'typescript', proficiency: 1 });
    assert.equal(duplicate.statusCode, 409, duplicate.body);
    assert.match(duplicate.json().detail, /typescript/);
    const rename = await call(user, 'PATCH', `/users/me/skills/${other.id}`, { name: 'TYPESCRIPT' });
    assert.equal(rename.statusCode, 409, rename.body);
    // Another user may hold the same skill.
    const someoneElse = await createUser(lectern);
    assert.equal((await call(someoneElse, 'POST', '/users/me/skills', { name: 'TypeScript' })).statusCode, 201);
  });

  it('refuses a bad proficiency or name (422)', async () => {
    const user = await createUser(lectern);
    for (const payload of [
      { name: 'Go', proficiency: 0 },
      { name: 'Go', proficiency: 6 },
      { name: 'Go', proficiency: 'guru' },
      { name: '' },
      { name: 'x'.repeat(101) },
      { proficiency: 3 },
    ]) {
      const response = await call(user, 'POST', '/users/me/skills', payload);
      assert.equal(response.statusCode, 422, `${JSON.stringify(payload)} ${response.body}`);
    }
  });

  it(`holds at most ${MAX_SKILLS} skills`, async () => {
    const user = await createUser(lectern);
    const actor = { id: user.id, role: 'student' as const, sessionId: 'test' };
    for (let i = 0; i < MAX_SKILLS; i++)
      await lectern.modules.profiles.addSkill(actor, user.id, { name: `Skill ${i}` });
    const response = await call(user, 'POST', '/users/me/skills', { name: 'One too many' });
    assert.equal(response.statusCode, 409, response.body);
  });
});
