import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { createRetrieval, levelHint, searchTerms, toFact } from '../../src/modules/assistant/retrieval.ts';
import type { Course } from '../../src/modules/catalog/index.ts';

const course = (overrides: Partial<Course> = {}): Course => ({
  id: 'c1',
  owner_id: 'u1',
  owner_name: 'John Doe',
  category_id: null,
  category_name: null,
  title: 'Beginner Guitar Lessons',
  slug: 'beginner-guitar-lessons',
  code: null,
  description: 'Learn   guitar\nfrom scratch',
  level: 'beginner',
  status: 'published',
  price: '50000.00',
  currency: 'IDR',
  thumbnail_url: null,
  estimated_duration_minutes: null,
  session_duration_minutes: 60,
  max_students: 10,
  enrolled_count: 4,
  schedule: ['Monday 10:00'],
  has_certificate: true,
  published_at: new Date(0),
  created_at: new Date(0),
  updated_at: new Date(0),
  instructor_ids: [],
  tags: [],
  ...overrides,
});

describe('assistant retrieval', () => {
  it('keeps the words that name a subject, dropping function words, advisor words and levels', () => {
    assert.deepEqual(searchTerms('What are the best guitar lessons for beginners?'), ['guitar']);
    assert.deepEqual(searchTerms('How much does it cost? And the schedule?'), []);
    assert.deepEqual(searchTerms('Jazz piano OR "-drums" & <b>singing</b>'), ['jazz', 'piano', 'drums', 'singing']);
    assert.deepEqual(searchTerms('Français: cours de cuisine'), ['français', 'cours', 'de', 'cuisine']);
    assert.equal(
      searchTerms('a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd ee ff gg hh ii').length,
      8,
    );
  });

  it('reads a level the question names', () => {
    assert.equal(levelHint('guitar for beginners'), 'beginner');
    assert.equal(levelHint('an ADVANCED piano course'), 'advanced');
    assert.equal(levelHint('piano'), undefined);
  });

  it('describes a course with the facts it holds: seats left from capacity and enrolments', () => {
    const fact = toFact(course());
    assert.equal(fact.name, 'Beginner Guitar Lessons');
    assert.equal(fact.seats_left, 6);
    assert.equal(fact.description, 'Learn guitar from scratch');
    assert.equal(toFact(course({ max_students: null })).seats_left, null);
    assert.equal(toFact(course({ max_students: 3, enrolled_count: 3 })).seats_left, 0);
    assert.equal(toFact(course({ description: 'x'.repeat(700) })).description.length, 600);
  });

  it('searches every term first, then any, with the level first; always as an anonymous reader', async () => {
    const calls: { actor: unknown; query: object }[] = [];
    const retrieval = createRetrieval({
      async listCourses(actor, query) {
        calls.push({ actor, query });
        const match = query.search === 'guitar or jazz' && !query.level;
        return { items: match ? [course()] : [], total: match ? 1 : 0 };
      },
      async getCourse() {
        throw new Error('not found');
      },
    });
    const result = await retrieval.forQuestion('guitar and jazz for beginners', []);
    assert.equal(result.kind, 'match');
    assert.deepEqual(
      calls.map((call) => call.query),
      [
        { search: 'guitar jazz', level: 'beginner', sort: 'relevance' },
        { search: 'guitar jazz', sort: 'relevance' },
        { search: 'guitar or jazz', level: 'beginner', sort: 'relevance' },
        { search: 'guitar or jazz', sort: 'relevance' },
      ],
    );
    assert.ok(calls.every((call) => call.actor === null));
  });

  it('falls back to the previous answer’s courses that are still published, then to browsing', async () => {
    const published = course({ id: 'still' });
    const retrieval = createRetrieval({
      async listCourses(_actor, query) {
        return query.search ? { items: [], total: 0 } : { items: [course({ id: 'newest' })], total: 1 };
      },
      async getCourse(_actor, id) {
        if (id === 'still') return published;
        throw new Error('not found');
      },
    });
    const followUp = await retrieval.forQuestion('how much is it?', ['gone', 'still']);
    assert.equal(followUp.kind, 'followup');
    assert.deepEqual(
      followUp.courses.map((fact) => fact.id),
      ['still'],
    );
    const browse = await retrieval.forQuestion('what do you offer?', ['gone']);
    assert.equal(browse.kind, 'browse');
    const none = await retrieval.forQuestion('underwater basket weaving', []);
    assert.equal(none.kind, 'none');
    assert.deepEqual(
      none.courses.map((fact) => fact.id),
      ['newest'],
    );
  });
});
