// `lectern seed`: the demo data set (seed-data.ts) written through the modules' own use cases, so
// it obeys every rule a client would meet. Idempotent: accounts are found by email, courses by
// slug, enrolments by (student, course); a second run changes nothing and says so.
import type { Lectern } from '../app.ts';
import type { Actor } from '../platform/actor.ts';
import { DomainError } from '../platform/errors.ts';
import type { DemoCourse } from './seed-data.ts';
import {
  DEMO_CATEGORIES,
  DEMO_COURSES,
  DEMO_ENROLMENTS,
  DEMO_PASSWORD,
  DEMO_SECTIONS,
  DEMO_USERS,
} from './seed-data.ts';

export interface SeedReport {
  created: { users: number; categories: number; courses: number; enrolments: number; certificates: number };
  credentials: { email: string; role: string; password: string }[];
}

/** `print` receives one line per step (progress output); the report sums what was created. */
export async function seed(lectern: Lectern, print: (line: string) => void): Promise<SeedReport> {
  const { identity, catalog, learning } = lectern.modules;
  const report: SeedReport = {
    created: { users: 0, categories: 0, courses: 0, enrolments: 0, certificates: 0 },
    credentials: [],
  };

  // The seed acts as the demo users themselves; no session exists behind these actors.
  const actors = new Map<string, Actor>();
  for (const user of DEMO_USERS) {
    const { user: row, outcome } = await identity.operator.provision({
      email: user.email,
      password: DEMO_PASSWORD,
      role: user.role,
      fullName: user.fullName,
    });
    if (outcome === 'created') report.created.users++;
    actors.set(user.key, { id: row.id, role: row.role, sessionId: 'lectern-seed' });
    report.credentials.push({ email: user.email, role: row.role, password: DEMO_PASSWORD });
    print(`user ${user.email} (${row.role}): ${outcome === 'created' ? 'created' : 'exists'}`);
  }
  const admin = actors.get('admin')!;

  const existing = new Set((await catalog.listCategories()).map((c) => c.name));
  for (const name of DEMO_CATEGORIES) {
    if (existing.has(name)) continue;
    await catalog.createCategory(admin, { name, description: `Demo courses about ${name.toLowerCase()}` });
    report.created.categories++;
    print(`category ${name}: created`);
  }

  const courseIds = new Map<string, string>();
  const lessonIds = new Map<string, string[]>();
  for (const [index, course] of DEMO_COURSES.entries()) {
    const found = await catalog.getCourse(admin, course.slug).catch(notFoundAsUndefined);
    const detail = found ?? (await createCourse(lectern, actors.get(course.owner)!, course));
    if (!found) report.created.courses++;
    courseIds.set(course.slug, detail.id);
    lessonIds.set(
      course.slug,
      detail.lessons.map((l) => l.id),
    );
    print(`course ${index + 1}/${DEMO_COURSES.length} ${course.title}: ${found ? 'exists' : 'created'}`);
  }

  for (const plan of DEMO_ENROLMENTS) {
    const student = actors.get(plan.student)!;
    const courseId = courseIds.get(plan.course)!;
    let enrollment = await learning.getEnrollment(student.id, courseId);
    if (!enrollment) {
      enrollment = await learning.enroll(student, courseId);
      report.created.enrolments++;
    }
    // A completed enrolment is closed to progress writes; one seeded before needs nothing more.
    if (enrollment.status === 'active')
      for (const lessonId of lessonIds.get(plan.course)!.slice(0, plan.completed))
        await learning.completeLesson(student, { lessonId, enrollmentId: enrollment.id });
    const done = plan.completed >= lessonIds.get(plan.course)!.length;
    if (done && (await learning.generateCertificate(student, enrollment.id)).created) report.created.certificates++;
    print(`enrolment ${plan.student} → ${plan.course}: ${plan.completed} lessons done${done ? ', certificate' : ''}`);
  }
  // Certificates' PDFs and the events of the enrolments are queue jobs: the server or a worker runs them.
  return report;

  async function createCourse(app: Lectern, owner: Actor, course: DemoCourse) {
    const created = await app.modules.catalog.createCourse(owner, {
      title: course.title,
      slug: course.slug,
      description: `${course.title}: a demo course of Lectern's seed data set.`,
      category: course.category,
      level: course.level,
      has_certificate: true,
    });
    let lessonNumber = 0;
    let quizLessonId: string | undefined;
    for (const [position, section] of DEMO_SECTIONS.entries()) {
      const made = await app.modules.catalog.createSection(owner, created.id, {
        title: section.title,
        position: position + 1,
      });
      for (const title of section.lessons) {
        lessonNumber++;
        const isQuiz = course.assessed === true && title === 'A first look';
        const lesson = await app.modules.catalog.createSectionLesson(owner, made.id, {
          title: isQuiz ? 'Check your understanding' : title,
          type: isQuiz ? 'quiz' : 'text',
          content: `Lesson ${lessonNumber} of ${course.title}. ${title}: read, try, and mark it complete.`,
          duration_seconds: 300,
          status: 'published',
          is_free_preview: lessonNumber === 1,
        });
        if (isQuiz) quizLessonId = lesson.id;
      }
    }
    if (course.assessed) await addAssessments(app, owner, created.id, quizLessonId);
    await app.modules.catalog.publishCourse(owner, created.id);
    return app.modules.catalog.getCourse(owner, created.id);
  }

  async function addAssessments(app: Lectern, owner: Actor, courseId: string, lessonId: string | undefined) {
    const quiz = await app.modules.assessment.createQuiz(owner, {
      course_id: courseId,
      lesson_id: lessonId ?? null,
      title: 'TypeScript basics quiz',
      passing_score_percentage: 60,
      max_attempts: 3,
      is_published: true,
    });
    await app.modules.assessment.addQuestion(owner, quiz.id, {
      question_text: 'Which keyword declares a constant binding?',
      question_type: 'multiple_choice',
      options: ['var', 'let', 'const'],
      correct_answer: 'const',
      points: 1,
    });
    await app.modules.assessment.addQuestion(owner, quiz.id, {
      question_text: 'TypeScript types exist at run time.',
      question_type: 'true_false',
      correct_answer: false,
      points: 1,
    });
    await app.modules.assessment.createAssignment(owner, courseId, {
      title: 'Write a typed function',
      description: 'Write a function that sums an array of numbers, with its types, and hand in the code.',
      max_score: 100,
    });
  }
}

function notFoundAsUndefined(error: unknown): undefined {
  if (error instanceof DomainError && error.kind === 'not_found') return undefined;
  throw error;
}
