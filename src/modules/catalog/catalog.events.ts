// Events the catalog publishes, inside the transaction of the change they report.
import type { CourseStatus } from './catalog.tables.ts';

declare module '../../platform/events/index.ts' {
  interface EventMap {
    /** A co-instructor was added to or removed from the course (its staff changed). */
    'catalog.course.staff_changed': CourseStaffChanged;
    'catalog.course.created': CourseChanged;
    /** The course's own fields or its status changed (not its lessons, tags or co-instructors). */
    'catalog.course.updated': CourseChanged;
    'catalog.course.deleted': CourseDeleted;
    /** An admin handed the course over; `catalog.course.updated` follows in the same transaction. */
    'catalog.course.owner_changed': CourseOwnerChanged;
  }
}

/** The course as it is after the change. */
export interface CourseChanged {
  course_id: string;
  owner_id: string;
  title: string;
  description: string;
  status: CourseStatus;
}

export interface CourseStaffChanged {
  course_id: string;
  user_id: string;
  change: 'added' | 'removed';
}

export interface CourseDeleted {
  course_id: string;
  owner_id: string;
  title: string;
}

export interface CourseOwnerChanged {
  course_id: string;
  previous_owner_id: string;
  owner_id: string;
  changed_by: string;
}
