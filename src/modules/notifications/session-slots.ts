// 004's course schedule is a list of weekly slots such as "Monday 10:00" (UTC). This finds the
// sessions that start in a time window; a slot that does not read as a weekday and time is skipped.
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const SLOT = /^([a-z]+)\s+(\d{1,2}):(\d{2})$/i;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Start times of the schedule's sessions in (from, from + windowMs]. */
export function sessionsStartingWithin(schedule: readonly string[], from: Date, windowMs: number): Date[] {
  const starts: Date[] = [];
  for (const slot of schedule) {
    const match = SLOT.exec(slot.trim());
    if (!match) continue;
    const weekday = WEEKDAYS.indexOf(match[1]!.toLowerCase());
    const hours = Number(match[2]);
    const minutes = Number(match[3]);
    if (weekday < 0 || hours > 23 || minutes > 59) continue;
    const midnight = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
    const daysAhead = (weekday - from.getUTCDay() + 7) % 7;
    // This week's occurrence, or next week's when it has passed.
    for (const extra of [0, 7]) {
      const start = midnight + (daysAhead + extra) * DAY_MS + (hours * 60 + minutes) * 60_000;
      if (start > from.getTime() && start <= from.getTime() + windowMs) starts.push(new Date(start));
    }
  }
  return starts;
}
