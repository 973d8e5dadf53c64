'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { defineAction } from '@/lib/actions/define-action';
import { updateSession } from '@/lib/auth/config';
import { grantSessionReissue } from '@/lib/auth/session-version';
import { clientIp } from '@/lib/security/client-ip';
import { changeOwnPassword } from '@/lib/users/change-password';
import { changePasswordSchema } from '@/lib/users/user-schemas';

export const changePasswordAction = defineAction({ role: 'user', schema: changePasswordSchema }, async ({ actor, input }): Promise<undefined> => {
  const { sessionVersion } = await changeOwnPassword(actor, input, clientIp(await headers()));
  // Every session ended with the change; this browser's session moves to the new version.
  await updateSession({ reissue: grantSessionReissue(actor.id, sessionVersion) } as never);
  // A redirect, not a re-render of this request: the page must read the re-issued cookie, and
  // Auth.js reads the request's original Cookie header.
  redirect('/account?password=changed');
});
