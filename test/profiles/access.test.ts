// Who sees and changes what: GET /api/v1/users/{id}/profile for everyone (public fields only),
// private profile data for its owner and admins only, blocked and deleted accounts, and an
// instructor's published courses on the public profile.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { Actor } from '../../src/platform/actor.ts';
import { DomainError } from '../../src/platform/errors.ts';
import { startTestApp } from '../helpers/app.ts';
import { createCourse } from '../helpers/catalog.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createCast, createUser } from '../helpers/factories.ts';

const lectern = await startTestApp();
const { owner: instructor, otherInstructor, admin, studentA, studentB } = await createCast(lectern);
const { profiles } = lectern.modules;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const call = (user: TestUser | null, method: Method, url: string, payload?: object) =>
  lectern.app.inject({
    method,
    url: `/api/v1${url}`,
    ...(user ? { headers: user.auth } : {}),
    ...(payload ? { payload } : {}),
  });
const actorOf = (user: TestUser): Actor => ({ id: user.id, role: user.role, sessionId: 'test' });

const rejects = (promise: Promise<unknown>, kind: DomainError['kind']) =>
  assert.rejects(promise, (error: unknown) => error instanceof DomainError && error.kind === kind);

// Student B fills in every private and public part of their profile.
await call(studentB, 'PUT', '/users/me/profile', {
  first_name: 'Bea',
  last_name: 'Private',
  nickname: 'bee',
  bio: 'Learning every day',
  birth_date: '2001-04-01',
  gender: 'female',
  city: 'Lyon',
  country: 'France',
  experience_id: 2,
});
await call(studentB, 'PATCH', '/users/me/settings', { theme: 'dark', notifications: { marketing: true } });
await call(studentB, 'PUT', '/users/me/social-links', { github: 'https://github.com/bea' });
const skillOfB = (await call(studentB, 'POST', '/users/me/skills', { name: 'French', proficiency: 5 })).json();

const PRIVATE_FIELDS = ['birth_date', 'gender', 'email', 'phone', 'settings', 'theme', 'notifications'];

