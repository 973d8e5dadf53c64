/**
 * Text a provider chose (`error`, `error_description`) before it is shown on a console page or in
 * an API answer: plain text only (no control or bidirectional-override characters, white space
 * collapsed), cut to a length that fits a message. React escapes it; this keeps it short and honest.
 */
export const MAX_PROVIDER_DESCRIPTION = 200;
export const MAX_PROVIDER_ERROR_CODE = 64;

export function providerText(value: unknown, max = MAX_PROVIDER_DESCRIPTION): string {
  if (typeof value !== 'string') return '';
  const plain = value
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > max ? `${plain.slice(0, max - 1).trimEnd()}…` : plain;
}
