// The demo data set of `lectern seed`: who signs in, which courses exist, who is enrolled where.
// Plain data, so the seed command stays a short loop and a reader sees the whole set at once.
import type { Role } from '../modules/identity/index.ts';

/** Every demo account shares this password (printed at the end of the seed; change it or don't seed production). */
export const DEMO_PASSWORD = 'Lectern-Demo-2026';

export interface DemoUser {
  key: string;
  email: string;
  fullName: string;
  role: Role;
}

export const DEMO_USERS: DemoUser[] = [
  { key: 'admin', email: 'admin@demo.lectern.test', fullName: 'Ada Admin', role: 'admin' },
  { key: 'grace', email: 'grace@demo.lectern.test', fullName: 'Grace Hopper', role: 'instructor' },
  { key: 'alan', email: 'alan@demo.lectern.test', fullName: 'Alan Turing', role: 'instructor' },
  { key: 'li', email: 'li.lei@demo.lectern.test', fullName: '李雷', role: 'student' },
  { key: 'lukasz', email: 'lukasz@demo.lectern.test', fullName: 'Łukasz Żółć', role: 'student' },
  { key: 'dmitry', email: 'dmitry@demo.lectern.test', fullName: 'Дмитрий Иванов', role: 'student' },
  { key: 'amara', email: 'amara@demo.lectern.test', fullName: 'Amara Okafor', role: 'student' },
  { key: 'sofia', email: 'sofia@demo.lectern.test', fullName: 'Sofía García', role: 'student' },
];

export interface DemoCourse {
  slug: string;
  title: string;
  category: string;
  level: 'beginner' | 'intermediate' | 'advanced';
  owner: 'grace' | 'alan';
  /** One course of the set carries the quiz and the assignment. */
  assessed?: boolean;
}

export const DEMO_CATEGORIES = ['Programming', 'Data', 'Languages', 'Design'];

export const DEMO_COURSES: DemoCourse[] = [
  {
    slug: 'typescript-from-scratch',
    title: 'TypeScript from Scratch',
    category: 'Programming',
    level: 'beginner',
    owner: 'grace',
    assessed: true,
  },
  {
    slug: 'node-backends',
    title: 'Backends with Node.js',
    category: 'Programming',
    level: 'intermediate',
    owner: 'grace',
  },
  { slug: 'sql-for-everyone', title: 'SQL for Everyone', category: 'Data', level: 'beginner', owner: 'alan' },
  { slug: 'postgresql-in-depth', title: 'PostgreSQL in Depth', category: 'Data', level: 'advanced', owner: 'alan' },
  { slug: 'statistics-basics', title: 'Statistics Basics', category: 'Data', level: 'beginner', owner: 'alan' },
  {
    slug: 'russkiy-dlya-nachinayushchikh',
    title: 'Русский для начинающих',
    category: 'Languages',
    level: 'beginner',
    owner: 'grace',
  },
  { slug: 'zhongwen-rumen', title: '中文入门', category: 'Languages', level: 'beginner', owner: 'alan' },
  { slug: 'polski-od-podstaw', title: 'Polski od podstaw', category: 'Languages', level: 'beginner', owner: 'grace' },
  {
    slug: 'typography-essentials',
    title: 'Typography Essentials',
    category: 'Design',
    level: 'beginner',
    owner: 'grace',
  },
  { slug: 'ux-research', title: 'UX Research Methods', category: 'Design', level: 'intermediate', owner: 'alan' },
  {
    slug: 'algorithms',
    title: 'Algorithms and Data Structures',
    category: 'Programming',
    level: 'advanced',
    owner: 'alan',
  },
  {
    slug: 'testing-in-practice',
    title: 'Testing in Practice',
    category: 'Programming',
    level: 'intermediate',
    owner: 'grace',
  },
];

/** Sections of every demo course, each with its lessons (titles only; the text is generated). */
export const DEMO_SECTIONS = [
  { title: 'Getting started', lessons: ['Welcome', 'Setting up', 'A first look'] },
  { title: 'Going further', lessons: ['Core ideas', 'Practice', 'Wrap-up'] },
];

/** Who is enrolled where, and how many lessons each has completed (all 6: the course is done). */
export const DEMO_ENROLMENTS: { student: string; course: string; completed: number }[] = [
  { student: 'li', course: 'typescript-from-scratch', completed: 6 },
  { student: 'li', course: 'zhongwen-rumen', completed: 2 },
  { student: 'lukasz', course: 'typescript-from-scratch', completed: 3 },
  { student: 'lukasz', course: 'polski-od-podstaw', completed: 6 },
  { student: 'dmitry', course: 'russkiy-dlya-nachinayushchikh', completed: 6 },
  { student: 'dmitry', course: 'sql-for-everyone', completed: 1 },
  { student: 'amara', course: 'node-backends', completed: 4 },
  { student: 'amara', course: 'typescript-from-scratch', completed: 0 },
  { student: 'sofia', course: 'ux-research', completed: 2 },
  { student: 'sofia', course: 'statistics-basics', completed: 5 },
];
