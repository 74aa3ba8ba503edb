/*
 * The demo's story time: every record is dated when it happened in the story, relative to
 * the start (`now`), and the same organisation (examples/org.yaml, entities.yaml).
 */

export const DAY = 86_400_000;

export const ALICE = 'user:default/alice';
export const BOB = 'user:default/bob';
export const CAROL = 'user:default/carol';
export const DAN = 'user:default/dan';
export const ERIN = 'user:default/erin';
export const FRANK = 'user:default/frank';

export const component = (name: string) => `component:default/${name}`;
export const team = (name: string) => `group:default/${name}`;

/** Monday `weeksAgo` weeks before `now`, as YYYY-MM-DD. */
export function monday(now: Date, weeksAgo: number): string {
  const d = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()),
  );
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) - 7 * weeksAgo);
  return d.toISOString().slice(0, 10);
}

export function daysAgo(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY).toISOString();
}

/** A moment on a day: `day` (YYYY-MM-DD) plus some days and hours (UTC). */
export function at(day: string, plusDays = 0, hour = 10): Date {
  return new Date(
    Date.parse(`${day}T00:00:00Z`) + plusDays * DAY + hour * 3_600_000,
  );
}

/** The earlier of two moments: a record of this week is never dated after `now`. */
export function notAfter(when: Date, now: Date): Date {
  return when.getTime() < now.getTime() ? when : now;
}
