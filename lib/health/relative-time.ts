/** "in 5 minutes", "3 hours ago", "just now": rough on purpose, exact time goes in a title. */
export function relativeTime(at: number, now = Date.now()): string {
  const diff = at - now;
  const abs = Math.abs(diff);
  if (abs < 45_000) return diff >= 0 ? 'in a few seconds' : 'just now';
  const units: [number, string][] = [
    [365 * 86_400_000, 'year'],
    [30 * 86_400_000, 'month'],
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
  ];
  const [size, name] = units.find(([size]) => abs >= size) ?? units[units.length - 1];
  const n = Math.max(1, Math.round(abs / size));
  const text = `${n} ${name}${n === 1 ? '' : 's'}`;
  return diff >= 0 ? `in ${text}` : `${text} ago`;
}
