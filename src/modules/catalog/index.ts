// The catalog module's public API: categories, tags, courses, instructors, sections, lessons and
// lesson resources, for every surface and for the modules that build on courses.
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DatabaseHandle, Executor, Tx } from '../../platform/db/index.ts';
import type { EventPublisher } from '../../platform/events/index.ts';
import type { CatalogPorts } from './catalog.ports.ts';
import type { CourseFacts, CourseSummary, LessonSummary } from './catalog.types.ts';
import { lessonCourseSql, lessonRepo, publishedLessonsSql } from './content.repo.ts';
import { createContentService } from './content.service.ts';
import { courseRepo } from './course.repo.ts';
import { createCourseService } from './course.service.ts';
import { createCourseAccess } from './course-access.ts';
import { courseFactsRepo } from './course-facts.repo.ts';
import { createInstructorService } from './instructor.service.ts';
import { createMaterialService } from './material.service.ts';
import { createResourceService } from './resource.service.ts';
import { createTaxonomyService } from './taxonomy.service.ts';

export type * from './catalog.events.ts';
export type { CatalogPorts } from './catalog.ports.ts';
export type * from './catalog.types.ts';
export { COURSE_LEVELS, COURSE_STATUSES, LESSON_TYPES } from './catalog.types.ts';
export type { CourseInstructor } from './instructor.service.ts';
export type { Material } from './material.service.ts';
export type { ResourceInput } from './resource.service.ts';
export type { CategoryInput } from './taxonomy.service.ts';

export interface CatalogDeps extends CatalogPorts {
  database: DatabaseHandle;
  clock: Clock;
  events: EventPublisher;
}

export function createCatalogModule({ database, clock, events, identity, learning, files }: CatalogDeps) {
  const { db } = database;
  const access = createCourseAccess(learning);
  const courses = createCourseService({ database, clock, events, access, identity });
  const content = createContentService({ database, clock, access, courses });
  const instructors = createInstructorService({ database, courses, identity });
  const taxonomy = createTaxonomyService({ database, clock, access, courses });
  const materials = createMaterialService({ content, files });
  const resources = createResourceService({ database, clock, access, files, readLesson: content.getLesson });

  return {
    // Courses
    listCourses: courses.list,
    getCourse: courses.get,
    createCourse: courses.create,
    updateCourse: courses.update,
    /** Admins hand a course over to another instructor (one transaction; see CourseInput.owner_id). */
    changeCourseOwner: (actor: Actor, courseId: string, ownerId: string) =>
      courses.update(actor, courseId, { owner_id: ownerId }),
    changeCourseStatus: courses.changeStatus,
    publishCourse: (actor: Actor, courseId: string) => courses.changeStatus(actor, courseId, 'published'),
    deleteCourse: courses.remove,
    addCourseInstructor: courses.addInstructor,
    removeCourseInstructor: courses.removeInstructor,
    listCourseInstructors: instructors.listCourseInstructors,
    listInstructors: instructors.listInstructors,
    getInstructor: instructors.getInstructor,

    // Sections and lessons
    listSections: content.listSections,
    getSection: content.getSection,
    createSection: content.createSection,
    updateSection: content.updateSection,
    deleteSection: content.deleteSection,
    reorderSections: content.reorderSections,
    listLessons: content.listLessons,
    /** 000's modules: a page of courses with their lessons, in a fixed number of queries. */
    listCoursesWithLessons: content.listCoursesWithLessons,
    /** 000's lessons without a course: every lesson the caller may list, paged in SQL. */
    listVisibleLessons: content.listVisibleLessons,
    listSectionLessons: content.listSectionLessons,
    getLesson: content.getLesson,
    createLesson: content.createLesson,
    createSectionLesson: content.createSectionLesson,
    updateLesson: content.updateLesson,
    deleteLesson: content.deleteLesson,
    reorderLessons: content.reorderLessons,

    // Materials (003): lessons with their media assets
    listSectionMaterials: materials.listForSection,
    getMaterial: materials.get,
    createMaterial: materials.create,
    updateMaterial: materials.update,
    moveLesson: content.moveLesson,

    // Categories and tags
    listCategories: taxonomy.listCategories,
    getCategory: taxonomy.getCategory,
    getCategoryWithCourses: taxonomy.getCategoryWithCourses,
    createCategory: taxonomy.createCategory,
    updateCategory: taxonomy.updateCategory,
    deleteCategory: taxonomy.deleteCategory,
    listTags: taxonomy.listTags,
    createTag: taxonomy.createTag,
    deleteTag: taxonomy.deleteTag,
    listCourseTags: taxonomy.listCourseTags,
    attachTag: taxonomy.attachTag,
    detachTag: taxonomy.detachTag,

    // Lesson resources
    listLessonResources: resources.list,
    addLessonResource: resources.create,
    deleteLessonResource: resources.remove,

    // For other modules
    /** Staff, or a published lesson that is a free preview or whose course the actor is enrolled in. */
    canReadLesson: content.canReadLesson,
    getCourseSummary(courseId: string, executor: Executor = db): Promise<CourseSummary | undefined> {
      return courseRepo.findSummary(executor, courseId);
    },
    /** Published courses with weekly session slots (notifications' lesson reminders). */
    listScheduledCourses(executor: Executor = db) {
      return courseRepo.listScheduled(executor);
    },
    /** Admin, owner or co-instructor (false for a missing course). */
    isCourseStaff(actor: Actor, courseId: string, executor: Executor = db): Promise<boolean> {
      return access.isStaff(executor, actor, courseId);
    },
    /** The courses the user owns or co-teaches (any status): a teacher's scope. */
    listTaughtCourseIds(userId: string, executor: Executor = db): Promise<string[]> {
      return courseRepo.taughtCourseIds(executor, userId);
    },
    /** The published lessons in course order. */
    listLessonIds(courseId: string, executor: Executor = db): Promise<{ id: string; is_required: boolean }[]> {
      return lessonRepo.listIds(executor, courseId);
    },
    /** listLessonIds as a subquery for another module's statement (lesson completion's). */
    publishedLessonsSql,
    /** A lesson's course (null when missing) as a scalar subquery for another module's statement. */
    lessonCourseSql,
    getLessonSummary(lessonId: string, executor: Executor = db): Promise<LessonSummary | undefined> {
      return lessonRepo.findSummary(executor, lessonId);
    },
    /** Takes a seat inside the caller's transaction; false when the course is full. */
    reserveSeat(tx: Tx, courseId: string): Promise<boolean> {
      return courseRepo.reserveSeat(tx, courseId);
    },
    releaseSeat(tx: Tx, courseId: string): Promise<void> {
      return courseRepo.releaseSeat(tx, courseId);
    },
    /** Status, category, currency and video count of every course, or of those `staffId` teaches. */
    listCourseFacts(staffId: string | null, executor: Executor = db): Promise<CourseFacts[]> {
      return courseFactsRepo.list(executor, staffId);
    },
  };
}

export type CatalogModule = ReturnType<typeof createCatalogModule>;
