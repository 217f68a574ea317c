// What analytics needs from other modules.
import type { Actor } from '../../platform/actor.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';

export interface AnalyticsPorts {
  identity: IdentityPort;
  catalog: CatalogPort;
  serviceKeys: ServiceKeysPort;
}

/** Service API keys (kept by notifications): the live key with a scope, or a 401 error. */
export interface ServiceKeysPort {
  verifyApiKey(key: string, scope: 'analytics'): Promise<{ id: string }>;
}

/** Which courses exist and who teaches them. */
export interface CatalogPort {
  getCourseSummary(courseId: string): Promise<{ id: string; title: string; currency: string } | undefined>;
  /** Admin, owner or co-instructor. */
  isCourseStaff(actor: Actor, courseId: string): Promise<boolean>;
  /** With `mine`, the courses the actor owns or co-teaches. */
  listCourses(actor: Actor, query: { mine: true }, page: PageRequest): Promise<Paged<{ id: string; title: string }>>;
  /** Every course (`staffId` null) or those the user owns or co-teaches. */
  listCourseFacts(staffId: string | null): Promise<CourseFacts[]>;
  getLessonSummary(lessonId: string): Promise<{ id: string; title: string } | undefined>;
}

/** What 000's statistics need to know about a course. */
export interface CourseFacts {
  id: string;
  title: string;
  status: 'draft' | 'review' | 'published' | 'archived';
  currency: string;
  category: string | null;
  videos: number;
}

/** The number of accounts (an admin's user listing, one row asked for, its total read). */
export interface IdentityPort {
  listUsers(actor: Actor, query: { role?: undefined; search?: undefined }, page: PageRequest): Promise<Paged<unknown>>;
}
