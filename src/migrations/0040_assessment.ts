import type { Kysely } from 'kysely';

import { runStatements } from '../platform/db/migrate.ts';

// Quizzes, questions, attempts with their answers, assignments and submissions.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // `version` moves on every change to the quiz or its questions: attempt grading caches the
    // question set per (quiz, version), so an edit is seen by every process at once.
    `create table quizzes (
      id uuid primary key default gen_random_uuid(),
      course_id uuid not null references courses (id) on delete cascade,
      lesson_id uuid references lessons (id) on delete set null,
      title text not null,
      description text not null default '',
      time_limit_minutes integer check (time_limit_minutes > 0),
      passing_score_percentage numeric(5, 2) not null default 70 check (passing_score_percentage between 0 and 100),
      shuffle_questions boolean not null default false,
      max_attempts integer check (max_attempts > 0),
      is_published boolean not null default false,
      version integer not null default 1,
      created_by uuid references users (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    `create index quizzes_course_idx on quizzes (course_id, created_at)`,
    `create index quizzes_lesson_idx on quizzes (lesson_id) where lesson_id is not null`,
    `create table quiz_questions (
      id uuid primary key default gen_random_uuid(),
      quiz_id uuid not null references quizzes (id) on delete cascade,
      type text not null check (type in ('multiple_choice', 'true_false', 'short_answer', 'essay')),
      text text not null,
      options jsonb not null default '[]',
      correct_answer jsonb,
      explanation text,
      points numeric(8, 2) not null default 1 check (points >= 0),
      position integer not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    `create index quiz_questions_quiz_idx on quiz_questions (quiz_id, position)`,
    `create table quiz_attempts (
      id uuid primary key default gen_random_uuid(),
      quiz_id uuid not null references quizzes (id) on delete cascade,
      user_id uuid not null references users (id) on delete cascade,
      attempt_number integer not null check (attempt_number > 0),
      status text not null default 'in_progress' check (status in ('in_progress', 'pending_review', 'graded')),
      question_order jsonb not null,
      started_at timestamptz not null,
      deadline_at timestamptz,
      ended_at timestamptz,
      closed_by text check (closed_by in ('student', 'deadline')),
      points_earned numeric(10, 2),
      points_possible numeric(10, 2),
      score numeric(5, 2),
      passed boolean,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (quiz_id, user_id, attempt_number)
    )`,
    // At most one open attempt per student and quiz, even under concurrent starts.
    `create unique index quiz_attempts_one_open on quiz_attempts (quiz_id, user_id) where status = 'in_progress'`,
    `create index quiz_attempts_user_idx on quiz_attempts (user_id, quiz_id)`,
    `create index quiz_attempts_deadline_idx on quiz_attempts (deadline_at) where status = 'in_progress'`,
    `create table quiz_answers (
      attempt_id uuid not null references quiz_attempts (id) on delete cascade,
      question_id uuid not null references quiz_questions (id) on delete cascade,
      answer jsonb not null,
      is_correct boolean,
      points_earned numeric(8, 2),
      feedback text,
      graded_by uuid references users (id) on delete set null,
      graded_at timestamptz,
      updated_at timestamptz not null default now(),
      primary key (attempt_id, question_id)
    )`,
    `create index quiz_answers_question_idx on quiz_answers (question_id)`,
    `create table assignments (
      id uuid primary key default gen_random_uuid(),
      course_id uuid not null references courses (id) on delete cascade,
      lesson_id uuid references lessons (id) on delete set null,
      title text not null,
      description text not null default '',
      due_at timestamptz,
      max_score numeric(8, 2) not null default 100 check (max_score > 0),
      late_policy text not null default 'accept' check (late_policy in ('refuse', 'accept', 'penalize')),
      late_penalty_percentage numeric(5, 2) not null default 0 check (late_penalty_percentage between 0 and 100),
      created_by uuid references users (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    `create index assignments_course_idx on assignments (course_id, created_at)`,
    `create table assignment_submissions (
      id uuid primary key default gen_random_uuid(),
      assignment_id uuid not null references assignments (id) on delete cascade,
      user_id uuid not null references users (id) on delete cascade,
      content text,
      file_id uuid references files (id) on delete set null,
      status text not null default 'submitted' check (status in ('submitted', 'graded', 'returned')),
      is_late boolean not null default false,
      submission_count integer not null default 1,
      score numeric(8, 2) check (score >= 0),
      final_score numeric(8, 2) check (final_score >= 0),
      feedback text,
      graded_by uuid references users (id) on delete set null,
      graded_at timestamptz,
      submitted_at timestamptz not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (assignment_id, user_id)
    )`,
    `create index assignment_submissions_user_idx on assignment_submissions (user_id)`,
  ]);
}
