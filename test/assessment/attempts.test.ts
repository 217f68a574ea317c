import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { sql } from 'kysely';

import { CLOSE_ATTEMPT_JOB, CLOSE_EXPIRED_ATTEMPTS_JOB } from '../../src/modules/assessment/index.ts';
import { startTestApp } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { api, createCast, createQuiz, enrol } from './setup.ts';

const lectern = await startTestApp({ ACCESS_TOKEN_TTL_SECONDS: '86400' });
const cast = await createCast(lectern);

type Row = Record<string, unknown>;
const questionIds = (attempt: Row) => (attempt['questions'] as Row[]).map((q) => q['id'] as string);

/** The attempt's row and its answers' rows as stored. */
const storedAttempt = (id: string) =>
  lectern.database.db.selectFrom('quiz_attempts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const storedAnswers = (id: string) =>
  lectern.database.db.selectFrom('quiz_answers').selectAll().where('attempt_id', '=', id).execute();

async function start(user = cast.studentA, quizId: string) {
  const response = await api(lectern, user, 'POST', `/quizzes/${quizId}/attempts`);
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return response.body as Row;
}

describe('attempts: start, save, submit, grade', () => {
  it('starts with 001 shape and a server deadline, without correct answers', async () => {
    const { quizId } = await createQuiz(lectern, cast, { time_limit_minutes: 30 });
    const attempt = await start(cast.studentA, quizId);
    assert.equal(attempt['quiz_id'], quizId);
    assert.equal(attempt['ended_at'], null);
    assert.deepEqual(attempt['answers'], []);
    assert.equal(attempt['score'], null);
    assert.equal(attempt['passed'], null);
    assert.equal(attempt['status'], 'in_progress');
    assert.equal(attempt['attempt_number'], 1);
    const started = Date.parse(attempt['started_at'] as string);
    assert.equal(started, lectern.clock.now().getTime());
    assert.equal(Date.parse(attempt['deadline_at'] as string) - started, 30 * 60_000);
    assert.equal((attempt['questions'] as Row[]).length, 4);
    assert.doesNotMatch(JSON.stringify(attempt), /correct_answer|Albany/);
  });

  it('saves answers, submits, grades every type; essays wait for an instructor', async () => {
    const { quizId, questions } = await createQuiz(lectern, cast);
    const attempt = await start(cast.studentA, quizId);
    const id = attempt['id'] as string;

    const saved = await api(lectern, cast.studentA, 'PUT', `/attempts/${id}/answers`, {
      answers: [
        { question_id: questions.mc, answer: ['5', '2'] },
        { question_id: questions.tf, answer: false },
      ],
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body!['saved_count'], 2);
    // Saving again replaces the answer.
    await api(lectern, cast.studentA, 'PUT', `/attempts/${id}/answers`, {
      answers: [{ question_id: questions.tf, answer: true }],
    });
    const bad = await api(lectern, cast.studentA, 'PUT', `/attempts/${id}/answers`, {
      answers: [{ question_id: questions.mc, answer: 9 }],
    });
    assert.equal(bad.status, 422);
    const shapeless = await api(lectern, cast.studentA, 'PUT', `/attempts/${id}/answers`, {
      answers: [{ question_id: questions.short, answer: { text: 'Albany' } }],
    });
    assert.equal(shapeless.status, 422);
    const foreign = await api(lectern, cast.studentA, 'PUT', `/attempts/${id}/answers`, {
      answers: [{ question_id: cast.courseId, answer: 'x' }],
    });
    assert.equal(foreign.status, 422);

    const during = await api(lectern, cast.studentA, 'GET', `/attempts/${id}`);
    assert.equal(during.status, 200);
    assert.equal((during.body!['answers'] as Row[]).length, 2);
    assert.ok((during.body!['answers'] as Row[]).every((a) => a['correct'] === null));

    const submitted = await api(lectern, cast.studentA, 'POST', `/attempts/${id}/submit`, {
      answers: [
        { question_id: questions.short, answer: '  al BANY ' },
        { question_id: questions.essay, answer: 'A function calling itself.' },
      ],
    });
    assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
    const result = submitted.body!;
    assert.equal(result['status'], 'pending_review');
    assert.equal(result['score'], null);
    assert.equal(result['passed'], null);
    assert.equal(result['points_earned'], 4);
    assert.equal(result['points_possible'], 6);
    assert.ok(result['ended_at']);
    const byQuestion = new Map((result['answers'] as Row[]).map((a) => [a['question_id'], a]));
    assert.deepEqual(byQuestion.get(questions.mc), {
      question_id: questions.mc,
      answer: [0, 2],
      correct: true,
      points_earned: 2,
      feedback: null,
    });
    assert.equal(byQuestion.get(questions.tf)!['correct'], true);
    assert.equal(byQuestion.get(questions.short)!['correct'], true);
    assert.equal(byQuestion.get(questions.essay)!['correct'], null);
    assert.equal(byQuestion.get(questions.essay)!['points_earned'], null);
    // More attempts are allowed: the key stays hidden.
    assert.doesNotMatch(JSON.stringify(result), /correct_answer|Albany/);

    // Student, another student and another instructor cannot grade; points above the maximum are refused.
    const grade = {
      grades: [{ question_id: questions.essay, points_earned: 1.5, feedback: 'Mention the base case.' }],
    };
    assert.equal((await api(lectern, cast.studentA, 'POST', `/attempts/${id}/grade`, grade)).status, 403);
    assert.equal((await api(lectern, cast.studentB, 'POST', `/attempts/${id}/grade`, grade)).status, 403);
    assert.equal((await api(lectern, cast.outsider, 'POST', `/attempts/${id}/grade`, grade)).status, 404);
    const tooMany = await api(lectern, cast.owner, 'POST', `/attempts/${id}/grade`, {
      grades: [{ question_id: questions.essay, points_earned: 3 }],
    });
    assert.equal(tooMany.status, 422);

    const graded = await api(lectern, cast.owner, 'POST', `/attempts/${id}/grade`, grade);
    assert.equal(graded.status, 200, JSON.stringify(graded.body));
    assert.equal(graded.body!['status'], 'graded');
    assert.equal(graded.body!['points_earned'], 5.5);
    assert.equal(graded.body!['score'], 91.67);
    assert.equal(graded.body!['passed'], true);
    const mine = await api(lectern, cast.studentA, 'GET', `/attempts/${id}`);
    const essay = (mine.body!['answers'] as Row[]).find((a) => a['question_id'] === questions.essay)!;
    assert.equal(essay['feedback'], 'Mention the base case.');
    assert.equal(mine.body!['score'], 91.67);

    const regraded = await api(lectern, cast.admin, 'POST', `/attempts/${id}/grade`, {
      grades: [{ question_id: questions.essay, points_earned: 0 }],
    });
    assert.equal(regraded.body!['score'], 66.67);
    assert.equal(regraded.body!['passed'], true);
  });

  it('keeps each attempt private: other students and instructors of other courses see nothing', async () => {
    const { quizId, questions } = await createQuiz(lectern, cast);
    const attempt = await start(cast.studentA, quizId);
    const id = attempt['id'] as string;
    const answer = { answers: [{ question_id: questions.tf, answer: true }] };
    for (const user of [cast.studentB, cast.outsider, cast.stranger]) {
      assert.equal((await api(lectern, user, 'GET', `/attempts/${id}`)).status, 404);
      assert.equal((await api(lectern, user, 'PUT', `/attempts/${id}/answers`, answer)).status, 404);
      assert.equal((await api(lectern, user, 'POST', `/attempts/${id}/submit`, {})).status, 404);
    }
    assert.equal((await api(lectern, undefined, 'GET', `/attempts/${id}`)).status, 401);
    // Staff may look, with the key, but never answer for the student.
    const asOwner = await api(lectern, cast.owner, 'GET', `/attempts/${id}`);
    assert.equal(asOwner.status, 200);
    assert.match(JSON.stringify(asOwner.body), /Albany/);
    assert.equal((await api(lectern, cast.admin, 'GET', `/attempts/${id}`)).status, 200);
    assert.equal((await api(lectern, cast.owner, 'PUT', `/attempts/${id}/answers`, answer)).status, 403);
    assert.equal((await api(lectern, cast.admin, 'POST', `/attempts/${id}/submit`, {})).status, 403);
    // Grading an attempt still in progress is refused.
    const early = await api(lectern, cast.owner, 'POST', `/attempts/${id}/grade`, {
      grades: [{ question_id: questions.essay, points_earned: 1 }],
    });
    assert.equal(early.status, 409);
  });

  it('refuses students who are not enrolled, drafts and empty quizzes', async () => {
    const { quizId } = await createQuiz(lectern, cast);
    assert.equal((await api(lectern, cast.stranger, 'POST', `/quizzes/${quizId}/attempts`)).status, 403);
    assert.equal((await api(lectern, cast.outsider, 'POST', `/quizzes/${quizId}/attempts`)).status, 403);
    assert.equal((await api(lectern, undefined, 'POST', `/quizzes/${quizId}/attempts`)).status, 401);
    const draft = await createQuiz(lectern, cast, { is_published: false });
    assert.equal((await api(lectern, cast.studentA, 'POST', `/quizzes/${draft.quizId}/attempts`)).status, 404);
    // Staff may try their own quiz (a preview attempt).
    assert.equal((await api(lectern, cast.owner, 'POST', `/quizzes/${draft.quizId}/attempts`)).status, 201);
    const empty = await api(lectern, cast.owner, 'POST', '/quizzes', {
      course_id: cast.courseId,
      title: 'Empty',
      is_published: true,
    });
    const refused = await api(lectern, cast.studentA, 'POST', `/quizzes/${empty.body!['id']}/attempts`);
    assert.equal(refused.status, 409);
  });

  it('enforces one open attempt and the attempt limit, also under concurrent starts', async () => {
    const { quizId } = await createQuiz(lectern, cast, { max_attempts: 2 });
    const racers = await Promise.all(
      Array.from({ length: 6 }, () => api(lectern, cast.studentB, 'POST', `/quizzes/${quizId}/attempts`)),
    );
    assert.deepEqual(racers.map((r) => r.status).sort(), [201, 409, 409, 409, 409, 409]);
    const first = racers.find((r) => r.status === 201)!.body!;
    assert.equal((await api(lectern, cast.studentB, 'POST', `/attempts/${first['id']}/submit`, {})).status, 200);
    const second = await start(cast.studentB, quizId);
    assert.equal(second['attempt_number'], 2);
    const closed = await api(lectern, cast.studentB, 'POST', `/attempts/${second['id']}/submit`, {});
    assert.equal(closed.status, 200);
    // The last allowed attempt is over: now the student may see the key.
    assert.match(JSON.stringify(closed.body), /correct_answer/);
    const third = await api(lectern, cast.studentB, 'POST', `/quizzes/${quizId}/attempts`);
    assert.equal(third.status, 409);
    assert.match(third.raw.body, /maximum of 2/);
    const count = await lectern.database.db
      .selectFrom('quiz_attempts')
      .where('quiz_id', '=', quizId)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 2);
  });

  it('gives exactly one result for concurrent submits of one attempt', async () => {
    const { quizId, questions } = await createQuiz(lectern, cast);
    const attempt = await start(cast.studentA, quizId);
    const id = attempt['id'] as string;
    const body = {
      answers: [
        { question_id: questions.mc, answer: [0, 2] },
        { question_id: questions.tf, answer: true },
        { question_id: questions.short, answer: 'albany' },
      ],
    };
    const results = await Promise.all(
      Array.from({ length: 8 }, () => api(lectern, cast.studentA, 'POST', `/attempts/${id}/submit`, body)),
    );
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 409, 409, 409, 409, 409, 409, 409]);
    const winner = results.find((r) => r.status === 200)!.body!;
    assert.equal(winner['score'], 66.67);
    assert.equal(winner['passed'], true);
    const stored = await storedAttempt(id);
    assert.equal(stored.status, 'graded');
    assert.equal(Number(stored.score), 66.67);
    const answers = await storedAnswers(id);
    assert.equal(answers.length, 3);
  });

  it('closes once on the answers it graded when saves race submits without answers', async () => {
    const { quizId, questions } = await createQuiz(lectern, cast);
    for (let round = 0; round < 5; round++) {
      const id = (await start(cast.studentA, quizId))['id'] as string;
      const first = await api(lectern, cast.studentA, 'PUT', `/attempts/${id}/answers`, {
        answers: [{ question_id: questions.tf, answer: false }],
      });
      assert.equal(first.status, 200);
      const saves = Array.from({ length: 6 }, (_, i) =>
        api(lectern, cast.studentA, 'PUT', `/attempts/${id}/answers`, {
          answers: [
            { question_id: questions.tf, answer: i % 2 === 0 },
            { question_id: questions.short, answer: i % 3 === 0 ? 'Albany' : 'Buffalo' },
          ],
        }),
      );
      const submits = Array.from({ length: 6 }, () =>
        api(lectern, cast.studentA, 'POST', `/attempts/${id}/submit`, {}),
      );
      const [saved, submitted] = await Promise.all([Promise.all(saves), Promise.all(submits)]);
      assert.deepEqual(submitted.map((r) => r.status).sort(), [200, 409, 409, 409, 409, 409]);
      for (const save of saved) assert.ok([200, 409].includes(save.status), JSON.stringify(save.body));

      // Whatever order they ran in, the stored grades are those of the stored answers, the
      // attempt's totals add them up, and the winning submit answered with those totals.
      const answers = await storedAnswers(id);
      const byQuestion = new Map(answers.map((a) => [a.question_id, a]));
      const tf = byQuestion.get(questions.tf)!;
      assert.equal(tf.is_correct, tf.answer === true, `round ${round}: true/false graded on another answer`);
      const short = byQuestion.get(questions.short);
      if (short) assert.equal(short.is_correct, short.answer === 'Albany', `round ${round}: short answer`);
      const stored = await storedAttempt(id);
      assert.equal(stored.status, 'graded');
      const earned = answers.reduce((sum, a) => sum + Number(a.points_earned ?? 0), 0);
      assert.equal(Number(stored.points_earned), earned);
      const winner = submitted.find((r) => r.status === 200)!.body!;
      assert.equal(winner['points_earned'], earned);
      assert.equal(winner['score'], Number(stored.score));
      assert.deepEqual(
        (winner['answers'] as Row[]).map((a) => [a['question_id'], a['correct']]).sort(),
        answers.map((a) => [a.question_id, a.is_correct]).sort(),
      );
    }
  });

  it('keeps a shuffled order fixed for each attempt', async () => {
    const { quizId } = await createQuiz(lectern, cast, { shuffle_questions: true });
    for (let i = 0; i < 4; i++) {
      await api(lectern, cast.owner, 'POST', `/quizzes/${quizId}/questions`, {
        question_text: `Extra ${i}`,
        question_type: 'true_false',
        correct_answer: true,
      });
    }
    const canonical = questionIds((await api(lectern, cast.owner, 'GET', `/quizzes/${quizId}`)).body!);
    const orders: string[][] = [];
    for (const student of [cast.studentA, cast.studentB]) {
      const attempt = await start(student, quizId);
      const order = questionIds(attempt);
      assert.deepEqual([...order].sort(), [...canonical].sort());
      assert.deepEqual(
        (attempt['questions'] as Row[]).map((q) => q['order']),
        [1, 2, 3, 4, 5, 6, 7, 8],
      );
      const again = await api(lectern, student, 'GET', `/attempts/${attempt['id']}`);
      assert.deepEqual(questionIds(again.body!), order);
      orders.push(order);
    }
    assert.ok(
      orders.some((order) => order.join() !== canonical.join()),
      'at least one of two 8-question orders differs from the canonical one',
    );
  });
});