describe('public profile', () => {
  it('shows public fields to anyone, anonymous callers included, and never the private ones', async () => {
    for (const viewer of [null, studentA, studentB, instructor, admin]) {
      const response = await call(viewer, 'GET', `/users/${studentB.id}/profile`);
      assert.equal(response.statusCode, 200, response.body);
      const profile = response.json();
      assert.equal(profile.user_id, studentB.id);
      assert.equal(profile.role, 'student');
      assert.equal(profile.full_name, 'Bea Private');
      assert.equal(profile.nickname, 'bee');
      assert.equal(profile.city, 'Lyon');
      assert.equal(profile.experience_level, 'Junior');
      assert.equal(profile.social_links.github, 'https://github.com/bea');
      assert.deepEqual(
        profile.skills.map((s: { name: string; proficiency_level: string }) => [s.name, s.proficiency_level]),
        [['French', 'expert']],
      );
      assert.equal(profile.courses, null, 'a student teaches nothing');
      assert.equal(profile.course_count, null);
      for (const field of PRIVATE_FIELDS) assert.equal(field in profile, false, field);
      assert.doesNotMatch(response.body, /2001-04-01|female|example\.test/);
    }
  });

  it('answers a user who never wrote a profile with its defaults', async () => {
    const fresh = await createUser(lectern, { fullName: 'New Comer' });
    const response = await call(null, 'GET', `/users/${fresh.id}/profile`);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().full_name, 'New Comer');
    assert.equal(response.json().bio, null);
    assert.deepEqual(response.json().skills, []);
    assert.equal(response.json().social_links.website, null);
  });

  it('answers 404 for an unknown user, and refuses an invalid token even though the route is public', async () => {
    const unknown = await call(null, 'GET', '/users/00000000-0000-4000-8000-000000000000/profile');
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.json().detail, /not found/);
    const badToken = await lectern.app.inject({
      method: 'GET',
      url: `/api/v1/users/${studentB.id}/profile`,
      headers: { authorization: 'Bearer nonsense' },
    });
    assert.equal(badToken.statusCode, 401);
  });

  it('lists only the published courses an instructor owns or co-teaches', async () => {
    const published = await createCourse(lectern, instructor, { publish: true, title: 'Published owned' });
    const draft = await createCourse(lectern, instructor, { title: 'Still a draft' });
    const coTaught = await createCourse(lectern, otherInstructor, { publish: true, title: 'Co-taught' });
    const added = await call(otherInstructor, 'POST', `/courses/${coTaught.id}/instructors`, {
      user_id: instructor.id,
    });
    assert.equal(added.statusCode, 200, added.body);
    const elsewhere = await createCourse(lectern, otherInstructor, { publish: true, title: 'Not theirs' });

    for (const viewer of [null, studentA, instructor, admin]) {
      const response = await call(viewer, 'GET', `/users/${instructor.id}/profile`);
      assert.equal(response.statusCode, 200, response.body);
      const profile = response.json();
      assert.equal(profile.role, 'instructor');
      const ids = profile.courses.map((c: { id: string }) => c.id).sort();
      assert.deepEqual(ids, [published.id, coTaught.id].sort());
      assert.equal(profile.course_count, 2);
      assert.ok(!ids.includes(draft.id) && !ids.includes(elsewhere.id));
      assert.ok(profile.courses.every((c: { is_published: boolean }) => c.is_published));
    }
  });

  it('hides a blocked account from everyone but itself and admins, and a deleted one from everyone', async () => {
    const blocked = await createUser(lectern);
    const actor = actorOf(blocked);
    assert.equal((await call(admin, 'POST', `/users/${blocked.id}/block`)).statusCode, 200);
    assert.equal((await call(null, 'GET', `/users/${blocked.id}/profile`)).statusCode, 404);
    assert.equal((await call(studentA, 'GET', `/users/${blocked.id}/profile`)).statusCode, 404);
    assert.equal((await call(admin, 'GET', `/users/${blocked.id}/profile`)).statusCode, 200);
    assert.equal((await profiles.getPublicProfile(actor, blocked.id)).user_id, blocked.id);

    const deleted = await createUser(lectern);
    await call(deleted, 'PATCH', '/users/me/profile', { bio: 'soon gone' });
    assert.equal((await call(admin, 'DELETE', `/users/${deleted.id}`)).statusCode, 204);
    assert.equal((await call(null, 'GET', `/users/${deleted.id}/profile`)).statusCode, 404);
    assert.equal((await call(admin, 'GET', `/users/${deleted.id}/profile`)).statusCode, 404);
    await rejects(profiles.getProfile(actorOf(admin), deleted.id), 'not_found');
    await rejects(profiles.updateProfile(actorOf(admin), deleted.id, { bio: 'x' }), 'not_found');
  });
});

