import { checkRateLimit, peekRateLimit, resetRateLimit, type RateLimitOptions } from './rate-limit';

/**
 * Failed sign-ins are limited per email (guessing one account's password) and per address
 * (trying many accounts). Only failures count, so a team signing in from one office is not
 * locked out; a success clears that email's count.
 */
export const SIGN_IN_PER_EMAIL: RateLimitOptions = { limit: 10, windowMs: 15 * 60_000 };
export const SIGN_IN_PER_IP: RateLimitOptions = { limit: 50, windowMs: 15 * 60_000 };

const normalize = (email: string) => email.trim().toLowerCase();

/** The wait in seconds when this email or address has used up its attempts, else null. */
export function signInBlocked(email: string, ip: string): number | null {
  const byEmail = peekRateLimit('sign-in:email', normalize(email), SIGN_IN_PER_EMAIL);
  const byIp = peekRateLimit('sign-in:ip', ip, SIGN_IN_PER_IP);
  const waits = [byEmail, byIp].flatMap((r) => (r.ok ? [] : [r.retryAfterSeconds]));
  return waits.length ? Math.max(...waits) : null;
}

export function recordFailedSignIn(email: string, ip: string): void {
  checkRateLimit('sign-in:email', normalize(email), SIGN_IN_PER_EMAIL);
  checkRateLimit('sign-in:ip', ip, SIGN_IN_PER_IP);
}

export function recordSuccessfulSignIn(email: string): void {
  resetRateLimit('sign-in:email', normalize(email));
}

export function tooManyAttemptsMessage(seconds: number): string {
  return `Too many attempts, try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
}
