import 'server-only';
import { headers } from 'next/headers';
import { RETURN_PATH_HEADER, signInUrl } from '@/lib/security/return-path';

/** The sign-in page, bringing the visitor back to the page they opened (set by proxy.ts). */
export async function signInUrlForThisPage(): Promise<string> {
  return signInUrl((await headers()).get(RETURN_PATH_HEADER));
}
