// GET/PUT/PATCH /api/v1/users/me/profile: lazy defaults, full vs partial updates, names through
// identity, the avatar from the account, and validation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import type { TestUser } from '../helpers/factories.ts';
import { createUser } from '../helpers/factories.ts';

const lectern = await startTestApp();

const call = (user: TestUser, method: 'GET' | 'PUT' | 'PATCH', url: string, payload?: object) =>
  lectern.app.inject({ method, url: `/api/v1${url}`, headers: user.auth, ...(payload ? { payload } : {}) });

const FULL = {
  first_name: 'Johanna',
  last_name: 'Doe',
  nickname: 'jo',
  bio: 'Passionate learner',
  location: 'New York',
  birth_date: '1990-05-15',
  gender: 'female',
  country: 'United States',
  city: 'New York',
  company: 'Tech Corp',
  position: 'Software Engineer',
  experience_id: 3,
};

describe('my profile', () => {
  it('reads defaults for a user who never wrote one, with the account’s names and creation time', async () => {
    const user = await createUser(lectern, { fullName: 'Ada Lovelace' });
    const response = await call(user, 'GET', '/users/me/profile');
    assert.equal(response.statusCode, 200, response.body);
    const account = (await call(user, 'GET', '/users/me')).json();
    assert.deepEqual(response.json(), {
      user_id: user.id,
      first_name: 'Ada',
      last_name: 'Lovelace',
      full_name: 'Ada Lovelace',
      avatar_url: null,
      nickname: null,
      bio: null,
      location: null,
      birth_date: null,
      gender: null,
      country: null,
      city: null,
      company: null,
      position: null,
      experience_id: null,
      experience_level: null,
      updated_at: account.created_at,
    });
    const rows = await lectern.database.db.selectFrom('profiles').where('user_id', '=', user.id).selectAll().execute();
    assert.equal(rows.length, 0, 'reading creates nothing');
  });

  it('PUT stores every field, names on the account, and answers the stored profile', async () => {
    const user = await createUser(lectern);
    lectern.clock.advance(60_000);
    const response = await call(user, 'PUT', '/users/me/profile', FULL);
    assert.equal(response.statusCode, 200, response.body);
    const profile = response.json();
    assert.deepEqual(
      { ...profile, updated_at: undefined },
      {
        ...FULL,
        user_id: user.id,
        full_name: 'Johanna Doe',
        avatar_url: null,
        experience_level: 'Mid-Level',
        updated_at: undefined,
      },
    );
    assert.equal(profile.updated_at, lectern.clock.now().toISOString());
    assert.deepEqual((await call(user, 'GET', '/users/me/profile')).json(), profile);
    // One canonical name: the account shows what the profile wrote.
    const me = (await call(user, 'GET', '/users/me')).json();
    assert.equal(me.full_name, 'Johanna Doe');
    assert.equal(me.first_name, 'Johanna');
  });

  it('PUT resets what it does not send to null but leaves the names; PATCH changes only what it sends', async () => {
    const user = await createUser(lectern);
    await call(user, 'PUT', '/users/me/profile', FULL);

    const patched = await call(user, 'PATCH', '/users/me/profile', { city: 'San Francisco', nickname: null });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().city, 'San Francisco');
    assert.equal(patched.json().nickname, null);
    assert.equal(patched.json().company, 'Tech Corp');
    assert.equal(patched.json().experience_id, 3);

    const replaced = await call(user, 'PUT', '/users/me/profile', { bio: 'Only a bio now' });
    assert.equal(replaced.statusCode, 200, replaced.body);
    const body = replaced.json();
    assert.equal(body.bio, 'Only a bio now');
    for (const field of ['nickname', 'location', 'birth_date', 'gender', 'country', 'city', 'company', 'position'])
      assert.equal(body[field], null, field);
    assert.equal(body.experience_id, null);
    assert.equal(body.first_name, 'Johanna');
    assert.equal(body.last_name, 'Doe');
  });

  it('trims text, and a blank text field clears it', async () => {
    const user = await createUser(lectern);
    const response = await call(user, 'PATCH', '/users/me/profile', { company: '  Acme  ', position: '', bio: '   ' });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().company, 'Acme');
    assert.equal(response.json().position, null);
    assert.equal(response.json().bio, null);
  });

  it('a rename alone creates the profile row and moves updated_at', async () => {
    const user = await createUser(lectern);
    lectern.clock.advance(5_000);
    const response = await call(user, 'PATCH', '/users/me/profile', { first_name: 'Grace', last_name: 'Hopper' });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().full_name, 'Grace Hopper');
    assert.equal(response.json().updated_at, lectern.clock.now().toISOString());
  });

  it('shows the avatar the account holds (set by the avatar upload flow), never takes one from the body', async () => {
    const user = await createUser(lectern);
    const url = 'http://lectern.test/api/v1/media/avatar.jpg';
    await lectern.database.db.updateTable('users').set({ avatar_url: url }).where('id', '=', user.id).execute();
    assert.equal((await call(user, 'GET', '/users/me/profile')).json().avatar_url, url);
    const refused = await call(user, 'PATCH', '/users/me/profile', { avatar_url: 'https://evil.test/a.png' });
    assert.equal(refused.statusCode, 422);
  });

  describe('validation', () => {
    const cases: [string, object, string][] = [
      ['a gender outside 003’s values', { gender: 'robot' }, 'gender'],
      ['experience 0', { experience_id: 0 }, 'experience_id'],
      ['experience 6', { experience_id: 6 }, 'experience_id'],
      ['experience as a fraction', { experience_id: 2.5 }, 'experience_id'],
      ['a birth date that is no date', { birth_date: '1990-02-30' }, 'birth_date'],
      ['a birth date in the future', { birth_date: '2999-01-01' }, 'birth_date'],
      ['a birth date before 1900', { birth_date: '1899-12-31' }, 'birth_date'],
      ['a nickname over 50 characters', { nickname: 'n'.repeat(51) }, 'nickname'],
      ['a company over 150 characters', { company: 'c'.repeat(151) }, 'company'],
      ['a blank first name', { first_name: '' }, 'first_name'],
      ['an unknown field', { role: 'admin' }, 'role'],
    ];
    for (const [label, payload, field] of cases) {
      it(`refuses ${label} with 422 naming the field`, async () => {
        const user = await createUser(lectern);
        for (const method of ['PATCH', 'PUT'] as const) {
          const response = await call(user, method, '/users/me/profile', payload);
          assert.equal(response.statusCode, 422, `${method} ${response.body}`);
          const detail = response.json().detail as { loc: string[] }[];
          assert.ok(
            detail.some((d) => d.loc.includes(field)),
            response.body,
          );
        }
        const me = (await call(user, 'GET', '/users/me')).json();
        assert.equal(me.role, 'student');
      });
    }

    it('lists every invalid field of one write at once', async () => {
      const user = await createUser(lectern);
      const response = await call(user, 'PATCH', '/users/me/profile', {
        birth_date: '2999-01-01',
        nickname: '  ',
        first_name: '   ',
      });
      assert.equal(response.statusCode, 422, response.body);
      const fields = (response.json().detail as { loc: string[] }[]).map((d) => d.loc.at(-1)).sort();
      assert.deepEqual(fields, ['birth_date', 'first_name']);
    });

    it('counts characters, not UTF-16 units', async () => {
      const user = await createUser(lectern);
      const response = await call(user, 'PATCH', '/users/me/profile', { nickname: '🎓'.repeat(50) });
      assert.equal(response.statusCode, 200, response.body);
    });
  });

  it('needs a token', async () => {
    for (const method of ['GET', 'PUT', 'PATCH'] as const) {
      const response = await lectern.app.inject({ method, url: '/api/v1/users/me/profile', payload: {} });
      assert.equal(response.statusCode, 401);
      assert.equal(response.json().detail, 'Not authenticated');
    }
  });
});
