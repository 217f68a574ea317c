// The built-in advisor: a deterministic answer composed from the retrieval, for deployments
// without a model. It says what it is, lists real courses with their stored facts, and says so
// when nothing matches; it never writes a fact the catalogue does not hold.
import type { CourseFact } from './assistant.types.ts';
import type { Responder } from './responder.ts';
import type { Retrieval } from './retrieval.ts';

export const BUILTIN_LABEL = 'Built-in course advisor (an automatic answer from the live catalogue, not an AI model)';
/** Courses one answer lists at most. */
const LISTED = 3;
const SUMMARY_CHARS = 200;

export function createBuiltinAdvisor(): Responder {
  return {
    provider: 'builtin',
    model: null,
    async answer({ retrieval, onDelta }) {
      const listed = retrieval.courses.slice(0, LISTED);
      const content = composeAnswer(retrieval, listed);
      if (onDelta) for (const line of content.split(/(?<=\n)/)) onDelta(line);
      return { content, courseIds: listed.map((course) => course.id) };
    },
  };
}

/** The answer's text: the label, one sentence on what was found, the courses, what to ask next. */
export function composeAnswer(retrieval: Retrieval, listed: CourseFact[]): string {
  const lines = [`${BUILTIN_LABEL}:`, '', opening(retrieval, listed)];
  for (const [index, course] of listed.entries()) lines.push('', ...describe(index + 1, course));
  if (listed.length > 0) {
    lines.push('', 'Ask me about any of them (price, schedule, seats), or tell me what you would like to learn.');
  }
  return lines.join('\n');
}

function opening(retrieval: Retrieval, listed: CourseFact[]): string {
  const subject = retrieval.terms.length > 0 ? `"${retrieval.terms.join(' ')}"` : '';
  const level = retrieval.level ? ` at ${retrieval.level} level` : '';
  if (listed.length === 0) {
    return subject
      ? `I found no published course matching ${subject}, and the catalogue has no other course to suggest yet.`
      : 'The catalogue has no published course yet.';
  }
  switch (retrieval.kind) {
    case 'match':
      return listed.length === 1
        ? `For ${subject}${level}, I recommend this published course:`
        : `For ${subject}${level}, I recommend these published courses, best match first:`;
    case 'followup':
      return subject
        ? `I found no published course matching ${subject}. Here is what the catalogue says about the courses we talked about:`
        : 'Here is what the catalogue says about the courses we talked about:';
    case 'none':
      return `I found no published course matching ${subject}. Some other published courses you could look at:`;
    case 'browse':
      return 'Here are some of our published courses:';
  }
}

function describe(position: number, course: CourseFact): string[] {
  const facts = [
    `${course.level} level`,
    price(course),
    duration(course),
    course.schedule.length > 0 ? `schedule: ${course.schedule.join(', ')}` : undefined,
    seats(course),
    course.instructor ? `taught by ${course.instructor}` : undefined,
  ].filter(Boolean);
  const lines = [`${position}. ${course.name} — ${facts.join('; ')}.`];
  const summary =
    course.description.length > SUMMARY_CHARS
      ? `${course.description.slice(0, SUMMARY_CHARS - 1)}…`
      : course.description;
  if (summary) lines.push(`   ${summary}`);
  return lines;
}

const amount = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

function price(course: CourseFact): string {
  const value = Number(course.price);
  return value === 0 ? 'free' : `${amount.format(value)} ${course.currency}`;
}

function duration(course: CourseFact): string | undefined {
  if (course.session_minutes) return `${course.session_minutes} minutes per session`;
  if (course.total_minutes) return `about ${course.total_minutes} minutes in total`;
  return undefined;
}

function seats(course: CourseFact): string {
  if (course.seats_left === null) return 'no seat limit';
  if (course.seats_left === 0) return 'fully booked';
  return `${course.seats_left} of ${course.max_students} seats left`;
}
