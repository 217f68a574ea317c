// Instructor views of a quiz: totals over attempts and per-question statistics.
import type { Actor } from '../../platform/actor.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import type { QuizStatistics } from './assessment.types.ts';
import { quizRepo } from './quiz.repo.ts';
import type { QuizService } from './quiz.service.ts';
import { statisticsRepo } from './statistics.repo.ts';

const orNull = (value: string | null) => (value === null ? null : Number(value));

export function createStatisticsService({
  database,
  quizzes,
}: {
  database: DatabaseHandle;
  quizzes: Pick<QuizService, 'quizForStaff'>;
}) {
  const db = database.db;
  return {
    async forQuiz(actor: Actor, quizId: string): Promise<QuizStatistics> {
      await quizzes.quizForStaff(actor, quizId);
      const [totals, perQuestion, options, questions] = await Promise.all([
        statisticsRepo.quizTotals(db, quizId),
        statisticsRepo.perQuestion(db, quizId),
        statisticsRepo.optionCounts(db, quizId),
        quizRepo.listQuestions(db, quizId),
      ]);
      const statsOf = new Map(perQuestion.map((row) => [row.question_id, row]));
      return {
        quiz_id: quizId,
        attempts_count: totals.attempts,
        completed_count: totals.graded,
        in_progress_count: totals.in_progress,
        pending_review_count: totals.pending_review,
        average_score: orNull(totals.average_score),
        pass_rate: orNull(totals.pass_rate),
        questions: questions.map((q) => {
          const row = statsOf.get(q.id);
          const answered = row?.answered ?? 0;
          const graded = answered - (row?.pending ?? 0);
          let optionCounts: number[] = [];
          if (q.question_type === 'multiple_choice') {
            optionCounts = q.options.map(
              (_, index) => options.find((o) => o.question_id === q.id && o.option === index)?.chosen ?? 0,
            );
          } else if (q.question_type === 'true_false') {
            optionCounts = [row?.answered_true ?? 0, row?.answered_false ?? 0];
          }
          return {
            question_id: q.id,
            question_text: q.question_text,
            question_type: q.question_type,
            order: q.order,
            points: q.points,
            answered_count: answered,
            correct_count: row?.correct ?? 0,
            correct_rate: graded > 0 ? Math.round(((row?.correct ?? 0) / graded) * 10_000) / 100 : null,
            average_points: row ? orNull(row.average_points) : null,
            pending_review_count: row?.pending ?? 0,
            option_counts: optionCounts,
          };
        }),
      };
    },
  };
}