describe('attempts: the time limit', () => {
  it('refuses answers after the deadline; a late submit closes with what was saved in time', async () => {
    const { quizId, questions } = await createQuiz(lectern, cast, { time_limit_minutes: 10 });
    const attempt = await start(cast.studentB, quizId);
    const id = attempt['id'] as string;
    await api(lectern, cast.studentB, 'PUT', `/attempts/${id}/answers`, {
      answers: [{ question_id: questions.tf, answer: true }],
    });
    lectern.clock.advance(10 * 60_000 + 1);
    const late = await api(lectern, cast.studentB, 'PUT', `/attempts/${id}/answers`, {
      answers: [{ question_id: questions.short, answer: 'Albany' }],
    });
    assert.equal(late.status, 410);
    const lateSubmit = await api(lectern, cast.studentB, 'POST', `/attempts/${id}/submit`, {
      answers: [{ question_id: questions.short, answer: 'Albany' }],
    });
    assert.equal(lateSubmit.status, 410);
    const closed = await api(lectern, cast.studentB, 'GET', `/attempts/${id}`);
    assert.equal(closed.body!['status'], 'graded');
    assert.equal(closed.body!['closed_by'], 'deadline');
    assert.equal(closed.body!['ended_at'], attempt['deadline_at']);
    assert.equal(closed.body!['points_earned'], 1);
    assert.equal((closed.body!['answers'] as Row[]).length, 1);
    assert.equal((await api(lectern, cast.studentB, 'POST', `/attempts/${id}/submit`, {})).status, 410);
  });

  const sweep = async () => {
    await lectern.queue.send(CLOSE_EXPIRED_ATTEMPTS_JOB, {});
    await lectern.queue.settle();
  };

  it('closes abandoned attempts with the deadline sweeper, judged by the clock', async () => {
    const { quizId, questions } = await createQuiz(lectern, cast, { time_limit_minutes: 5 });
    const attempt = await start(cast.studentA, quizId);
    const id = attempt['id'] as string;
    await api(lectern, cast.studentA, 'PUT', `/attempts/${id}/answers`, {
      answers: [
        { question_id: questions.mc, answer: [0, 2] },
        { question_id: questions.short, answer: 'Buffalo' },
      ],
    });
    lectern.clock.advance(2 * 60_000);
    const later = await start(cast.studentB, quizId);
    await api(lectern, cast.studentB, 'PUT', `/attempts/${later['id']}/answers`, {
      answers: [{ question_id: questions.tf, answer: true }],
    });

    // No job per attempt: one recurring sweeper, scheduled every minute.
    const { rows: jobs } = await sql<{
      n: number;
    }>`select count(*)::int as n from pgboss.job where name = ${CLOSE_ATTEMPT_JOB} and data->>'attemptId' in (${id}, ${later['id'] as string})`.execute(
      lectern.database.db,
    );
    assert.equal(jobs[0]!.n, 0);
    const { rows: schedules } = await sql<{
      cron: string;
    }>`select cron from pgboss.schedule where name = ${CLOSE_EXPIRED_ATTEMPTS_JOB}`.execute(lectern.database.db);
    assert.deepEqual(
      schedules.map((s) => s.cron),
      ['* * * * *'],
    );

    // Before either deadline (by the test's clock) the sweeper leaves both open.
    await sweep();
    assert.equal((await api(lectern, cast.studentA, 'GET', `/attempts/${id}`)).body!['status'], 'in_progress');

    // Past the first deadline only: the first is closed at its deadline and graded, the second stays open.
    lectern.clock.advance(3 * 60_000);
    await sweep();
    const closed = await api(lectern, cast.studentA, 'GET', `/attempts/${id}`);
    assert.equal(closed.body!['status'], 'graded');
    assert.equal(closed.body!['closed_by'], 'deadline');
    assert.equal(closed.body!['ended_at'], attempt['deadline_at']);
    assert.equal(closed.body!['points_earned'], 2);
    assert.equal(closed.body!['score'], 33.33);
    assert.equal(closed.body!['passed'], false);
    const answers = closed.body!['answers'] as Row[];
    assert.deepEqual(
      answers.map((a) => [a['question_id'], a['correct']]).sort(),
      [
        [questions.mc, true],
        [questions.short, false],
      ].sort(),
    );
    const open = await api(lectern, cast.studentB, 'GET', `/attempts/${later['id']}`);
    assert.equal(open.body!['status'], 'in_progress');
    // Saving after the deadline is refused, for the student whose attempt was swept too.
    const refused = await api(lectern, cast.studentA, 'PUT', `/attempts/${id}/answers`, {
      answers: [{ question_id: questions.tf, answer: true }],
    });
    assert.equal(refused.status, 410);

    // Past the second deadline: closed too; the student may start attempt number 2.
    lectern.clock.advance(2 * 60_000);
    await sweep();
    const second = await api(lectern, cast.studentB, 'GET', `/attempts/${later['id']}`);
    assert.equal(second.body!['status'], 'graded');
    assert.equal(second.body!['closed_by'], 'deadline');
    assert.equal(second.body!['points_earned'], 1);
    assert.equal((await start(cast.studentA, quizId))['attempt_number'], 2);
  });

  it('still runs a per-attempt closing job queued by an earlier release', async () => {
    const { quizId, questions } = await createQuiz(lectern, cast, { time_limit_minutes: 5 });
    const attempt = await start(cast.studentB, quizId);
    const id = attempt['id'] as string;
    await api(lectern, cast.studentB, 'PUT', `/attempts/${id}/answers`, {
      answers: [{ question_id: questions.tf, answer: true }],
    });
    await lectern.queue.send(CLOSE_ATTEMPT_JOB, { attemptId: id });
    await lectern.queue.settle();
    assert.equal((await api(lectern, cast.studentB, 'GET', `/attempts/${id}`)).body!['status'], 'in_progress');
    lectern.clock.advance(5 * 60_000);
    await lectern.queue.send(CLOSE_ATTEMPT_JOB, { attemptId: id });
    await lectern.queue.settle();
    const closed = await api(lectern, cast.studentB, 'GET', `/attempts/${id}`);
    assert.equal(closed.body!['closed_by'], 'deadline');
    assert.equal(closed.body!['points_earned'], 1);
  });

  it('closes an expired open attempt when the student starts again before the job ran', async () => {
    const { quizId } = await createQuiz(lectern, cast, { time_limit_minutes: 1 });
    const first = await start(cast.studentB, quizId);
    assert.equal((await api(lectern, cast.studentB, 'POST', `/quizzes/${quizId}/attempts`)).status, 409);
    lectern.clock.advance(61_000);
    const second = await start(cast.studentB, quizId);
    assert.equal(second['attempt_number'], 2);
    const old = await api(lectern, cast.studentB, 'GET', `/attempts/${first['id']}`);
    assert.equal(old.body!['closed_by'], 'deadline');
  });
});

