/** Console dates are shown in UTC so every viewer, the audit log and the server agree. */
export function formatUtc(ms: number, precision: 'minutes' | 'seconds' = 'seconds'): string {
  return `${new Date(ms).toISOString().replace('T', ' ').slice(0, precision === 'minutes' ? 16 : 19)} UTC`;
}
