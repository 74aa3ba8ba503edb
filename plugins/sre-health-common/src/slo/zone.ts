/** The wall-clock time of instant `t` in the IANA time zone `zone`, as a UTC timestamp. */
export function wallClockMs(t: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(t));
  const get = (type: string) => Number(parts.find(p => p.type === type)?.value);
  return Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
}

/**
 * The instant at which the wall-clock time `local` (`YYYY-MM-DD hh:mm:ss`) occurs in the
 * IANA time zone `zone`, found with Intl (no time-zone data of our own).
 */
export function zonedTimeToInstant(local: string, zone: string): Date {
  const asUtc = Date.parse(`${local.replace(' ', 'T')}Z`);
  const offsetAt = (t: number) => wallClockMs(t, zone) - t;
  // Two passes settle the offset on either side of a daylight-saving change.
  let t = asUtc - offsetAt(asUtc);
  t = asUtc - offsetAt(t);
  return new Date(t);
}

/** The instant of a wall-clock time (given as a UTC timestamp) in `zone`. */
export function wallClockToInstant(wallMs: number, zone: string): Date {
  const local = new Date(wallMs).toISOString().slice(0, 19).replace('T', ' ');
  return zonedTimeToInstant(local, zone);
}