describe('instructor views', () => {
  it('lists attempts: staff see all, a student only their own', async () => {
    const { quizId } = await createQuiz(lectern, cast);
    const a = await start(cast.studentA, quizId);
    await start(cast.studentB, quizId);
    await api(lectern, cast.studentA, 'POST', `/attempts/${a['id']}/submit`, {});

    const asOwner = await api(lectern, cast.owner, 'GET', `/quizzes/${quizId}/attempts`);
    assert.equal(asOwner.status, 200);
    assert.equal(asOwner.body!['total'], 2);
    const gradedOnly = await api(lectern, cast.owner, 'GET', `/quizzes/${quizId}/attempts?status=pending_review`);
    assert.equal(gradedOnly.body!['total'], 0);
    const onlyA = await api(lectern, cast.admin, 'GET', `/quizzes/${quizId}/attempts?user_id=${cast.studentA.id}`);
    assert.equal(onlyA.body!['total'], 1);

    const asA = await api(lectern, cast.studentA, 'GET', `/quizzes/${quizId}/attempts?user_id=${cast.studentB.id}`);
    assert.equal(asA.body!['total'], 1);
    assert.equal((asA.body!['items'] as Row[])[0]!['user_id'], cast.studentA.id);
    const asOutsider = await api(lectern, cast.outsider, 'GET', `/quizzes/${quizId}/attempts`);
    assert.equal(asOutsider.body!['total'], 0);
  });

  it('computes per-question statistics for the staff only', async () => {
    const { quizId, questions } = await createQuiz(lectern, cast);
    const student = await createUser(lectern);
    await enrol(lectern, student, cast.courseId);
    const plans: [typeof cast.studentA, Row[]][] = [
      [
        cast.studentA,
        [
          { question_id: questions.mc, answer: [0, 2] },
          { question_id: questions.tf, answer: true },
          { question_id: questions.essay, answer: 'essay' },
        ],
      ],
      [
        cast.studentB,
        [
          { question_id: questions.mc, answer: [1] },
          { question_id: questions.tf, answer: false },
          { question_id: questions.short, answer: 'albany' },
        ],
      ],
      [
        student,
        [
          { question_id: questions.mc, answer: [0] },
          { question_id: questions.tf, answer: true },
        ],
      ],
    ];
    for (const [user, answers] of plans) {
      const attempt = await start(user, quizId);
      assert.equal((await api(lectern, user, 'POST', `/attempts/${attempt['id']}/submit`, { answers })).status, 200);
    }
    for (const user of [cast.outsider, cast.studentA])
      assert.equal((await api(lectern, user, 'GET', `/quizzes/${quizId}/statistics`)).status, 403);
    assert.equal((await api(lectern, cast.admin, 'GET', `/quizzes/${quizId}/statistics`)).status, 200);
    const stats = await api(lectern, cast.owner, 'GET', `/quizzes/${quizId}/statistics`);
    assert.equal(stats.status, 200);
    assert.equal(stats.body!['attempts_count'], 3);
    assert.equal(stats.body!['completed_count'], 2);
    assert.equal(stats.body!['pending_review_count'], 1);
    const per = new Map((stats.body!['questions'] as Row[]).map((q) => [q['question_id'], q]));
    assert.deepEqual(per.get(questions.mc)!['option_counts'], [2, 1, 1, 0]);
    assert.equal(per.get(questions.mc)!['answered_count'], 3);
    assert.equal(per.get(questions.mc)!['correct_count'], 1);
    assert.equal(per.get(questions.mc)!['correct_rate'], 33.33);
    assert.deepEqual(per.get(questions.tf)!['option_counts'], [2, 1]);
    assert.equal(per.get(questions.short)!['correct_rate'], 100);
    assert.equal(per.get(questions.essay)!['pending_review_count'], 1);
    assert.equal(per.get(questions.essay)!['correct_rate'], null);
  });
});
