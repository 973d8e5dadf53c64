import { APP_ID_PATTERN } from './value-schemas';

/** The keyset cursor of the connection list: the last app id of a page, base64url-encoded. */

const BASE64URL = /^[A-Za-z0-9_-]{1,400}$/;

export const INVALID_CURSOR_MESSAGE = 'cursor is not valid: pass next_cursor from the previous page as it is.';

export function encodeCursor(appId: string): string {
  return Buffer.from(appId, 'utf8').toString('base64url');
}

/** The app id a cursor stands for, or null when it is not one this API handed out. */
export function decodeCursor(cursor: string): string | null {
  if (!BASE64URL.test(cursor)) return null;
  const appId = Buffer.from(cursor, 'base64url').toString('utf8');
  return APP_ID_PATTERN.test(appId) && encodeCursor(appId) === cursor ? appId : null;
}
