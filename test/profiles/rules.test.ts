// The profiles module's pure rules: the policy and the input checks, without a database.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { parseProfileInput, parseSocialLinksInput } from '../../src/modules/profiles/profile-input.ts';
import { canManageProfile, canViewPublicProfile, showsCourses } from '../../src/modules/profiles/profiles.policy.ts';
import { parseSettingsInput, withDefaults } from '../../src/modules/profiles/settings-input.ts';
import { parseSkillChanges, parseSkillInput, proficiencyLevel } from '../../src/modules/profiles/skill-input.ts';
import type { Actor, Role } from '../../src/platform/actor.ts';
import { DomainError } from '../../src/platform/errors.ts';

const actor = (id: string, role: Role): Actor => ({ id, role, sessionId: 's' });
const fieldsOf = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'validation')
      return (error.details ?? []).map((d) => d.field ?? '').sort();
    throw error;
  }
  return [];
};

describe('profiles policy', () => {
  it('lets users manage their own profile data and admins anyone’s', () => {
    assert.equal(canManageProfile(actor('a', 'student'), 'a'), true);
    assert.equal(canManageProfile(actor('a', 'student'), 'b'), false);
    assert.equal(canManageProfile(actor('a', 'instructor'), 'b'), false);
    assert.equal(canManageProfile(actor('a', 'admin'), 'b'), true);
  });

  it('shows an active account’s public profile to anyone, a blocked one to itself and admins', () => {
    const active = { id: 'b', is_active: true };
    const blocked = { id: 'b', is_active: false };
    assert.equal(canViewPublicProfile(null, active), true);
    assert.equal(canViewPublicProfile(null, blocked), false);
    assert.equal(canViewPublicProfile(actor('a', 'instructor'), blocked), false);
    assert.equal(canViewPublicProfile(actor('b', 'student'), blocked), true);
    assert.equal(canViewPublicProfile(actor('a', 'admin'), blocked), true);
  });

  it('lists courses on the profiles of those who may teach', () => {
    assert.equal(showsCourses({ role: 'student' }), false);
    assert.equal(showsCourses({ role: 'instructor' }), true);
    assert.equal(showsCourses({ role: 'admin' }), true);
  });
});

describe('profile input', () => {
  const today = '2024-06-01';

  it('a full update sets every field not sent to null; a partial one leaves them out', () => {
    const full = parseProfileInput({ city: ' Paris ', first_name: 'Ann' }, 'replace', today);
    assert.equal(full.fields.city, 'Paris');
    assert.equal(full.fields.company, null);
    assert.equal(full.fields.experience_id, null);
    assert.deepEqual(full.names, { first_name: 'Ann' });
    const partial = parseProfileInput({ city: 'Paris' }, 'merge', today);
    assert.deepEqual(partial.fields, { city: 'Paris' });
    assert.deepEqual(partial.names, {});
  });

  it('reports every invalid field at once, whatever a lenient surface passes', () => {
    const input = {
      gender: 'robot',
      experience_id: 6,
      birth_date: '2024-06-02',
      nickname: 42 as unknown as string,
      first_name: ' ',
      last_name: 'x'.repeat(101),
    };
    assert.deepEqual(
      fieldsOf(() => parseProfileInput(input, 'merge', today)),
      ['birth_date', 'experience_id', 'first_name', 'gender', 'last_name', 'nickname'],
    );
  });

  it('accepts a birth date up to today, and blank values as clearing', () => {
    const parsed = parseProfileInput({ birth_date: today, gender: '', position: '  ' }, 'merge', today);
    assert.deepEqual(parsed.fields, { birth_date: today, gender: null, position: null });
  });

  it('social links: http(s) URLs with a host, blank clears, full update clears the rest', () => {
    assert.deepEqual(
      fieldsOf(() =>
        parseSocialLinksInput(
          {
            website: 'mailto:a@b.c',
            github: 'https://',
            youtube: 'http//x.com',
            linkedin: 'https://linkedin.com/in/a',
          },
          'merge',
        ),
      ),
      ['github', 'website', 'youtube'],
    );
    const links = parseSocialLinksInput({ github: ' HTTPS://github.com/a ', website: '' }, 'replace');
    assert.equal(links.github, 'HTTPS://github.com/a');
    assert.equal(links.website, null);
    assert.equal(links.instagram, null);
  });
});

describe('settings input', () => {
  it('canonicalises the language and rounds the playback speed', () => {
    const write = parseSettingsInput({ language: 'EN-gb', video: { playback_speed: 1.333 } }, 'merge');
    assert.equal(write.language, 'en-GB');
    assert.equal(write.theme, undefined);
    assert.deepEqual(write.video, { playback_speed: 1.33 });
  });

  it('a full update stores what was sent and nulls the rest', () => {
    const write = parseSettingsInput({ notifications: { sms: true } }, 'replace');
    assert.deepEqual(write, { theme: null, language: null, notifications: { sms: true }, video: {} });
  });

  it('fills stored settings with the defaults and ignores keys it does not know', () => {
    const values = withDefaults({
      theme: null,
      language: 'fr',
      notifications: { marketing: true, retired_key: true } as never,
      video: { quality: '720p' },
    });
    assert.equal(values.theme, 'system');
    assert.equal(values.language, 'fr');
    assert.equal(values.notifications.marketing, true);
    assert.equal('retired_key' in values.notifications, false);
    assert.equal(values.video.quality, '720p');
    assert.equal(values.video.playback_speed, 1);
  });

  it('refuses wrong types inside the groups', () => {
    assert.deepEqual(
      fieldsOf(() =>
        parseSettingsInput(
          { theme: 'blue', notifications: { email: 'yes' as never }, video: { autoplay: 1 as never, quality: '4k' } },
          'merge',
        ),
      ),
      ['notifications.email', 'theme', 'video.autoplay', 'video.quality'],
    );
    assert.deepEqual(
      fieldsOf(() => parseSettingsInput({ video: [] as never }, 'merge')),
      ['video'],
    );
  });
});

describe('skill input', () => {
  it('maps level names in any case, and numeric strings, to 1-5', () => {
    assert.equal(parseSkillInput({ name: 'Go', proficiency: 'Beginner' }).proficiency, 1);
    assert.equal(parseSkillInput({ name: 'Go', proficiency: 'EXPERT' }).proficiency, 5);
    assert.equal(parseSkillInput({ name: 'Go', proficiency: '4' }).proficiency, 4);
    assert.equal(parseSkillInput({ name: 'Go' }).proficiency, 3);
    assert.deepEqual(parseSkillChanges({ proficiency: 'elementary' }), { proficiency: 2 });
    assert.equal(proficiencyLevel(3), 'intermediate');
  });

  it('normalises the name and refuses a bad one or a bad level', () => {
    assert.equal(parseSkillInput({ name: '  Machine \t learning ' }).name, 'Machine learning');
    assert.deepEqual(
      fieldsOf(() => parseSkillInput({ name: ' ', proficiency: 7 })),
      ['name', 'proficiency'],
    );
    assert.deepEqual(
      fieldsOf(() => parseSkillChanges({ proficiency: 'guru' })),
      ['proficiency'],
    );
  });
});
