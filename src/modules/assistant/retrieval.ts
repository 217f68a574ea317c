// Grounding: which published courses an answer may talk about. Each question is searched in the
// live catalogue (full text, any of its meaningful words, best matches first, a level it names
// preferred); a follow-up without matches keeps to the courses of the previous answer; a question
// with no subject at all gets a few of the newest courses to browse. Always as an anonymous
// reader, so drafts, courses in review and archived ones never reach an answer.
import type { Course, CourseLevel } from '../catalog/index.ts';
import type { CatalogPort } from './assistant.ports.ts';
import type { CourseFact } from './assistant.types.ts';

/**
 * `match`: the search found courses; `followup`: it did not, and these are the courses of the
 * previous answer; `browse`: the question names no subject, these are some published courses;
 * `none`: nothing matched (the courses are browsing suggestions, not matches).
 */
export type RetrievalKind = 'match' | 'followup' | 'browse' | 'none';

export interface Retrieval {
  kind: RetrievalKind;
  /** The words searched for. */
  terms: string[];
  level: CourseLevel | undefined;
  courses: CourseFact[];
}

/** Courses handed to an answer at most. */
export const MAX_CONTEXT_COURSES = 5;
const MAX_TERMS = 8;
const DESCRIPTION_CHARS = 600;

// Words that say nothing about a subject: English function words, and the words every question
// to a course advisor uses ("course", "recommend") or that ask about a course already named
// ("price", "schedule"). Without them, "what does it cost?" is recognised as a follow-up.
const GENERIC = new Set(
  `a about above after again all also am an and any anything are as at be because been before being best
  between both but by can could course courses class classes did do does doing don done each few find for
  from get give good got had has have having he help her here hers him his how i if in into is it its
  just know learn learning lesson lessons like looking me mine more most much my need no nor not now of
  off on once one only or other our out over own please recommend recommendation recommendations same
  she should show so some something start starting study such suggest teach tell than thank thanks that
  the their them then there these they this those through to too training tutorial under until up very
  want was we well were what when where which while who whom why will with would you your yours
  available cost costs duration expensive cheap fee fees hour hours long many minute minutes per place places
  price prices schedule scheduled seat seats session sessions slot slots spot spots time times week weekly
  when whats offer offers take taking kind kinds type types`
    .split(/\s+/)
    .filter(Boolean),
);

const LEVEL_WORDS: Record<string, CourseLevel> = {
  beginner: 'beginner',
  beginners: 'beginner',
  novice: 'beginner',
  intermediate: 'intermediate',
  advanced: 'advanced',
  expert: 'expert',
  experts: 'expert',
};

const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** The words of a question that name a subject (a level it names is a filter, not a word to find). */
export function searchTerms(text: string): string[] {
  const terms = new Set<string>();
  for (const word of words(text)) {
    if (word.length < 2 || word.length > 40 || GENERIC.has(word) || LEVEL_WORDS[word]) continue;
    terms.add(word);
    if (terms.size === MAX_TERMS) break;
  }
  return [...terms];
}

/** The level a question asks for ("for beginners"), if it names one. */
export function levelHint(text: string): CourseLevel | undefined {
  for (const word of words(text)) if (LEVEL_WORDS[word]) return LEVEL_WORDS[word];
  return undefined;
}

/** A course as the advisor may describe it: only facts stored for the course. */
export function toFact(course: Course): CourseFact {
  const description = course.description.replace(/\s+/g, ' ').trim();
  return {
    id: course.id,
    name: course.title,
    description:
      description.length > DESCRIPTION_CHARS ? `${description.slice(0, DESCRIPTION_CHARS - 1)}…` : description,
    level: course.level,
    price: course.price,
    currency: course.currency,
    session_minutes: course.session_duration_minutes,
    total_minutes: course.estimated_duration_minutes,
    schedule: course.schedule,
    max_students: course.max_students,
    seats_left: course.max_students === null ? null : Math.max(0, course.max_students - course.enrolled_count),
    instructor: course.owner_name,
    category: course.category_name,
    tags: course.tags,
  };
}

export function createRetrieval(catalog: CatalogPort) {
  const first = { limit: MAX_CONTEXT_COURSES, offset: 0 };

  /**
   * Published courses matching the terms, best first: those with every term if there are any,
   * else those with any of them; within either, those of `level` when there are some.
   */
  async function search(terms: string[], level: CourseLevel | undefined): Promise<CourseFact[]> {
    if (terms.length === 0) return [];
    // websearch syntax: "a b" needs both words, "a or b" either; the terms are plain words, so no
    // operator a user typed reaches the query.
    const queries = terms.length > 1 ? [terms.join(' '), terms.join(' or ')] : [terms[0]!];
    for (const query of queries) {
      for (const filter of level ? [{ level }, {}] : [{}]) {
        const page = await catalog.listCourses(null, { search: query, ...filter, sort: 'relevance' }, first);
        if (page.items.length > 0) return page.items.map(toFact);
      }
    }
    return [];
  }

  /** Those of `ids` still published, in that order. */
  async function stillPublished(ids: readonly string[]): Promise<CourseFact[]> {
    const found = await Promise.all(
      ids.slice(0, MAX_CONTEXT_COURSES).map((id) => catalog.getCourse(null, id).catch(() => undefined)),
    );
    return found.filter((course): course is NonNullable<typeof course> => course !== undefined).map(toFact);
  }

  async function newest(level: CourseLevel | undefined): Promise<CourseFact[]> {
    const page = await catalog.listCourses(null, { ...(level ? { level } : {}), sort: 'newest' }, first);
    if (page.items.length > 0 || !level) return page.items.map(toFact);
    return (await catalog.listCourses(null, { sort: 'newest' }, first)).items.map(toFact);
  }

  return {
    /** The courses an answer to `question` may use; `previous` are those of the previous answer. */
    async forQuestion(question: string, previous: readonly string[]): Promise<Retrieval> {
      const terms = searchTerms(question);
      const level = levelHint(question);
      const matched = await search(terms, level);
      if (matched.length > 0) return { kind: 'match', terms, level, courses: matched };
      const followed = await stillPublished(previous);
      if (followed.length > 0) return { kind: 'followup', terms, level, courses: followed };
      return { kind: terms.length > 0 ? 'none' : 'browse', terms, level, courses: await newest(level) };
    },

    /** The catalogue search a model may call as a tool. */
    async search(query: string): Promise<CourseFact[]> {
      const terms = searchTerms(query);
      const level = levelHint(query);
      return terms.length > 0 ? search(terms, level) : newest(level);
    },
  };
}

export type RetrievalService = ReturnType<typeof createRetrieval>;
