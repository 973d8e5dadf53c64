/** How far ahead the console and the sweep warn about a credential's `expires_on` date. */
export const EXPIRY_WARN_DAYS = 14;

const DAY_MS = 86_400_000;

export type ExpiryWarning = { expired: boolean; days: number; text: string };

/** Whole days from today (UTC) to a YYYY-MM-DD date: 0 is today, negative is past. */
export function daysUntil(expiresOn: string, now = Date.now()): number {
  const today = Math.floor(now / DAY_MS);
  return Math.round(Date.parse(`${expiresOn}T00:00:00Z`) / DAY_MS) - today;
}

/**
 * The warning for a credential whose date is within 14 days or past ("expires in 9 days",
 * "expires today", "expired 2 days ago"), or null when there is no date or it is further away.
 * Days count in UTC; a credential still works on its date and is expired the day after.
 */
export function expiryWarning(expiresOn: string | null | undefined, now = Date.now()): ExpiryWarning | null {
  if (!expiresOn) return null;
  const days = daysUntil(expiresOn, now);
  if (Number.isNaN(days) || days > EXPIRY_WARN_DAYS) return null;
  const plural = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
  if (days > 0) return { expired: false, days, text: `expires in ${plural(days)}` };
  if (days === 0) return { expired: false, days, text: 'expires today' };
  return { expired: true, days, text: `expired ${plural(-days)} ago` };
}

/** The last date (YYYY-MM-DD) that is within the warning window today: dates up to it get a reminder. */
export function reminderHorizon(now = Date.now()): string {
  return new Date(now + EXPIRY_WARN_DAYS * DAY_MS).toISOString().slice(0, 10);
}
