// 001's analytics: a learner's own figures, a course's for its staff, an instructor's over their
// courses, the platform's for admins. Learner and course figures come from the modules' own
// events (`src = 'server'`), so nobody can inflate them by ingesting events about themself.
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { assertPlatformReader } from './analytics.policy.ts';
import type { CatalogPort, IdentityPort } from './analytics.ports.ts';
import { dayOf } from './dashboard.service.ts';
import { eventRepo } from './event.repo.ts';
import type { CourseTypeRow } from './rollup.repo.ts';
import { rollupRepo } from './rollup.repo.ts';

const DAY_MS = 86_400_000;
const MAX_COURSES = 1000;

export interface LearnerAnalytics {
  courses_enrolled: number;
  courses_completed: number;
  total_lessons_completed: number;
  quizzes_taken: number;
  /** Percent, over the latest grading of each attempt; null before any graded attempt. */
  average_quiz_score: number | null;
  learning_time_minutes: number;
}

export interface CourseFigures {
  course_id: string;
  title: string;
  enrollments: number;
  completions: number;
  completion_rate: number;
  lessons_completed: number;
  quiz_attempts: number;
  average_quiz_score: number | null;
  certificates_issued: number;
  watch_time_minutes: number;
}

export interface InstructorAnalytics {
  total_courses: number;
  total_enrollments: number;
  total_completions: number;
  average_quiz_score: number | null;
  courses: CourseFigures[];
}

export interface SystemAnalytics {
  total_users: number;
  active_users_today: number;
  active_users_week: number;
  active_users_month: number;
  total_events: number;
  events_today: number;
  enrollments: number;
  completions: number;
  lessons_completed: number;
  quiz_attempts: number;
  certificates_issued: number;
  watch_time_minutes: number;
  updated_at: Date;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export function createFiguresService(deps: {
  database: DatabaseHandle;
  clock: Clock;
  identity: IdentityPort;
  catalog: CatalogPort;
}) {
  const { database, clock, identity, catalog } = deps;
  const db = database.db;

  function today() {
    const day = dayOf(clock.now());
    const start = new Date(`${day}T00:00:00Z`);
    return { day, start, end: new Date(start.getTime() + DAY_MS) };
  }

  async function courseRows(courseIds: readonly string[]): Promise<CourseTypeRow[]> {
    const { day, start, end } = today();
    return rollupRepo.courseTypes(db, courseIds, day, start, end);
  }

  function figuresOf(course: { id: string; title: string }, rows: readonly CourseTypeRow[]): CourseFigures {
    const of = (type: string) => rows.find((row) => row.course_id === course.id && row.type === type);
    const enrollments = of('course_enrolled')?.events ?? 0;
    const completions = of('course_completed')?.events ?? 0;
    const quizzes = of('quiz_attempt_graded');
    return {
      course_id: course.id,
      title: course.title,
      enrollments,
      completions,
      completion_rate: enrollments > 0 ? round(completions / enrollments, 4) : 0,
      lessons_completed: of('lesson_completed')?.events ?? 0,
      quiz_attempts: quizzes?.events ?? 0,
      average_quiz_score: quizzes && quizzes.scores > 0 ? round(quizzes.score_sum / quizzes.scores) : null,
      certificates_issued: of('certificate_issued')?.events ?? 0,
      watch_time_minutes: Math.floor((of('video_watched')?.watch_seconds ?? 0) / 60),
    };
  }

  return {
    async learner(actor: Actor): Promise<LearnerAnalytics> {
      const figures = await eventRepo.learnerFigures(db, actor.id);
      return {
        courses_enrolled: figures.courses_enrolled,
        courses_completed: figures.courses_completed,
        total_lessons_completed: figures.lessons_completed,
        quizzes_taken: figures.quizzes_taken,
        average_quiz_score: figures.average_score === null ? null : round(Number(figures.average_score)),
        learning_time_minutes: Math.floor(Number(figures.watch_seconds) / 60),
      };
    },

    async course(actor: Actor, courseId: string): Promise<CourseFigures> {
      const course = await catalog.getCourseSummary(courseId);
      if (!course) throw notFound('Course', courseId);
      if (!(await catalog.isCourseStaff(actor, courseId))) {
        throw forbidden('Only the course’s instructors and admins may read its analytics');
      }
      return figuresOf(course, await courseRows([courseId]));
    },

    async instructor(actor: Actor): Promise<InstructorAnalytics> {
      const courses: { id: string; title: string }[] = [];
      for (let offset = 0; offset < MAX_COURSES; offset += 100) {
        const page = await catalog.listCourses(actor, { mine: true }, { limit: 100, offset });
        courses.push(...page.items);
        if (courses.length >= page.total || page.items.length === 0) break;
      }
      const rows = await courseRows(courses.map((course) => course.id));
      const figures = courses.map((course) => figuresOf(course, rows));
      const graded = rows.filter((row) => row.type === 'quiz_attempt_graded');
      const scores = graded.reduce((sum, row) => sum + row.scores, 0);
      return {
        total_courses: courses.length,
        total_enrollments: figures.reduce((sum, f) => sum + f.enrollments, 0),
        total_completions: figures.reduce((sum, f) => sum + f.completions, 0),
        average_quiz_score: scores > 0 ? round(graded.reduce((sum, row) => sum + row.score_sum, 0) / scores) : null,
        courses: figures,
      };
    },

    async system(actor: Actor): Promise<SystemAnalytics> {
      assertPlatformReader(actor);
      const { day, start, end } = today();
      const live = await rollupRepo.live(db, start, end);
      const totals = new Map<string, number>();
      for (const row of await rollupRepo.courseTypeTotals(db, day, start, end)) totals.set(row.type, row.events);
      const count = (type: string) => totals.get(type) ?? 0;
      const eventsToday = live.types.reduce((sum, t) => sum + t.events, 0);
      const watched =
        (await rollupRepo.watchSecondsBefore(db, day)) + live.types.reduce((sum, t) => sum + t.watch_seconds, 0);
      const shift = (days: number) => dayOf(new Date(start.getTime() + days * DAY_MS));
      return {
        total_users: (await identity.listUsers(actor, {}, { limit: 1, offset: 0 })).total,
        active_users_today: live.activeUsers,
        active_users_week: await rollupRepo.activeUsers(db, shift(-6), day, start, end),
        active_users_month: await rollupRepo.activeUsers(db, shift(-29), day, start, end),
        total_events: (await eventRepo.countBefore(db, day)) + eventsToday,
        events_today: eventsToday,
        enrollments: count('course_enrolled'),
        completions: count('course_completed'),
        lessons_completed: count('lesson_completed'),
        quiz_attempts: count('quiz_attempt_graded'),
        certificates_issued: count('certificate_issued'),
        watch_time_minutes: Math.floor(watched / 60),
        updated_at: clock.now(),
      };
    },
  };
}
