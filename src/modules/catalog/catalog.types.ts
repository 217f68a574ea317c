// The catalog's domain inputs and outputs, shared by every surface.
import type { CourseLevel, CourseStatus, LessonStatus, LessonType, ResourceKind } from './catalog.tables.ts';

export type { CourseLevel, CourseStatus, LessonStatus, LessonType, ResourceKind } from './catalog.tables.ts';
export const COURSE_LEVELS: readonly CourseLevel[] = ['beginner', 'intermediate', 'advanced', 'expert'];
export const COURSE_STATUSES: readonly CourseStatus[] = ['draft', 'review', 'published', 'archived'];
export const LESSON_TYPES: readonly LessonType[] = ['video', 'pdf', 'text', 'quiz', 'document'];

/** What other modules read about a course (learning, assessment, analytics). */
export interface CourseSummary {
  id: string;
  title: string;
  slug: string;
  status: CourseStatus;
  owner_id: string;
  instructor_ids: string[];
  max_students: number | null;
  enrolled_count: number;
  price: string;
  currency: string;
  has_certificate: boolean;
  category_id: string | null;
}

/** What statistics need to know about a course. */
export interface CourseFacts {
  id: string;
  title: string;
  status: CourseStatus;
  currency: string;
  /** The category's slug; null when uncategorised. */
  category: string | null;
  /** Video lessons, whatever their status. */
  videos: number;
}

export interface LessonSummary {
  id: string;
  course_id: string;
  section_id: string;
  title: string;
  type: string;
  duration_seconds: number;
  is_free_preview: boolean;
  status: string;
}

/** A course as every surface may show it. `instructor_ids` are the co-instructors. */
export interface Course {
  id: string;
  owner_id: string;
  owner_name: string;
  category_id: string | null;
  category_name: string | null;
  title: string;
  slug: string;
  code: string | null;
  description: string;
  level: CourseLevel;
  status: CourseStatus;
  price: string;
  currency: string;
  thumbnail_url: string | null;
  estimated_duration_minutes: number | null;
  session_duration_minutes: number | null;
  max_students: number | null;
  enrolled_count: number;
  schedule: string[];
  has_certificate: boolean;
  published_at: Date | null;
  created_at: Date;
  updated_at: Date;
  instructor_ids: string[];
  tags: string[];
}

/** A lesson; `content`, `video_url` and `vimeo_id` are null when the caller may only see the outline. */
export interface Lesson {
  id: string;
  course_id: string;
  section_id: string;
  title: string;
  description: string;
  type: LessonType;
  content: string | null;
  video_url: string | null;
  video_provider: string | null;
  vimeo_id: string | null;
  duration_seconds: number;
  status: LessonStatus;
  is_free_preview: boolean;
  is_required: boolean;
  position: number;
  /** 1-based place in the whole course (sections in order, then lessons). */
  order: number;
  /** Whether the caller may read the content (staff, enrolled, or free preview). */
  accessible: boolean;
  created_at: Date;
  updated_at: Date;
}

export interface Section {
  id: string;
  course_id: string;
  title: string;
  description: string;
  position: number;
  lesson_count: number;
  created_at: Date;
  updated_at: Date;
}

export interface CourseDetail extends Course {
  sections: Section[];
  lessons: Lesson[];
}

export type CourseSort = 'newest' | 'oldest' | 'title' | 'price' | 'price_desc' | 'relevance';

export interface CourseListQuery {
  /** A category id, slug or name; its sub-categories are included. */
  category?: string;
  level?: CourseLevel;
  instructorId?: string;
  status?: CourseStatus;
  mine?: boolean;
  tag?: string;
  search?: string;
  sort?: CourseSort;
  /** A `nextCursor` of an earlier page: the page starts after it (keyset paging; `offset` is ignored). */
  cursor?: string;
}

/** A page of the listing, and the cursor to the next one (null when none follows). */
export interface CoursePage {
  items: Course[];
  total: number;
  nextCursor: string | null;
}

export interface CourseInput {
  title?: string;
  slug?: string;
  code?: string | null;
  description?: string;
  category?: string | null;
  level?: CourseLevel;
  status?: CourseStatus;
  price?: string | number;
  currency?: string;
  thumbnail_url?: string | null;
  estimated_duration_minutes?: number | null;
  session_duration_minutes?: number | null;
  max_students?: number | null;
  schedule?: string[];
  has_certificate?: boolean;
  tags?: string[];
  /**
   * Admins only, on update: hands the course over to another instructor. The previous owner
   * leaves the course's staff (an admin may add them back as a co-instructor).
   */
  owner_id?: string;
}

export interface CreateCourseInput extends CourseInput {
  title: string;
  /** Admins may create a course on behalf of an instructor (000's `instructor_id`). */
  owner_id?: string | undefined;
}

export interface LessonInput {
  title?: string;
  description?: string;
  type?: LessonType;
  content?: string;
  video_url?: string | null;
  video_provider?: string | null;
  vimeo_id?: string | null;
  duration_seconds?: number;
  status?: LessonStatus;
  is_free_preview?: boolean;
  is_required?: boolean;
}

export interface CreateLessonInput extends LessonInput {
  title: string;
  /** Defaults to the course's first section, created on demand. */
  section_id?: string;
  /** 1-based place in the section; appended when omitted. */
  position?: number;
}

export interface Category {
  id: string;
  parent_id: string | null;
  name: string;
  slug: string;
  description: string;
  /** Published courses directly in this category. */
  course_count: number;
  /** Published courses in this category and its descendants. */
  total_course_count: number;
  depth: number;
  created_at: Date;
  updated_at: Date;
}

export interface Tag {
  id: string;
  name: string;
  usage_count: number;
  created_at: Date;
}

export interface LessonResource {
  id: string;
  lesson_id: string;
  kind: ResourceKind;
  title: string;
  url: string | null;
  file_id: string | null;
  content_type: string | null;
  size_bytes: number | null;
  position: number;
  created_at: Date;
}

export interface InstructorProfile {
  id: string;
  full_name: string;
  first_name: string;
  last_name: string;
  course_count: number;
  student_count: number;
  courses: Course[];
}

/** A course of a listing with its lessons (000's modules). */
export interface CourseWithLessons extends Course {
  lessons: Lesson[];
}
