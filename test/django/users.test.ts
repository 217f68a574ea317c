// 002's user profile management through HTTP: users/me/ (PUT vs PATCH, read-only fields ignored),
// settings, social links, skills (proficiency by name or 1-5, own only), and the public profile
// (no private field, an instructor's published courses).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createCast } from '../helpers/factories.ts';
import { djangoCaller } from './django-helpers.ts';

const lectern = await startTestApp();
const { owner, otherInstructor, admin, studentA, studentB } = await createCast(lectern);
const call = djangoCaller(lectern);

describe('002 users/me/', () => {
  it('reads the account with its profile; anonymous gets DRF 401', async () => {
    const me = await call('GET', '/api/users/me/', studentA.auth);
    assert.equal(me.statusCode, 200, me.body);
    assert.equal(me.json().id, studentA.id);
    assert.equal(me.json().email, studentA.email);
    assert.equal(me.json().role, 'student');
    assert.equal(me.json().bio, null);
    const anonymous = await call('GET', '/api/users/me/');
    assert.equal(anonymous.statusCode, 401);
    assert.deepEqual(anonymous.json(), { detail: 'Authentication credentials were not provided.' });
  });

  it('PATCH changes only what is sent; read-only fields are ignored', async () => {
    const patched = await call('PATCH', '/api/users/me/', studentA.auth, {
      bio: 'Passionate learner',
      location: 'New York',
      experience_level: 2,
      role: 'admin',
      email: 'stolen@example.test',
      id: studentB.id,
      avatar_url: 'https://evil.test/a.png',
      is_verified: true,
    });
    assert.equal(patched.statusCode, 200, patched.body);
    const again = await call('PATCH', '/api/users/me/', studentA.auth, { first_name: 'John', last_name: 'Doe' });
    const me = again.json();
    assert.equal(me.bio, 'Passionate learner');
    assert.equal(me.location, 'New York');
    assert.equal(me.experience_level, 2);
    assert.equal(me.full_name, 'John Doe');
    assert.equal(me.role, 'student');
    assert.equal(me.email, studentA.email);
    assert.equal(me.id, studentA.id);
    assert.equal(me.avatar_url, null);
    assert.equal(me.is_verified, false);
    // Still a student: an instructor-only action is refused.
    assert.equal((await call('POST', '/api/courses/', studentA.auth, { title: 'Nope' })).statusCode, 403);
  });

  it('PUT is a full update: profile fields not sent go back to null, names stay', async () => {
    const put = await call('PUT', '/api/users/me/', studentA.auth, { city: 'Lyon' });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal(put.json().city, 'Lyon');
    assert.equal(put.json().bio, null);
    assert.equal(put.json().experience_level, null);
    assert.equal(put.json().first_name, 'John');
    assert.equal((await call('GET', '/api/users/me/', studentA.auth)).json().city, 'Lyon');
    assert.equal((await call('PUT', '/api/users/me/', undefined, { city: 'x' })).statusCode, 401);
  });

  it('lists every invalid field at once as a DRF dict', async () => {
    const bad = await call('PATCH', '/api/users/me/', studentA.auth, {
      birth_date: '2999-01-01',
      gender: 'robot',
      experience_level: 9,
    });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.deepEqual(Object.keys(bad.json()).sort(), ['experience_level']);
    const module = await call('PATCH', '/api/users/me/', studentA.auth, { birth_date: '2999-01-01', gender: 'robot' });
    assert.equal(module.statusCode, 400, module.body);
    assert.deepEqual(Object.keys(module.json()).sort(), ['birth_date', 'gender']);
    for (const messages of Object.values(module.json())) assert.ok(Array.isArray(messages));
    assert.equal((await call('GET', '/api/users/me/', studentA.auth)).json().gender, null);
  });
});

