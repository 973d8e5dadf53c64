import * as z from 'zod';

const httpUrl = z.url({ protocol: /^https?$/ });

/** One entry a line: an http(s) origin, optionally with a path prefix (`https://agent.example.com/done`). */
export const returnToAllowlistSchema = z.object({
  entries: z
    .string()
    .max(5000, 'At most 5000 characters.')
    .transform((text) => text.split(/[\n,]/).map((l) => l.trim()).filter(Boolean))
    .superRefine((entries, ctx) => {
      if (entries.length > 50) ctx.addIssue({ code: 'custom', message: 'At most 50 entries.' });
      const bad = entries.find((e) => !httpUrl.safeParse(e).success);
      if (bad) ctx.addIssue({ code: 'custom', message: `Each line must be a full http(s) URL, such as https://agent.example.com/ (not “${bad.slice(0, 60)}”).` });
    }),
});
