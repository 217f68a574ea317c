// A 000 frontend end to end: a teacher builds a module with video lessons, a student enrols,
// watches, takes the lesson quiz and reaches 100%; the teacher reads the video analytics.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';

import { startTestApp } from '../helpers/app.ts';
import { createCast } from '../helpers/factories.ts';
import { assertGatewayError, gatewayClient, gatewayCourse } from './gateway-helpers.ts';

const lectern = await startTestApp();
const req = gatewayClient(lectern);
const { owner: teacher, otherInstructor: otherTeacher, admin, studentA, studentB } = await createCast(lectern);

describe('000 frontend flow', () => {
  it('takes a student from enrolment to 100% through watching and the lesson quiz', async () => {
    const course = await gatewayCourse(lectern, teacher, { lessons: 2, publish: false });
    const publish = await req('PUT', `/content/admin/courses/${course.id}`, teacher, { is_published: true });
    assert.equal(publish.statusCode, 200);
    const [first, second] = course.lessonIds as [string, string];
    // 000 has no quiz-authoring path: the teacher's 001 client adds the lesson quiz.
    const quiz = await lectern.app.inject({
      method: 'POST',
      url: '/api/v1/quizzes',
      headers: teacher.auth,
      payload: { lesson_id: second, title: 'Check', is_published: true },
    });
    assert.equal(quiz.statusCode, 201, quiz.body);
    const question = await lectern.app.inject({
      method: 'POST',
      url: `/api/v1/quizzes/${quiz.json().id}/questions`,
      headers: teacher.auth,
      payload: { question_text: 'Pick B', question_type: 'multiple_choice', options: ['A', 'B'], correct_answer: [1] },
    });
    assert.equal(question.statusCode, 201, question.body);

    const listed = await req('GET', '/content/modules?limit=100');
    assert.ok(listed.json().some((m: { id: string }) => m.id === course.id));
    assert.equal((await req('POST', `/content/courses/${course.id}/enroll`, studentA)).statusCode, 201);

    // Watching: the player reports its position; 90% of a video lesson completes it.
    assertGatewayError(
      await req('POST', `/content/videos/${first}/watch-progress`, studentB, { progress_seconds: 10 }),
      404,
    );
    assertGatewayError(
      await req('POST', `/content/videos/${first}/watch-progress`, null, { progress_seconds: 10 }),
      401,
    );
    for (const position of [200, 400, 600]) {
      const report = await req('POST', `/content/videos/${first}/watch-progress`, studentA, {
        progress_seconds: position,
        total_duration: 600,
        completed: position === 600,
      });
      assert.equal(report.statusCode, 200, report.body);
      assert.deepEqual(report.json(), { message: 'Watch progress recorded' });
    }
    let mine = (await req('GET', '/content/courses/my-courses', studentA)).json().enrolled_courses[0];
    assert.equal(mine.progress_percentage, 50);

    // A seek forward is not watching: jumping to the end leaves the second lesson unwatched.
    await req('POST', `/content/videos/${second}/watch-progress`, studentA, { progress_seconds: 590 });
    const byCourse = await req('GET', `/content/users_progress/course/${course.id}`, studentA);
    assert.deepEqual(
      byCourse.json().map((p: { completed: boolean }) => p.completed),
      [true, false],
    );

    const result = await req('POST', `/content/quiz/${second}/submit`, studentA, { answers: [1], time_spent: 20 });
    assert.equal(result.statusCode, 200, result.body);
    assert.equal(result.json().passed, true);
    assert.equal(result.json().score, 100);

    // Back to the start, then through to the end.
    for (const position of [0, 300, 600]) {
      await req('POST', `/content/videos/${second}/watch-progress`, studentA, { progress_seconds: position });
    }
    mine = (await req('GET', '/content/courses/my-courses', studentA)).json().enrolled_courses[0];
    assert.equal(mine.progress_percentage, 100);
    assert.equal(mine.status, 'completed');

    // The teacher's analytics count what was watched.
    const videos = await req('GET', `/content/videos/course/${course.id}`, teacher);
    assert.equal(videos.statusCode, 200, videos.body);
    assert.deepEqual(
      videos
        .json()
        .videos.map((v: { id: string; vimeo_id: string; duration: number }) => [v.id, v.vimeo_id, v.duration]),
      [
        [first, '100001', 600],
        [second, '100002', 600],
      ],
    );
    assert.ok(videos.json().videos[0].views >= 1);
    const analytics = await req('GET', `/content/videos/${first}/analytics`, teacher);
    assert.equal(analytics.statusCode, 200, analytics.body);
    assert.deepEqual(Object.keys(analytics.json()).sort(), [
      'average_watch_time',
      'completion_rate',
      'drop_off_points',
      'total_views',
      'unique_viewers',
    ]);
    assert.equal(analytics.json().unique_viewers, 1);
    assert.equal(analytics.json().completion_rate, 100);
    assert.equal((await req('GET', `/content/videos/${first}/analytics`, admin)).statusCode, 200);
    assertGatewayError(await req('GET', `/content/videos/${first}/analytics`, otherTeacher), 403);
    assertGatewayError(await req('GET', `/content/videos/${first}/analytics`, studentA), 403);
    assertGatewayError(await req('GET', `/content/videos/${first}/analytics`), 401);
    assertGatewayError(await req('GET', `/content/videos/course/${course.id}`, studentA), 403);
    assertGatewayError(await req('GET', `/content/videos/course/${randomUUID()}`, teacher), 404);
    assertGatewayError(await req('GET', `/content/videos/${randomUUID()}/analytics`, admin), 404);
  });
});
