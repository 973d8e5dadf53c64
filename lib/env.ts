import path from 'node:path';
import * as z from 'zod';

/** An on/off variable: `1` or `true` is on; unset, empty, `0` or `false` is off. */
const flag = z
  .enum(['', '0', '1', 'true', 'false'], { error: 'Use 1 (on) or 0 (off).' })
  .optional()
  .transform((v) => v === '1' || v === 'true');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  APP_URL: z.url().optional(),
  DATABASE_PATH: z.string().min(1).default('./data/connections.db'),
  /** `postgres://…`: run on PostgreSQL instead of the SQLite file (any number of instances on one database). */
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), 'must start with postgres:// (leave it unset for the SQLite file).'),
  /** Connections each instance keeps open to PostgreSQL. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** PostgreSQL cancels any statement that runs longer (milliseconds). */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  CONNECTIONS_ENCRYPTION_KEY: z.string().optional(),
  AUTH_SECRET: z.string().min(16).optional(),
  CONNECTIONS_ENCRYPTION_KEY_PREVIOUS: z.string().optional(),
  OUTBOUND_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Comma-separated host patterns; empty means any public host. */
  OUTBOUND_ALLOWLIST: z.string().default(''),
  TRUST_PROXY: z.string().optional().transform((v) => v === '1'),
  RUNTIME_RATE_LIMIT_PER_MINUTE: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? 600 : Number(v)))
    .refine((n) => Number.isFinite(n) && n >= 0, 'must be a number of calls per minute (0 turns the limit off).'),
  /** `1`: outbound OAuth requests may reach loopback addresses and the console itself (tests, local IdPs). */
  OUTBOUND_ALLOW_LOOPBACK: flag,
  /** `1`: outbound OAuth requests may not reach private ranges (10/8, 172.16/12, 192.168/16, fc00::/7). */
  OUTBOUND_BLOCK_PRIVATE: flag,
  /** A bearer token that may read GET /api/v1/metrics (besides admins). */
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN needs at least 16 characters.').optional(),
  /** Seconds between background sweeps of the server process; 0 turns the sweep off. */
  SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  // `connections env`/`exec` against a remote console's runtime-credentials API instead of the local database.
  CONNECTIONS_URL: z.url({ protocol: /^https?$/ }).optional(),
  CONNECTIONS_API_KEY: z.string().min(1).optional(),
});

export type Env = z.infer<typeof envSchema> & {
  appUrl: string;
  databasePath: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  databaseStatementTimeoutMs: number;
};

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
    databaseUrl: parsed.data.DATABASE_URL,
    databasePoolSize: parsed.data.DATABASE_POOL_SIZE,
    databaseStatementTimeoutMs: parsed.data.DATABASE_STATEMENT_TIMEOUT_MS,
  };
  return cached;
}

export function resetEnvForTests() {
  cached = undefined;
}

/**
 * The variables as given: for a child process that inherits them (`connections exec`) and for
 * settings groups that parse themselves (lib/auth/oidc/oidc-settings.ts). Everything else reads env().
 */
export function rawEnvironment(): NodeJS.ProcessEnv {
  return process.env;
}
