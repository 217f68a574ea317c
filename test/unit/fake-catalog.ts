// A catalog port for policy unit tests: staff per course, admins staff of every existing course
// (as the catalog module answers), readable lessons by id. Records the calls it gets.
import type { Actor } from '../../src/platform/actor.ts';

export function fakeCatalog(options: { staff?: Record<string, string[]>; readableLessons?: string[] } = {}) {
  const calls: string[] = [];
  return {
    calls,
    async isCourseStaff(actor: Actor, courseId: string): Promise<boolean> {
      calls.push(`isCourseStaff ${actor.id} ${courseId}`);
      const staff = options.staff?.[courseId];
      return staff !== undefined && (actor.role === 'admin' || staff.includes(actor.id));
    },
    async listTaughtCourseIds(userId: string): Promise<string[]> {
      calls.push(`listTaughtCourseIds ${userId}`);
      return Object.entries(options.staff ?? {})
        .filter(([, staff]) => staff.includes(userId))
        .map(([courseId]) => courseId);
    },
    async canReadLesson(_actor: Actor | null, lessonId: string): Promise<boolean> {
      calls.push(`canReadLesson ${lessonId}`);
      return options.readableLessons?.includes(lessonId) ?? false;
    },
  };
}
