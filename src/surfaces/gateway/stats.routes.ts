// 000's admin statistics (`/content/admin/stats*`): a teacher's figures are about the courses
// they teach, an admin's about the whole platform; revenue is for admins only.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

import { actorOf } from '../../http/auth.ts';
import { Described, Nullable } from '../kit/schemas.ts';
import type { SurfaceDeps } from '../surface-deps.ts';

const Money = (description: string) => Type.Number({ description });
const Currency = Nullable(Type.String({ description: 'ISO 4217 code of the totals; null before any payment.' }));

const StatsOut = Type.Object({
  total_courses: Type.Integer(),
  total_students: Type.Integer({ description: 'Distinct students ever enrolled.' }),
  total_videos: Type.Integer({ description: 'Video lessons.' }),
  total_revenue: Money('Recorded payments, in `currency`.'),
  currency: Currency,
  active_students_today: Type.Integer({ description: 'Distinct students with recorded activity today (UTC).' }),
  new_enrollments_this_week: Type.Integer({ description: 'Enrolments over the last 7 days, today included.' }),
});

const CourseStatsOut = Type.Object({
  total_courses: Type.Integer(),
  published_courses: Type.Integer(),
  draft_courses: Type.Integer(),
  courses_by_category: Type.Record(Type.String(), Type.Integer(), {
    description: 'Courses per category slug; `uncategorized` for courses without one.',
  }),
});

const StudentStatsOut = Type.Object({
  total_students: Type.Integer({ description: 'Distinct students ever enrolled.' }),
  active_students: Type.Integer({ description: 'Distinct students with recorded activity over the last 30 days.' }),
  new_students_this_month: Type.Integer({ description: 'Students whose first enrolment falls in this month (UTC).' }),
  completion_rate: Type.Number({ description: 'Percent of enrolments that reached completion.' }),
});

const VideoStatsOut = Type.Object({
  total_videos: Type.Integer(),
  total_watch_time: Type.String({ description: 'Hours watched, e.g. "15240 hours" (one decimal under ten hours).' }),
  most_watched_video: Nullable(
    Type.Object({
      id: Type.String({ description: 'The video lesson.' }),
      title: Type.String(),
      views: Type.Integer({ description: 'Students who watched it.' }),
    }),
  ),
});

const RevenueStatsOut = Type.Object({
  total_revenue: Money('All recorded payments, in `currency`.'),
  monthly_revenue: Money('Payments recorded this month (UTC), in `currency`.'),
  currency: Currency,
  revenue_by_currency: Type.Array(
    Type.Object({ currency: Type.String(), total_revenue: Type.Number(), monthly_revenue: Type.Number() }),
    { description: 'The totals in every currency payments were made in.' },
  ),
  revenue_by_course: Type.Array(
    Type.Object({
      course_id: Type.String(),
      course_name: Type.String(),
      currency: Type.String(),
      revenue: Type.Number(),
      enrollments: Type.Integer({ description: 'Payments recorded.' }),
    }),
  ),
});

/** "15240 hours"; one decimal below ten hours so small figures are not all "0 hours". */
export function hoursOf(seconds: number): string {
  const hours = seconds / 3600;
  return `${hours >= 10 ? Math.floor(hours) : Math.floor(hours * 10) / 10} hours`;
}

export function gatewayStatsRoutes({ modules }: SurfaceDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { analytics } = modules;
    const tags = ['gateway course admin'];
    const staff = { auth: ['instructor', 'admin'] as const };
    const scope =
      " A teacher's figures are about the courses they own or co-teach, an admin's about the whole platform; students get 403.";

    app.get(
      '/content/admin/stats',
      {
        config: staff,
        schema: {
          operationId: 'gatewayGetStats',
          summary: 'Statistics overview',
          description: `Courses, students, videos, revenue and this week's activity.${scope}`,
          tags,
          response: { 200: Described(StatsOut, 'The figures.') },
        },
      },
      async (request) => analytics.getContentStats(actorOf(request)),
    );

    app.get(
      '/content/admin/stats/courses',
      {
        config: staff,
        schema: {
          operationId: 'gatewayGetCourseStats',
          summary: 'Course statistics',
          description: `Courses by status and category.${scope}`,
          tags,
          response: { 200: Described(CourseStatsOut, 'The figures.') },
        },
      },
      async (request) => analytics.getCourseStats(actorOf(request)),
    );

    app.get(
      '/content/admin/stats/students',
      {
        config: staff,
        schema: {
          operationId: 'gatewayGetStudentStats',
          summary: 'Student statistics',
          description: `Enrolled, active and new students, and the completion rate.${scope}`,
          tags,
          response: { 200: Described(StudentStatsOut, 'The figures.') },
        },
      },
      async (request) => analytics.getStudentStats(actorOf(request)),
    );

    app.get(
      '/content/admin/stats/videos',
      {
        config: staff,
        schema: {
          operationId: 'gatewayGetVideoStats',
          summary: 'Video statistics',
          description: `Video lessons, hours watched and the most watched video.${scope}`,
          tags,
          response: { 200: Described(VideoStatsOut, 'The figures.') },
        },
      },
      async (request) => {
        const stats = await analytics.getVideoStats(actorOf(request));
        return {
          total_videos: stats.total_videos,
          total_watch_time: hoursOf(stats.total_watch_seconds),
          most_watched_video: stats.most_watched_video,
        };
      },
    );

    app.get(
      '/content/admin/stats/revenue',
      {
        config: { auth: ['admin'] },
        schema: {
          operationId: 'gatewayGetRevenueStats',
          summary: 'Revenue statistics',
          description:
            "Recorded payments (the learning module's), all time and this month, per course in the course's currency. Admins only.",
          tags,
          response: { 200: Described(RevenueStatsOut, 'The figures.') },
        },
      },
      async (request) => analytics.getRevenueStats(actorOf(request)),
    );
  };
}
