// The catalog's tables (0010_catalog_core.ts, 0011_catalog_content.ts) as Kysely sees them.
import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type CourseStatus = 'draft' | 'review' | 'published' | 'archived';
export type CourseLevel = 'beginner' | 'intermediate' | 'advanced' | 'expert';
export type LessonType = 'video' | 'pdf' | 'text' | 'quiz' | 'document';
export type LessonStatus = 'draft' | 'published';
export type ResourceKind = 'file' | 'link';

export interface CategoriesTable {
  id: Generated<string>;
  parent_id: string | null;
  name: string;
  slug: string;
  description: Generated<string>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface TagsTable {
  id: Generated<string>;
  name: string;
  created_at: Generated<Date>;
}

export interface CoursesTable {
  id: Generated<string>;
  owner_id: string;
  category_id: string | null;
  title: string;
  slug: string;
  code: string | null;
  description: Generated<string>;
  level: ColumnType<CourseLevel, CourseLevel | undefined, CourseLevel>;
  status: ColumnType<CourseStatus, CourseStatus | undefined, CourseStatus>;
  /** numeric(12,2): a decimal string, never a float. */
  price: ColumnType<string, string | undefined, string>;
  currency: Generated<string>;
  thumbnail_url: string | null;
  estimated_duration_minutes: number | null;
  session_duration_minutes: number | null;
  max_students: number | null;
  enrolled_count: Generated<number>;
  schedule: ColumnType<string[], string | undefined, string>;
  has_certificate: Generated<boolean>;
  published_at: NullableTimestamp;
  /** Maintained by the courses/lessons triggers of 0011; never written by the module. */
  search_vector: ColumnType<unknown, never, never>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface CourseInstructorsTable {
  course_id: string;
  user_id: string;
  created_at: Generated<Date>;
}

export interface CourseTagsTable {
  course_id: string;
  tag_id: string;
}

export interface SectionsTable {
  id: Generated<string>;
  course_id: string;
  title: string;
  description: Generated<string>;
  position: number;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface LessonsTable {
  id: Generated<string>;
  course_id: string;
  section_id: string;
  title: string;
  description: Generated<string>;
  type: ColumnType<LessonType, LessonType | undefined, LessonType>;
  content: Generated<string>;
  video_url: string | null;
  video_provider: string | null;
  vimeo_id: string | null;
  duration_seconds: Generated<number>;
  status: ColumnType<LessonStatus, LessonStatus | undefined, LessonStatus>;
  is_free_preview: Generated<boolean>;
  is_required: Generated<boolean>;
  position: number;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface LessonResourcesTable {
  id: Generated<string>;
  lesson_id: string;
  kind: ResourceKind;
  title: string;
  url: string | null;
  file_id: string | null;
  content_type: string | null;
  size_bytes: number | null;
  position: number;
  created_at: Generated<Date>;
}

export type CourseRow = Selectable<CoursesTable>;
export type SectionRow = Selectable<SectionsTable>;
export type LessonRow = Selectable<LessonsTable>;
export type CategoryRow = Selectable<CategoriesTable>;
export type LessonResourceRow = Selectable<LessonResourcesTable>;

declare module '../../platform/db/database.ts' {
  interface Database {
    categories: CategoriesTable;
    tags: TagsTable;
    courses: CoursesTable;
    course_instructors: CourseInstructorsTable;
    course_tags: CourseTagsTable;
    sections: SectionsTable;
    lessons: LessonsTable;
    lesson_resources: LessonResourcesTable;
  }
}
