const STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Infinity],
];

/**
 * A time as people say it: "just now", "in 5 minutes", "3 hours ago" (the largest unit that fits,
 * in the viewer's language). Rough on purpose: the exact time goes in a title.
 */
export function relativeTime(at: number, now = Date.now(), locale?: string): string {
  const diff = at - now;
  if (Math.abs(diff) < 45_000) return diff >= 0 ? 'in a few seconds' : 'just now';
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
  let value = diff / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return format.format(Math.round(value), unit);
    value /= size;
  }
  return format.format(Math.round(value), 'year');
}
