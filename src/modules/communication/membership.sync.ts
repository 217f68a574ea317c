// Course rooms follow the catalog and learning through their events: a course's room is made
// with the course and renamed with it; its staff (owner and co-instructors, followed through
// course and staff-change events) and actively enrolled students are its members.
// Events arrive in no particular order, so each handler reads the current state (staff from the
// catalog, the enrolment from learning) rather than trusting the event's snapshot, and a rename
// only applies when its event is newer than the room's last one.
import '../catalog/index.ts';
import '../learning/index.ts';

import type { Clock } from '../../platform/clock.ts';
import type { Tx } from '../../platform/db/index.ts';
import { afterCommit } from '../../platform/db/index.ts';
import type { EventBus } from '../../platform/events/index.ts';
import type { CommunicationPorts } from './communication.ports.ts';
import { roomRepo } from './room.repo.ts';

export const SUBSCRIBER = 'communication';

export interface SyncDeps extends Pick<CommunicationPorts, 'catalog' | 'learning' | 'identity'> {
  events: Pick<EventBus, 'subscribe'>;
  clock: Clock;
  evict(roomId: string, userId: string): void;
  closeRoom(roomId: string): void;
}

export function subscribeMembershipSync({ events, catalog, learning, evict, closeRoom }: SyncDeps): void {
  /** Staff rows = owner + co-instructors now; staff who left lose the room unless enrolled. */
  async function syncStaff(tx: Tx, courseId: string, at: Date): Promise<void> {
    const course = await catalog.getCourseSummary(courseId, tx);
    if (!course) return;
    const staff = [...new Set([course.owner_id, ...course.instructor_ids])];
    for (const userId of staff) await roomRepo.putMember(tx, courseId, userId, 'staff', at);
    for (const userId of await roomRepo.removeRoleExcept(tx, courseId, 'staff', staff)) {
      if (await learning.isEnrolled(userId, courseId, tx))
        await roomRepo.putMember(tx, courseId, userId, 'student', at);
      else afterCommit(() => evict(courseId, userId));
    }
  }

  events.subscribe(SUBSCRIBER, ['catalog.course.created', 'catalog.course.updated'], async (event, tx) => {
    const at = new Date(event.occurredAt);
    const { course_id, title, description, owner_id } = event.data;
    await roomRepo.upsertCourseRoom(tx, {
      course_id,
      name: title.slice(0, 300) || 'Course',
      description: description.slice(0, 10_000),
      owner_id,
      now: at,
    });
    await syncStaff(tx, course_id, at);
  });

  // Co-instructors added or removed (the owner changes with a `catalog.course.updated`).
  events.subscribe(SUBSCRIBER, 'catalog.course.staff_changed', async (event, tx) => {
    if (!(await roomRepo.find(tx, event.data.course_id))) return; // the course is gone
    await syncStaff(tx, event.data.course_id, new Date(event.occurredAt));
  });

  events.subscribe(SUBSCRIBER, 'catalog.course.deleted', async (event, tx) => {
    await roomRepo.deleteRoom(tx, event.data.course_id);
    afterCommit(() => closeRoom(event.data.course_id));
  });

  events.subscribe(SUBSCRIBER, ['learning.enrollment.created', 'learning.enrollment.cancelled'], async (event, tx) => {
    const { user_id, course_id } = event.data;
    if (!(await roomRepo.find(tx, course_id))) return; // the course is gone
    const member = await roomRepo.findMember(tx, course_id, user_id);
    if (member?.role === 'staff') return;
    if (await learning.isEnrolled(user_id, course_id, tx)) {
      await roomRepo.putMember(tx, course_id, user_id, 'student', new Date(event.occurredAt));
    } else if (member) {
      await roomRepo.removeMember(tx, course_id, user_id);
      afterCommit(() => evict(course_id, user_id));
    }
  });
}
