// The tags of the native OpenAPI document, in reading order: what each group of operations is for.
import type { OpenApiTag } from '../kit/surface.ts';

export const nativeTags: readonly OpenApiTag[] = [
  {
    name: 'auth',
    description:
      'Sign-up and sign-in (password, SMS code, Google, second factor), token refresh, email verification and password reset. Access tokens are short-lived JWTs sent as `Authorization: Bearer`; refresh tokens rotate on every use.',
  },
  { name: 'users', description: "The signed-in user's own account: profile, password, email, phone and avatar." },
  {
    name: 'profiles',
    description:
      "A user's profile, settings, social links and skills (created with defaults on first read), and public profiles: a user sees and changes only their own; anyone sees another's public fields.",
  },
  {
    name: 'courses',
    description:
      'The catalog. A course is `draft`, `review`, `published` or `archived`; only published courses are visible to everyone, the others to their staff (owner, co-instructors) and admins.',
  },
  { name: 'sections', description: 'Ordered sections of a course, each holding ordered lessons.' },
  {
    name: 'lessons',
    description:
      "Lessons and their downloadable resources. Everyone who may see a course sees its lessons' outline; the content is for the course's staff, enrolled students, and anyone for a free preview.",
  },
  { name: 'categories', description: 'The category tree, with course counts.' },
  { name: 'instructors', description: 'Public profiles of instructors with published courses.' },
  { name: 'tags', description: 'Free-form course tags with usage counts.' },
  {
    name: 'enrollments',
    description:
      "Enrolment in courses: free courses by the student, paid ones through a recorded payment or a grant by the course's staff; rosters for staff.",
  },
  {
    name: 'progress',
    description:
      "A student's progress through an enrolment: completed lessons, video watching, and video statistics for staff.",
  },
  { name: 'bookmarks', description: "A student's bookmarks in lessons; private to that student." },
  { name: 'notes', description: "A student's notes on lessons; private to that student." },
  {
    name: 'quizzes',
    description:
      "Quizzes and their questions. The course's staff manage them; enrolled students read published ones, never with the correct answers.",
  },
  {
    name: 'attempts',
    description:
      'Taking a quiz: start an attempt, save answers, submit (graded at once; essays wait for a grader), and grading by staff.',
  },
  { name: 'assignments', description: "Assignments, students' submissions and their grading." },
  {
    name: 'certificates',
    description: 'Certificates of completed courses: issue, list, download the PDF, verify publicly, revoke.',
  },
  {
    name: 'files',
    description: 'Files a user uploads (for example, to attach to an assignment); private to the uploader.',
  },
  {
    name: 'media',
    description:
      'Videos and other media of lessons, and avatars: upload straight to storage (presigned or resumable), then the media worker checks and processes them.',
  },
  { name: 'admin', description: 'Administration: user accounts and the development outbox.' },
  {
    name: 'assistant',
    description:
      'The AI course advisor: conversation sessions of the signed-in user, questions answered from the published catalog (whole or streamed as server-sent events).',
  },
  {
    name: 'notifications',
    description:
      'The signed-in user’s in-app notifications (list, unread count, mark read, a live stream), one-click unsubscribe, and for admins: delivery status, templates and the service API keys of 003’s notify endpoints.',
  },
  {
    name: 'analytics',
    description:
      'Learning analytics: your own figures, your courses’ (instructors), one course’s (its staff) and the platform’s (admins).',
  },
  {
    name: 'chat',
    description:
      'Chat rooms: the rooms of your courses, group rooms and direct rooms, their members, message history (cursor paging and search) and shared files. Live messages go over 003’s `/ws` WebSocket.',
  },
];
