// Every SQL statement about quizzes and their questions.
import './assessment.tables.ts';

import { sql } from 'kysely';

import type { Executor } from '../../platform/db/index.ts';
import type { Paged, PageRequest } from '../../platform/paging.ts';
import type { QuestionRow, QuizRow } from './assessment.tables.ts';
import type { Question, Quiz } from './assessment.types.ts';

type QuizValues = {
  lesson_id?: string | null;
  title?: string;
  description?: string;
  time_limit_minutes?: number | null;
  passing_score_percentage?: number;
  shuffle_questions?: boolean;
  max_attempts?: number | null;
  is_published?: boolean;
};

export function toQuiz(row: QuizRow & { question_count?: number | string | null }): Quiz {
  return {
    id: row.id,
    course_id: row.course_id,
    lesson_id: row.lesson_id,
    title: row.title,
    description: row.description,
    time_limit_minutes: row.time_limit_minutes,
    passing_score_percentage: Number(row.passing_score_percentage),
    shuffle_questions: row.shuffle_questions,
    max_attempts: row.max_attempts,
    is_published: row.is_published,
    version: row.version,
    question_count: Number(row.question_count ?? 0),
    created_by: row.created_by,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function toQuestion(row: QuestionRow): Question {
  return {
    id: row.id,
    quiz_id: row.quiz_id,
    question_type: row.type,
    question_text: row.text,
    options: row.options,
    correct_answer: row.correct_answer as Question['correct_answer'],
    explanation: row.explanation,
    points: Number(row.points),
    order: row.position,
  };
}

const questionCount = sql<number>`(select count(*) from quiz_questions qq where qq.quiz_id = quizzes.id)`.as(
  'question_count',
);

export const quizRepo = {
  async insert(
    db: Executor,
    values: QuizValues & { course_id: string; title: string; created_by: string },
    now: Date,
  ): Promise<Quiz> {
    const row = await db
      .insertInto('quizzes')
      .values({ ...values, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toQuiz(row);
  },

  async findById(db: Executor, id: string, withCount = true): Promise<Quiz | undefined> {
    const row = withCount
      ? await db.selectFrom('quizzes').selectAll().select(questionCount).where('id', '=', id).executeTakeFirst()
      : await db.selectFrom('quizzes').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toQuiz(row);
  },

  async lockById(db: Executor, id: string): Promise<Quiz | undefined> {
    const row = await db.selectFrom('quizzes').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    return row && toQuiz(row);
  },

  async list(
    db: Executor,
    filter: {
      courseId?: string | undefined;
      lessonId?: string | undefined;
      publishedOnly: boolean;
      visibleTo?: { userId: string; staffCourseIds: string[] };
    },
    page: PageRequest,
  ): Promise<Paged<Quiz>> {
    let query = db.selectFrom('quizzes');
    if (filter.courseId) query = query.where('course_id', '=', filter.courseId);
    if (filter.lessonId) query = query.where('lesson_id', '=', filter.lessonId);
    if (filter.publishedOnly) query = query.where('is_published', '=', true);
    const visible = filter.visibleTo;
    if (visible) {
      // Unpublished quizzes only for their author and the staff of their course.
      query = query.where((eb) =>
        eb.or([
          eb('is_published', '=', true),
          eb('created_by', '=', visible.userId),
          ...(visible.staffCourseIds.length > 0 ? [eb('course_id', 'in', visible.staffCourseIds)] : []),
        ]),
      );
    }
    const [rows, count] = await Promise.all([
      query
        .selectAll()
        .select(questionCount)
        .orderBy('created_at')
        .orderBy('id')
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toQuiz), total: Number(count.total) };
  },

  async findByLesson(db: Executor, lessonId: string): Promise<Quiz | undefined> {
    const row = await db
      .selectFrom('quizzes')
      .selectAll()
      .select(questionCount)
      .where('lesson_id', '=', lessonId)
      .orderBy('is_published', 'desc')
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst();
    return row && toQuiz(row);
  },

  async update(db: Executor, id: string, values: QuizValues, now: Date): Promise<void> {
    await db
      .updateTable('quizzes')
      .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: now }))
      .where('id', '=', id)
      .execute();
  },

  /** A question changed: later gradings must not use a cached copy. */
  async bumpVersion(db: Executor, id: string, now: Date): Promise<void> {
    await db
      .updateTable('quizzes')
      .set((eb) => ({ version: eb('version', '+', 1), updated_at: now }))
      .where('id', '=', id)
      .execute();
  },

  async remove(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('quizzes').where('id', '=', id).execute();
  },

  async listQuestions(db: Executor, quizId: string): Promise<Question[]> {
    const rows = await db
      .selectFrom('quiz_questions')
      .selectAll()
      .where('quiz_id', '=', quizId)
      .orderBy('position')
      .orderBy('created_at')
      .execute();
    return rows.map(toQuestion);
  },

  async findQuestion(db: Executor, id: string): Promise<Question | undefined> {
    const row = await db.selectFrom('quiz_questions').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toQuestion(row);
  },

  async insertQuestion(
    db: Executor,
    values: {
      quiz_id: string;
      type: Question['question_type'];
      text: string;
      options: string[];
      correct_answer: unknown;
      explanation: string | null;
      points: number;
      position: number;
    },
    now: Date,
  ): Promise<Question> {
    const row = await db
      .insertInto('quiz_questions')
      .values({
        ...values,
        options: JSON.stringify(values.options),
        correct_answer: values.correct_answer === null ? null : JSON.stringify(values.correct_answer),
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toQuestion(row);
  },

  async updateQuestion(
    db: Executor,
    id: string,
    values: {
      type: Question['question_type'];
      text: string;
      options: string[];
      correct_answer: unknown;
      explanation: string | null;
      points: number;
    },
    now: Date,
  ): Promise<Question> {
    const row = await db
      .updateTable('quiz_questions')
      .set({
        ...values,
        options: JSON.stringify(values.options),
        correct_answer: values.correct_answer === null ? null : JSON.stringify(values.correct_answer),
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toQuestion(row);
  },

  async removeQuestion(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('quiz_questions').where('id', '=', id).execute();
  },

  /** Renumbers questions 1..n in the given order. */
  async setPositions(db: Executor, quizId: string, orderedIds: string[], now: Date): Promise<void> {
    if (orderedIds.length === 0) return;
    await sql`
      update quiz_questions q set position = o.position, updated_at = ${now}
      from unnest(${sql.val(orderedIds)}::uuid[]) with ordinality as o(id, position)
      where q.id = o.id and q.quiz_id = ${quizId}`.execute(db);
  },

  /** Opens a gap at `position` (1-based) so a question can be inserted there. */
  async shiftFrom(db: Executor, quizId: string, position: number): Promise<void> {
    await db
      .updateTable('quiz_questions')
      .set((eb) => ({ position: eb('position', '+', 1) }))
      .where('quiz_id', '=', quizId)
      .where('position', '>=', position)
      .execute();
  },
};
