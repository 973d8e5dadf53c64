import 'server-only';
import { revalidatePath } from 'next/cache';
import { unstable_rethrow } from 'next/navigation';
import type * as z from 'zod';
import type { UserActor } from '@/lib/auth/actor';
import { requireAdmin, requireUser } from '@/lib/auth/session';
import { invalidInput, toActionResult, type ActionResult } from './action-result';

/** Who may call: `public` (sign-in, setup, sign-out), any signed-in `user`, or an `admin`. */
export type ActionRole = 'public' | 'user' | 'admin';

type Paths<I> = string | string[] | ((input: I) => string | string[]);

export type ActionOptions<R extends ActionRole, S extends z.ZodType> = {
  role: R;
  schema: S;
  /** Pages to refresh after a success. */
  revalidate?: Paths<z.output<S>>;
  /** Pages to refresh after a failure too (a failed test changes the shown status). */
  revalidateOnError?: string;
  /** The form's fields sit under this key of the input: field errors are named without it. */
  fieldsUnder?: string;
};

type ActionContext<R extends ActionRole, S extends z.ZodType> = { actor: R extends 'public' ? null : UserActor; input: z.output<S> };

function refresh<I>(paths: Paths<I> | undefined, input: I) {
  const resolved = typeof paths === 'function' ? paths(input) : paths;
  for (const path of resolved === undefined ? [] : [resolved].flat()) revalidatePath(path);
}

/**
 * Every server action is a public endpoint, so every one is built here: the caller's role is
 * checked from the session inside the action, the input parsed with the schema the form uses, lib
 * errors mapped to an ActionResult (a code and a safe message), and the pages refreshed. Next's
 * own control flow (`redirect()`) passes through.
 */
export function defineAction<R extends ActionRole, S extends z.ZodType, T = undefined>(
  options: ActionOptions<R, S>,
  run: (context: ActionContext<R, S>) => T | Promise<T>,
): (input?: unknown) => Promise<ActionResult<T>> {
  return async (input?: unknown) => {
    try {
      const actor = (options.role === 'admin' ? await requireAdmin() : options.role === 'user' ? await requireUser() : null) as ActionContext<R, S>['actor'];
      const parsed = options.schema.safeParse(input);
      if (!parsed.success) {
        const under = options.fieldsUnder;
        return invalidInput(under ? parsed.error.issues.map((i) => ({ ...i, path: i.path[0] === under ? i.path.slice(1) : i.path })) : parsed.error.issues);
      }
      const data = await run({ actor, input: parsed.data });
      refresh(options.revalidate, parsed.data);
      return data === undefined ? { ok: true } : { ok: true, data };
    } catch (e) {
      unstable_rethrow(e);
      if (options.revalidateOnError) revalidatePath(options.revalidateOnError);
      return toActionResult(e);
    }
  };
}
