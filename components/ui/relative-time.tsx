'use client';

import { useEffect, useState } from 'react';
import { relativeTime } from '@/lib/time/relative-time';
import { formatUtc } from './format-date';

/**
 * A time as people say it ("5 minutes ago"), with the exact time in the viewer's own time zone on
 * hover and for screen readers. The server renders UTC; the browser replaces it with local words.
 */
export function RelativeTime({ at, className }: { at: number; className?: string }) {
  const [view, setView] = useState<{ text: string; exact: string } | null>(null);
  useEffect(() => {
    const update = () => setView({ text: relativeTime(at, Date.now()), exact: new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'long' }) });
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
