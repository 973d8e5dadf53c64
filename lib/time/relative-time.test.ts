import { describe, expect, it } from 'vitest';
import { relativeTime } from './relative-time';

describe('relativeTime', () => {
  const now = Date.UTC(2026, 0, 10, 12);
  it.each([
    [now - 10_000, 'just now'],
    [now + 10_000, 'in a few seconds'],
    [now - 60_000, '1 minute ago'],
    [now + 5 * 60_000, 'in 5 minutes'],
    [now - 3 * 3_600_000, '3 hours ago'],
    [now + 2 * 86_400_000, 'in 2 days'],
    [now - 40 * 86_400_000, '1 month ago'],
  ])('%s → %s', (at, text) => expect(relativeTime(at, now, 'en')).toBe(text));
});