describe('002 settings and social links', () => {
  it('settings: defaults, PATCH one nested key, PUT resets, invalid values 400', async () => {
    const defaults = (await call('GET', '/api/users/me/settings/', studentB.auth)).json();
    assert.equal(defaults.theme, 'system');
    const patch = await call('PATCH', '/api/users/me/settings/', studentB.auth, {
      theme: 'dark',
      video: { autoplay: !defaults.video.autoplay },
      user: studentA.id,
    });
    assert.equal(patch.statusCode, 200, patch.body);
    assert.equal(patch.json().theme, 'dark');
    assert.equal(patch.json().video.autoplay, !defaults.video.autoplay);
    assert.equal(patch.json().video.quality, defaults.video.quality);
    // Nothing changed for the user named in the body.
    assert.equal((await call('GET', '/api/users/me/settings/', studentA.auth)).json().theme, 'system');
    const put = await call('PUT', '/api/users/me/settings/', studentB.auth, { language: 'pt-BR' });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal(put.json().theme, defaults.theme);
    assert.equal(put.json().language, 'pt-BR');
    assert.deepEqual(put.json().video, defaults.video);
    const bad = await call('PATCH', '/api/users/me/settings/', studentB.auth, {
      theme: 'neon',
      video: { playback_speed: 9 },
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(Object.keys(bad.json()).sort(), ['theme', 'video.playback_speed']);
    assert.equal((await call('GET', '/api/users/me/settings/')).statusCode, 401);
  });

  it('social: PUT sets and clears, PATCH merges, URLs are checked', async () => {
    const put = await call('PUT', '/api/users/me/social/', studentB.auth, {
      github: 'https://github.com/someone',
      website: 'https://someone.dev',
    });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal(put.json().github, 'https://github.com/someone');
    const patch = await call('PATCH', '/api/users/me/social/', studentB.auth, { twitter: 'https://x.com/someone' });
    assert.equal(patch.json().github, 'https://github.com/someone');
    assert.equal(patch.json().twitter, 'https://x.com/someone');
    const replace = await call('PUT', '/api/users/me/social/', studentB.auth, { linkedin: null });
    assert.equal(replace.json().github, null);
    assert.equal(replace.json().twitter, null);
    const bad = await call('PATCH', '/api/users/me/social/', studentB.auth, { github: 'javascript:alert(1)' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(Object.keys(bad.json()), ['github']);
    assert.equal((await call('GET', '/api/users/me/social/', studentB.auth)).json().github, null);
    assert.equal((await call('PUT', '/api/users/me/social/', undefined, {})).statusCode, 401);
  });
});

describe('002 skills', () => {
  it('adds skills with a level name or 1-5, pages them, refuses duplicates and bad levels', async () => {
    const byName = await call('POST', '/api/users/me/skills/', owner.auth, { name: 'Python', proficiency: 'Expert' });
    assert.equal(byName.statusCode, 201, byName.body);
    assert.equal(byName.json().proficiency, 5);
    assert.equal(byName.json().proficiency_level, 'expert');
    assert.equal(byName.headers['location'], `/api/users/me/skills/${byName.json().id}/`);
    const byNumber = await call('POST', '/api/users/me/skills/', owner.auth, { name: 'Django', proficiency: 2 });
    assert.equal(byNumber.json().proficiency_level, 'elementary');
    const plain = await call('POST', '/api/users/me/skills/', owner.auth, { name: 'SQL', user: studentA.id });
    assert.equal(plain.json().proficiency, 3);
    const duplicate = await call('POST', '/api/users/me/skills/', owner.auth, { name: 'python' });
    assert.equal(duplicate.statusCode, 409);
    assert.equal(typeof duplicate.json().detail, 'string');
    const bad = await call('POST', '/api/users/me/skills/', owner.auth, { proficiency: 'guru' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(Object.keys(bad.json()), ['name']);
    const badLevel = await call('POST', '/api/users/me/skills/', owner.auth, { name: 'Go', proficiency: 'guru' });
    assert.deepEqual(Object.keys(badLevel.json()), ['proficiency']);
    const page = (await call('GET', '/api/users/me/skills/?page_size=2', owner.auth)).json();
    assert.equal(page.count, 3);
    assert.equal(page.results.length, 2);
    assert.equal(page.next, 'http://lectern.test/api/users/me/skills/?page_size=2&page=2');
    assert.equal(page.previous, null);
    assert.equal((await call('GET', '/api/users/me/skills/', studentA.auth)).json().count, 0);
  });

  it('reads, updates (PUT vs PATCH) and deletes only my own skill', async () => {
    const skill = (
      await call('POST', '/api/users/me/skills/', studentA.auth, { name: 'Rust', proficiency: 'advanced' })
    ).json();
    const url = `/api/users/me/skills/${skill.id}/`;
    assert.equal((await call('GET', url, studentA.auth)).json().name, 'Rust');
    for (const other of [studentB, otherInstructor, admin]) {
      assert.equal((await call('GET', url, other.auth)).statusCode, 404);
      assert.equal((await call('PATCH', url, other.auth, { name: 'Stolen' })).statusCode, 404);
      assert.equal((await call('DELETE', url, other.auth)).statusCode, 404);
    }
    assert.equal((await call('DELETE', url)).statusCode, 401);
    const patch = await call('PATCH', url, studentA.auth, { proficiency: 1 });
    assert.equal(patch.json().name, 'Rust');
    assert.equal(patch.json().proficiency, 1);
    const put = await call('PUT', url, studentA.auth, { proficiency: 4 });
    assert.deepEqual(put.json(), { name: ['This field is required.'] });
    const full = await call('PUT', url, studentA.auth, { name: 'Rust lang' });
    assert.equal(full.json().name, 'Rust lang');
    assert.equal(full.json().proficiency, 3);
    assert.equal((await call('DELETE', url, studentA.auth)).statusCode, 204);
    assert.equal((await call('GET', url, studentA.auth)).statusCode, 404);
    assert.deepEqual((await call('GET', url, studentA.auth)).json(), { detail: `Skill ${skill.id} not found` });
  });
});

describe('002 users/{id}/', () => {
  it('shows only public fields, to anyone', async () => {
    await call('PATCH', '/api/users/me/', studentB.auth, { bio: 'Hi', birth_date: '1990-05-01', gender: 'female' });
    await call('PUT', '/api/users/me/social/', studentB.auth, { github: 'https://github.com/b' });
    for (const viewer of [undefined, studentA.auth, otherInstructor.auth, admin.auth, studentB.auth]) {
      const response = await call('GET', `/api/users/${studentB.id}/`, viewer);
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json();
      assert.equal(body.id, studentB.id);
      assert.equal(body.bio, 'Hi');
      assert.equal(body.social.github, 'https://github.com/b');
      assert.equal(body.courses, null);
      for (const secret of ['email', 'phone', 'birth_date', 'gender', 'settings', 'notifications', 'video']) {
        assert.equal(secret in body, false, secret);
      }
    }
    const unknown = await call('GET', '/api/users/00000000-0000-4000-8000-000000000000/');
    assert.equal(unknown.statusCode, 404);
    assert.equal(typeof unknown.json().detail, 'string');
    assert.deepEqual((await call('GET', '/api/users/not-a-uuid/')).statusCode, 400);
  });

  it("shows an instructor's published courses, not drafts", async () => {
    const published = (
      await call('POST', '/api/courses/', owner.auth, { title: 'Public course', status: 'published' })
    ).json();
    await call('POST', '/api/courses/', owner.auth, { title: 'Draft course' });
    const body = (await call('GET', `/api/users/${owner.id}/`)).json();
    assert.equal(body.role, 'instructor');
    assert.equal(body.course_count, 1);
    assert.deepEqual(
      body.courses.map((course: { id: string }) => course.id),
      [published.id],
    );
    assert.equal(body.skills.length, 3);
  });
});
