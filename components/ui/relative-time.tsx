'use client';

import { useEffect, useState } from 'react';
import { formatUtc } from './format-date';

const STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Infinity],
];

/** "3 minutes ago", "in 2 hours": the largest unit that fits. */
export function relativeTimeText(at: number, now: number, locale?: string): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  let value = (at - now) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return format.format(Math.round(value), unit);
    value /= size;
  }
  return format.format(Math.round(value), 'year');
}

/**
 * A time as people say it ("5 minutes ago"), with the exact time in the viewer's own time zone on
 * hover and for screen readers. The server renders UTC; the browser replaces it with local words.
 */
export function RelativeTime({ at, className }: { at: number; className?: string }) {
  const [view, setView] = useState<{ text: string; exact: string } | null>(null);
  useEffect(() => {
    const update = () => setView({ text: relativeTimeText(at, Date.now()), exact: new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'long' }) });
    update();
    const timer = setInterval(update, 30_000);
    return () => clearInterval(timer);
  }, [at]);
  const exact = view?.exact ?? formatUtc(at);
  return (
    <time dateTime={new Date(at).toISOString()} title={exact} aria-label={view ? `${view.text} (${exact})` : undefined} className={className} data-testid="relative-time">
      {view?.text ?? formatUtc(at, 'minutes')}
    </time>
  );
}
