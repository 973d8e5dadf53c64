'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { invalidInput, toActionResult, type ActionResult } from '@/lib/actions/action-result';
import { updateSession } from '@/lib/auth/config';
import { requireUser } from '@/lib/auth/session';
import { grantSessionReissue } from '@/lib/auth/session-version';
import { clientIp } from '@/lib/security/client-ip';
import { changeOwnPassword } from '@/lib/users/change-password';
import { changePasswordSchema } from '@/lib/users/user-schemas';

export async function changePasswordAction(input: unknown): Promise<ActionResult> {
  try {
    const actor = await requireUser();
    const parsed = changePasswordSchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error.issues);
    const { sessionVersion } = await changeOwnPassword(actor, parsed.data, clientIp(await headers()));
    // Every session ended with the change; this browser's session moves to the new version.
    await updateSession({ reissue: grantSessionReissue(actor.id, sessionVersion) } as never);
  } catch (e) {
    return toActionResult(e);
  }
  // A redirect, not a re-render of this request: the page must read the re-issued cookie, and
  // Auth.js reads the request's original Cookie header.
  redirect('/account?password=changed');
}
