import path from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  APP_URL: z.url().optional(),
  DATABASE_PATH: z.string().min(1).default('./data/connections.db'),
  CONNECTIONS_ENCRYPTION_KEY: z.string().optional(),
  AUTH_SECRET: z.string().min(16).optional(),
  OUTBOUND_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  // `connections env`/`exec` against a remote console's runtime-credentials API instead of the local database.
  CONNECTIONS_URL: z.url({ protocol: /^https?$/ }).optional(),
  CONNECTIONS_API_KEY: z.string().min(1).optional(),
});

export type Env = z.infer<typeof envSchema> & { appUrl: string; databasePath: string; dataDir: string };

let cached: Env | undefined;

/** The environment, parsed once. Tests that change `process.env` call `resetEnvForTests()`. */
export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  const databasePath = path.resolve(parsed.data.DATABASE_PATH);
  cached = {
    ...parsed.data,
    appUrl: (parsed.data.APP_URL ?? `http://localhost:${parsed.data.PORT}`).replace(/\/+$/, ''),
    databasePath,
    dataDir: path.dirname(databasePath),
  };
  return cached;
}

export function resetEnvForTests() {
  cached = undefined;
}
