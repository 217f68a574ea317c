// Quiz and question use cases: CRUD by the course's staff, reading by enrolled students
// (never with correct answers), ordering of questions.
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { translateDbErrors } from '../../platform/db/errors.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/index.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import { notEnrolled } from './assessment.errors.ts';
import type { AssessmentPolicy } from './assessment.policy.ts';
import type { AssessmentPorts } from './assessment.ports.ts';
import type {
  PublicQuestion,
  Question,
  QuestionInput,
  QuestionPatch,
  Quiz,
  QuizInput,
  QuizPatch,
  QuizWithQuestions,
} from './assessment.types.ts';
import { normalizeQuestionKey } from './grading.ts';
import { quizRepo } from './quiz.repo.ts';

export interface QuizDeps {
  database: DatabaseHandle;
  clock: Clock;
  policy: AssessmentPolicy;
  catalog: AssessmentPorts['catalog'];
}

export interface QuizListFilter {
  course_id?: string | undefined;
  lesson_id?: string | undefined;
  published_only?: boolean | undefined;
}

/** Strips what a student must not see before the attempt is over. */
export function publicQuestion(question: Question): PublicQuestion {
  const { correct_answer: _correct, explanation: _explanation, ...rest } = question;
  return rest;
}

export function createQuizService({ database, clock, policy, catalog }: QuizDeps) {
  const db = database.db;

  /** `withCount: false` spares the question count where nobody reads it (starting an attempt). */
  async function loadQuiz(id: string, withCount = true): Promise<Quiz> {
    const quiz = await quizRepo.findById(db, id, withCount);
    if (!quiz) throw notFound('Quiz', id);
    return quiz;
  }

  /** The quiz for its staff; anyone else gets 404 for a draft and 403 otherwise. */
  async function quizForStaff(actor: Actor, id: string): Promise<Quiz> {
    const quiz = await loadQuiz(id);
    if (!(await policy.isStaff(actor, quiz.course_id))) {
      if (!quiz.is_published) throw notFound('Quiz', id);
      await policy.assertStaff(actor, quiz.course_id);
    }
    return quiz;
  }

  /** Whether the actor reads the quiz as staff; throws when they may not read it at all. */
  async function readerRole(actor: Actor, quiz: Quiz): Promise<'staff' | 'student'> {
    if (await policy.isStaff(actor, quiz.course_id)) return 'staff';
    if (!quiz.is_published) throw notFound('Quiz', quiz.id);
    if (!(await policy.isEnrolled(actor, quiz.course_id))) throw notEnrolled();
    return 'student';
  }

  async function withQuestions(quiz: Quiz, role: 'staff' | 'student'): Promise<QuizWithQuestions> {
    const questions = await quizRepo.listQuestions(db, quiz.id);
    return { ...quiz, questions: role === 'staff' ? questions : questions.map(publicQuestion) };
  }

  async function lessonOf(lessonId: string, courseId: string | undefined): Promise<string> {
    const lesson = await catalog.getLessonSummary(lessonId);
    if (!lesson) throw invalid(`Lesson ${lessonId} not found`, 'lesson_id');
    if (courseId && lesson.course_id !== courseId) throw invalid('The lesson belongs to another course', 'lesson_id');
    return lesson.course_id;
  }

  async function touch(quizId: string, work: (tx: Tx) => Promise<void>) {
    await database.transaction(async (tx) => {
      const locked = await quizRepo.lockById(tx, quizId);
      if (!locked) throw notFound('Quiz', quizId);
      await work(tx);
      await quizRepo.bumpVersion(tx, quizId, clock.now());
    });
  }

  function validateSettings(input: QuizPatch): void {
    if (input.title !== undefined && input.title.trim() === '') throw invalid('Title must not be empty', 'title');
  }

  return {
    loadQuiz,
    quizForStaff,
    readerRole,

    async create(actor: Actor, input: QuizInput): Promise<QuizWithQuestions> {
      validateSettings(input);
      let courseId = input.course_id;
      if (input.lesson_id) courseId = await lessonOf(input.lesson_id, courseId);
      if (!courseId) throw invalid('Give the course (or lesson) of the quiz', 'course_id');
      await policy.courseForStaff(actor, courseId);
      const quiz = await translateDbErrors(() =>
        quizRepo.insert(
          db,
          {
            course_id: courseId,
            lesson_id: input.lesson_id ?? null,
            title: input.title.trim(),
            description: input.description ?? '',
            time_limit_minutes: input.time_limit_minutes ?? null,
            ...(input.passing_score_percentage !== undefined
              ? { passing_score_percentage: input.passing_score_percentage }
              : {}),
            shuffle_questions: input.shuffle_questions ?? false,
            max_attempts: input.max_attempts ?? null,
            is_published: input.is_published ?? false,
            created_by: actor.id,
          },
          clock.now(),
        ),
      );
      return { ...quiz, questions: [] };
    },

    async get(actor: Actor, id: string): Promise<QuizWithQuestions> {
      const quiz = await loadQuiz(id);
      return withQuestions(quiz, await readerRole(actor, quiz));
    },

    /** 000's and 002's quiz of a lesson (the first published one; staff also see drafts). */
    async getForLesson(actor: Actor, lessonId: string): Promise<QuizWithQuestions> {
      const quiz = await quizRepo.findByLesson(db, lessonId);
      if (!quiz) throw notFound('Quiz for lesson', lessonId);
      return withQuestions(quiz, await readerRole(actor, quiz));
    },

    async list(actor: Actor, filter: QuizListFilter, page: PageRequest): Promise<Paged<Quiz>> {
      let staffCourseIds: string[] = [];
      if (filter.course_id && (await policy.isStaff(actor, filter.course_id))) staffCourseIds = [filter.course_id];
      return quizRepo.list(
        db,
        {
          courseId: filter.course_id,
          lessonId: filter.lesson_id,
          publishedOnly: filter.published_only ?? false,
          ...(policy.seesAllQuizzes(actor) ? {} : { visibleTo: { userId: actor.id, staffCourseIds } }),
        },
        page,
      );
    },

    async update(actor: Actor, id: string, patch: QuizPatch): Promise<QuizWithQuestions> {
      validateSettings(patch);
      const quiz = await quizForStaff(actor, id);
      if (patch.lesson_id) await lessonOf(patch.lesson_id, quiz.course_id);
      const values = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      if (typeof values['title'] === 'string') values['title'] = values['title'].trim();
      await translateDbErrors(() => quizRepo.update(db, id, values, clock.now()));
      return withQuestions(await loadQuiz(id), 'staff');
    },

    async remove(actor: Actor, id: string): Promise<void> {
      await quizForStaff(actor, id);
      await quizRepo.remove(db, id);
    },

    async addQuestion(actor: Actor, quizId: string, input: QuestionInput): Promise<Question> {
      await quizForStaff(actor, quizId);
      const key = normalizeQuestionKey(input.question_type, input.options, input.correct_answer);
      let created: Question | undefined;
      await touch(quizId, async (tx) => {
        const existing = await quizRepo.listQuestions(tx, quizId);
        const position =
          input.order === undefined ? existing.length + 1 : Math.min(Math.max(1, input.order), existing.length + 1);
        if (position <= existing.length) await quizRepo.shiftFrom(tx, quizId, position);
        created = await quizRepo.insertQuestion(
          tx,
          {
            quiz_id: quizId,
            type: input.question_type,
            text: input.question_text,
            options: key.options,
            correct_answer: key.correct_answer,
            explanation: input.explanation ?? null,
            points: input.points ?? 1,
            position,
          },
          clock.now(),
        );
      });
      return created!;
    },

    async updateQuestion(actor: Actor, questionId: string, patch: QuestionPatch): Promise<Question> {
      const current = await quizRepo.findQuestion(db, questionId);
      if (!current) throw notFound('Question', questionId);
      await quizForStaff(actor, current.quiz_id);
      const type = patch.question_type ?? current.question_type;
      // A type change needs a fresh key; otherwise the stored one carries over.
      const options = patch.options ?? (type === current.question_type ? current.options : undefined);
      let correct = patch.correct_answer;
      if (correct === undefined && type === current.question_type && current.correct_answer !== null)
        correct = current.correct_answer;
      const key = normalizeQuestionKey(type, options, correct);
      let updated: Question | undefined;
      await touch(current.quiz_id, async (tx) => {
        updated = await quizRepo.updateQuestion(
          tx,
          questionId,
          {
            type,
            text: patch.question_text ?? current.question_text,
            options: key.options,
            correct_answer: key.correct_answer,
            explanation: patch.explanation !== undefined ? patch.explanation : current.explanation,
            points: patch.points ?? current.points,
          },
          clock.now(),
        );
        if (patch.order !== undefined && patch.order !== current.order) {
          const ids = (await quizRepo.listQuestions(tx, current.quiz_id))
            .map((q) => q.id)
            .filter((id) => id !== questionId);
          ids.splice(Math.min(Math.max(0, patch.order - 1), ids.length), 0, questionId);
          await quizRepo.setPositions(tx, current.quiz_id, ids, clock.now());
          updated = { ...updated, order: ids.indexOf(questionId) + 1 };
        }
      });
      return updated!;
    },

    async removeQuestion(actor: Actor, questionId: string): Promise<void> {
      const current = await quizRepo.findQuestion(db, questionId);
      if (!current) throw notFound('Question', questionId);
      await quizForStaff(actor, current.quiz_id);
      await touch(current.quiz_id, async (tx) => {
        await quizRepo.removeQuestion(tx, questionId);
        const ids = (await quizRepo.listQuestions(tx, current.quiz_id)).map((q) => q.id);
        await quizRepo.setPositions(tx, current.quiz_id, ids, clock.now());
      });
    },

    async reorderQuestions(actor: Actor, quizId: string, questionIds: string[]): Promise<Question[]> {
      await quizForStaff(actor, quizId);
      let result: Question[] = [];
      await touch(quizId, async (tx) => {
        const existing = (await quizRepo.listQuestions(tx, quizId)).map((q) => q.id);
        const given = new Set(questionIds);
        if (
          given.size !== questionIds.length ||
          existing.length !== questionIds.length ||
          existing.some((id) => !given.has(id))
        ) {
          throw invalid('question_ids must list every question of the quiz exactly once', 'question_ids');
        }
        await quizRepo.setPositions(tx, quizId, questionIds, clock.now());
        result = await quizRepo.listQuestions(tx, quizId);
      });
      return result;
    },

    async listQuestions(actor: Actor, quizId: string): Promise<PublicQuestion[]> {
      const quiz = await loadQuiz(quizId);
      const role = await readerRole(actor, quiz);
      const questions = await quizRepo.listQuestions(db, quizId);
      return role === 'staff' ? questions : questions.map(publicQuestion);
    },
  };
}

export type QuizService = ReturnType<typeof createQuizService>;
