// The tags of the Django REST (002) OpenAPI document, one per API category, in the document's order.
import type { OpenApiTag } from '../kit/surface.ts';

const allTags: readonly OpenApiTag[] = [
  {
    name: 'authentication',
    description:
      'SimpleJWT-style sign-in (`{access, refresh}`), refresh with rotation, logout (the refresh token is blacklisted), registration, email verification and password reset.',
  },
  {
    name: 'users',
    description: "The signed-in user's profile, settings, social links and skills, and other users' public profiles.",
  },
  {
    name: 'courses',
    description: 'The catalog: courses with filters and search, categories, course instructors and instructors.',
  },
  {
    name: 'content',
    description: 'Sections, lectures, video and PDF content, lecture resources.',
  },
  {
    name: 'enrollments',
    description: 'Enrolments, the overall progress of an enrolment and per-lecture video progress.',
  },
  { name: 'annotations', description: 'Private bookmarks and notes on lectures.' },
  { name: 'assignments', description: 'Assignments, submissions and grading.' },
  {
    name: 'quizzes',
    description:
      'Quizzes by lecture, questions, attempts and results. Students never see correct answers before they submit.',
  },
];

/** The tags of the categories served so far. */
const SERVED = new Set(['authentication', 'courses', 'content', 'enrollments']);
SERVED.add('quizzes');
SERVED.add('assignments');
SERVED.add('users');
SERVED.add('annotations');
export const djangoTags: readonly OpenApiTag[] = allTags.filter((tag) => SERVED.has(tag.name));
