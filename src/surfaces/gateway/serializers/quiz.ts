// Quizzes in 000's words: `question`, `type`, and a multiple-choice answer as one option index.
import type { Attempt, PublicQuestion, QuizWithQuestions } from '../../../modules/assessment/index.ts';

function correctAnswerOf(question: PublicQuestion) {
  const answer = question.correct_answer;
  const [only, ...more] = Array.isArray(answer) ? answer : [];
  if (question.question_type === 'multiple_choice' && typeof only === 'number' && more.length === 0) return only;
  return answer;
}

export function toGatewayQuiz(quiz: QuizWithQuestions, lessonId: string) {
  return {
    id: quiz.id,
    lesson_id: quiz.lesson_id ?? lessonId,
    title: quiz.title,
    time_limit_minutes: quiz.time_limit_minutes,
    passing_score: quiz.passing_score_percentage,
    max_attempts: quiz.max_attempts,
    questions: [...quiz.questions]
      .sort((a, b) => a.order - b.order)
      .map((question) => ({
        id: question.id,
        question: question.question_text,
        type: question.question_type,
        options: question.options,
        points: question.points,
        // Present only when the module gave it (staff): students never receive it.
        ...(question.correct_answer !== undefined ? { correct_answer: correctAnswerOf(question) } : {}),
      })),
  };
}

export function toQuizResult(attempt: Attempt) {
  return {
    score: attempt.score,
    total_questions: attempt.questions.length,
    correct_answers: attempt.answers.filter((answer) => answer.correct === true).length,
    passed: attempt.passed,
    attempt_id: attempt.id,
    attempt_number: attempt.attempt_number,
    status: attempt.status,
  };
}