describe('private profile data', () => {
  it('is refused without a token on every /users/me route', async () => {
    const routes: [Method, string][] = [
      ['GET', '/users/me/profile'],
      ['PUT', '/users/me/profile'],
      ['PATCH', '/users/me/profile'],
      ['GET', '/users/me/settings'],
      ['PATCH', '/users/me/settings'],
      ['GET', '/users/me/social-links'],
      ['PUT', '/users/me/social-links'],
      ['PATCH', '/users/me/social-links'],
      ['GET', '/users/me/skills'],
      ['POST', '/users/me/skills'],
      ['GET', `/users/me/skills/${skillOfB.id}`],
      ['PATCH', `/users/me/skills/${skillOfB.id}`],
      ['DELETE', `/users/me/skills/${skillOfB.id}`],
    ];
    for (const [method, url] of routes) {
      const response = await call(null, method, url, method === 'GET' || method === 'DELETE' ? undefined : {});
      assert.equal(response.statusCode, 401, `${method} ${url}`);
    }
  });

  it("never lets student A read or change B's settings, links, skills or private fields", async () => {
    // A's own views are A's: nothing of B shows through them.
    assert.equal((await call(studentA, 'GET', '/users/me/settings')).json().theme, 'system');
    assert.equal((await call(studentA, 'GET', '/users/me/social-links')).json().github, null);
    assert.equal((await call(studentA, 'GET', '/users/me/skills')).json().total, 0);
    assert.equal((await call(studentA, 'GET', '/users/me/profile')).json().birth_date, null);

    // B's skill, addressed by id through A's routes, does not exist for A.
    assert.equal((await call(studentA, 'GET', `/users/me/skills/${skillOfB.id}`)).statusCode, 404);
    assert.equal((await call(studentA, 'PATCH', `/users/me/skills/${skillOfB.id}`, { name: 'Mine' })).statusCode, 404);
    assert.equal((await call(studentA, 'DELETE', `/users/me/skills/${skillOfB.id}`)).statusCode, 404);

    // The module refuses A on B's data, whichever surface asks.
    const a = actorOf(studentA);
    await rejects(profiles.getProfile(a, studentB.id), 'forbidden');
    await rejects(profiles.updateProfile(a, studentB.id, { bio: 'hacked' }), 'forbidden');
    await rejects(profiles.replaceProfile(a, studentB.id, {}), 'forbidden');
    await rejects(profiles.getSettings(a, studentB.id), 'forbidden');
    await rejects(profiles.updateSettings(a, studentB.id, { theme: 'light' }), 'forbidden');
    await rejects(profiles.getSocialLinks(a, studentB.id), 'forbidden');
    await rejects(profiles.replaceSocialLinks(a, studentB.id, {}), 'forbidden');
    await rejects(profiles.listSkills(a, studentB.id, { limit: 10, offset: 0 }), 'forbidden');
    await rejects(profiles.addSkill(a, studentB.id, { name: 'Planted' }), 'forbidden');
    await rejects(profiles.updateSkill(a, studentB.id, skillOfB.id, { proficiency: 1 }), 'forbidden');
    await rejects(profiles.removeSkill(a, studentB.id, skillOfB.id), 'forbidden');
    // An instructor is no admin either.
    await rejects(profiles.getSettings(actorOf(instructor), studentB.id), 'forbidden');

    // Nothing of B changed.
    const b = actorOf(studentB);
    assert.equal((await profiles.getProfile(b, studentB.id)).bio, 'Learning every day');
    assert.equal((await profiles.getSettings(b, studentB.id)).theme, 'dark');
    assert.equal((await profiles.getSocialLinks(b, studentB.id)).github, 'https://github.com/bea');
    const skills = await profiles.listSkills(b, studentB.id, { limit: 10, offset: 0 });
    assert.deepEqual(
      skills.items.map((s) => [s.name, s.proficiency]),
      [['French', 5]],
    );
  });

  it('lets an admin read and change anyone’s', async () => {
    const target = await createUser(lectern);
    const root = actorOf(admin);
    const profile = await profiles.updateProfile(root, target.id, { company: 'Set by admin', first_name: 'Renamed' });
    assert.equal(profile.company, 'Set by admin');
    assert.equal(profile.full_name, 'Renamed User');
    assert.equal((await profiles.updateSettings(root, target.id, { theme: 'light' })).theme, 'light');
    assert.equal(
      (await profiles.updateSocialLinks(root, target.id, { website: 'https://example.org' })).website,
      'https://example.org',
    );
    const skill = await profiles.addSkill(root, target.id, { name: 'Moderation', proficiency: 'advanced' });
    assert.equal((await profiles.updateSkill(root, target.id, skill.id, { proficiency: 2 })).proficiency, 2);

    // The owner sees the admin's changes through the API.
    assert.equal((await call(target, 'GET', '/users/me/profile')).json().company, 'Set by admin');
    assert.equal((await call(target, 'GET', '/users/me/settings')).json().theme, 'light');
    assert.equal((await call(target, 'GET', '/users/me/skills')).json().items[0].proficiency_level, 'elementary');
    await profiles.removeSkill(root, target.id, skill.id);
    assert.equal((await call(target, 'GET', '/users/me/skills')).json().total, 0);
  });

  it('erases a user’s stored profile data inside a transaction (for account deletion)', async () => {
    const leaving = await createUser(lectern);
    const self = actorOf(leaving);
    await profiles.updateProfile(self, leaving.id, { bio: 'bye', gender: 'other' });
    await profiles.updateSettings(self, leaving.id, { theme: 'dark' });
    await profiles.updateSocialLinks(self, leaving.id, { github: 'https://github.com/leaving' });
    await profiles.addSkill(self, leaving.id, { name: 'Leaving' });
    await lectern.database.transaction((tx) => profiles.eraseUserData(tx, leaving.id));
    assert.equal((await profiles.getProfile(self, leaving.id)).bio, null);
    assert.equal((await profiles.getSettings(self, leaving.id)).theme, 'system');
    assert.equal((await profiles.getSocialLinks(self, leaving.id)).github, null);
    assert.equal((await profiles.listSkills(self, leaving.id, { limit: 10, offset: 0 })).total, 0);
  });
});
