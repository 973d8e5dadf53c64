import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
// Types only (erased at build): the column types name the domain's kinds and stored settings, while
// this floor loads no domain code. the database stores both as text or JSON; the zod schemas validate every write.
import type { StoredAuthSettings } from '@/lib/connections/auth-settings-schema';
import type { Kind } from '@/lib/connections/kinds';

const now = sql`(unixepoch('subsec') * 1000)`;
const createdAt = () => integer('created_at', { mode: 'number' }).notNull().default(now);
const updatedAt = () => integer('updated_at', { mode: 'number' }).notNull().default(now);

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name'),
  passwordHash: text('password_hash'),
  role: text('role', { enum: ['admin', 'member'] }).notNull(),
  /** Bumped to end every session of this user (lib/auth/session-version.ts). */
  sessionVersion: integer('session_version').notNull().default(1),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const connections = sqliteTable('connections', {
  id: text('id').primaryKey(),
  appId: text('app_id').notNull().unique(),
  /** Optional human name shown next to the app id and matched by search (issue 15). */
  displayName: text('display_name'),
  resourceComponent: text('resource_component'),
  resourceCategory: text('resource_category'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** One row per configured environment (draft, live) of a connection. */
export const environments = sqliteTable(
  'environments',
  {
    id: text('id').primaryKey(),
    connectionId: text('connection_id').notNull().references(() => connections.id, { onDelete: 'cascade' }),
    env: text('env', { enum: ['draft', 'live'] }).notNull(),
    kind: text('kind').$type<Kind>().notNull(),
    type: text('type', { enum: ['team', 'member'] }).notNull(),
    serverUrl: text('server_url'),
    sso: integer('sso', { mode: 'boolean' }).notNull().default(false),
    idpConfig: text('idp_config', { mode: 'json' }).$type<{ header: Record<string, string>; body: Record<string, string> }>(),
    appConfig: text('app_config', { mode: 'json' }).$type<{ header: Record<string, string> }>(),
    customConfigEntries: text('custom_config_entries', { mode: 'json' }).$type<Record<string, string>>(),
    /** The builder's `auth_settings:` (SPEC §3), stored as validated JSON. */
    authSettings: text('auth_settings', { mode: 'json' }).$type<StoredAuthSettings>(),
    /** Bumped whenever `authSettings` changes, so credentials set under older settings can be listed. */
    settingsVersion: integer('settings_version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('environments_connection_env').on(t.connectionId, t.env)],
);

/**
 * Credentials of one owner for one environment: `ownerKey` is `team` or a user id.
 * On member OAuth connections the `team` row holds the builder's client registration.
 */
export const credentials = sqliteTable(
  'credentials',
  {
    id: text('id').primaryKey(),
    environmentId: text('environment_id').notNull().references(() => environments.id, { onDelete: 'cascade' }),
    ownerKey: text('owner_key').notNull(),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** Non-secret fields as JSON. */
    publicValues: text('public_values', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** Secret fields: encrypted JSON (lib/crypto/secret-box). */
    secretValues: text('secret_values'),
    /** Names of the secret fields that are set, so the UI can show "set" without decrypting. */
    secretNames: text('secret_names', { mode: 'json' }).$type<string[]>().notNull(),
    /** OAuth tokens: encrypted JSON { access_token, refresh_token, token_type, id_token }. */
    tokens: text('tokens'),
    tokenExpiresAt: integer('token_expires_at', { mode: 'number' }),
    hasRefreshToken: integer('has_refresh_token', { mode: 'boolean' }).notNull().default(false),
    grantedScopes: text('granted_scopes'),
    status: text('status', { enum: ['connected', 'missing', 'expired', 'error'] }).notNull(),
    statusMessage: text('status_message'),
    settingsVersion: integer('settings_version').notNull().default(1),
    updatedBy: text('updated_by'),
    /** When the current access token was issued: its lifetime sets the refresh margin (lib/health). */
    tokenIssuedAt: integer('token_issued_at', { mode: 'number' }),
    /** Health of token requests (lib/health/failure-state.ts). */
    lastSuccessAt: integer('last_success_at', { mode: 'number' }),
    lastFailureAt: integer('last_failure_at', { mode: 'number' }),
    lastFailureCode: text('last_failure_code'),
    lastFailureMessage: text('last_failure_message'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    /** Start of the current run of failures: after 4 days the refresh is exhausted. */
    failingSince: integer('failing_since', { mode: 'number' }),
    nextRetryAt: integer('next_retry_at', { mode: 'number' }),
    /** Last runtime read (written in batches). */
    lastUsedAt: integer('last_used_at', { mode: 'number' }),
    /** Optional expiry date of a static secret (YYYY-MM-DD), for reminders. */
    expiresOn: text('expires_on'),
    /** The `expires_on` a `credential.expiring` reminder was sent for: one reminder per date. */
    expiryRemindedOn: text('expiry_reminded_on'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('credentials_environment_owner').on(t.environmentId, t.ownerKey),
    index('credentials_user').on(t.userId),
  ],
);

/** Pending OAuth authorization requests: single use, bound to the user, short-lived. */
export const oauthStates = sqliteTable(
  'oauth_states',
  {
    stateHash: text('state_hash').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    environmentId: text('environment_id').notNull().references(() => environments.id, { onDelete: 'cascade' }),
    ownerKey: text('owner_key').notNull(),
    /** Encrypted PKCE verifier and the exact request values to repeat at the token endpoint. */
    payload: text('payload').notNull(),
    returnTo: text('return_to').notNull(),
    expiresAt: integer('expires_at', { mode: 'number' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('oauth_states_expires').on(t.expiresAt)],
);

export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    lastUsedAt: integer('last_used_at', { mode: 'number' }),
    revokedAt: integer('revoked_at', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [index('api_keys_user').on(t.userId)],
);

export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'number' }).notNull().default(now),
    actorId: text('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    target: text('target'),
    env: text('env'),
    /** `denied`: an authorization check refused the actor (recorded outside the refused transaction). */
    outcome: text('outcome', { enum: ['success', 'failure', 'denied'] }).notNull().default('success'),
    /** Non-secret details only: field names, never values. */
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_events_target').on(t.targetType, t.target, t.at), index('audit_events_at').on(t.at)],
);

/**
 * Sign-in attempt counters (lib/security/sign-in-throttle.ts), in the database so every process
 * counts against the same numbers. `key` is `pair:<email>|<address>`, `email:<email>` or `ip:<address>`.
 */
export const signInAttempts = sqliteTable('sign_in_attempts', {
  key: text('key').primaryKey(),
  attempts: integer('attempts').notNull(),
  windowStart: integer('window_start', { mode: 'number' }).notNull(),
  blockedUntil: integer('blocked_until', { mode: 'number' }).notNull().default(0),
  updatedAt: integer('updated_at', { mode: 'number' }).notNull(),
});

/** Connect links (issue 15): an admin asks one member to connect one environment; single use, hashed. */
export const connectLinks = sqliteTable(
  'connect_links',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    environmentId: text('environment_id').notNull().references(() => environments.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdBy: text('created_by').notNull(),
    requestedBy: text('requested_by'),
    reason: text('reason'),
    returnTo: text('return_to'),
    expiresAt: integer('expires_at', { mode: 'number' }).notNull(),
    usedAt: integer('used_at', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [index('connect_links_user').on(t.userId)],
);

/** Invitation and password-reset links (issue 15): single use, hashed, short-lived. */
export const accountLinks = sqliteTable(
  'account_links',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    purpose: text('purpose', { enum: ['invite', 'reset'] }).notNull(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdBy: text('created_by').notNull(),
    expiresAt: integer('expires_at', { mode: 'number' }).notNull(),
    usedAt: integer('used_at', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [index('account_links_user').on(t.userId)],
);

/** The identity provider's tokens of a user who signed in with OIDC (encrypted), for token exchange, on-behalf-of and direct access. */
export const signInTokens = sqliteTable('sign_in_tokens', {
  userId: text('user_id').primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  /** Encrypted JSON { access_token, refresh_token?, id_token? } (lib/crypto/secret-box). */
  tokens: text('tokens').notNull(),
  expiresAt: integer('expires_at', { mode: 'number' }),
  updatedAt: updatedAt(),
});

/** Small key/value facts about this installation (for example the encryption key check). */
export const appMeta = sqliteTable('app_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Named leases taken with compare-and-set: one holder at a time across processes (lib/health/leases.ts). */
export const leases = sqliteTable('leases', {
  name: text('name').primaryKey(),
  owner: text('owner').notNull(),
  expiresAt: integer('expires_at', { mode: 'number' }).notNull(),
});

/** Webhook endpoints (Settings → Webhooks): the signing secret is sealed, shown once. */
export const webhookEndpoints = sqliteTable('webhook_endpoints', {
  id: text('id').primaryKey(),
  url: text('url').notNull(),
  events: text('events', { mode: 'json' }).$type<string[]>().notNull(),
  secret: text('secret').notNull(),
  createdBy: text('created_by'),
  createdAt: createdAt(),
});

/** The webhook outbox: one row per event and endpoint, delivered with retries by lib/webhooks/worker.ts. */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    endpointId: text('endpoint_id').notNull().references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    /** The JSON body as sent (never a secret). */
    body: text('body').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'number' }).notNull(),
    /** A worker claimed it until then; after a crash the claim simply runs out. */
    lockedUntil: integer('locked_until', { mode: 'number' }),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    deliveredAt: integer('delivered_at', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [index('webhook_deliveries_due').on(t.status, t.nextAttemptAt), index('webhook_deliveries_endpoint').on(t.endpointId, t.createdAt)],
);

/** Fixed-window counters shared by every instance (runtime rate limits): one row per key and window. */
export const rateLimitCounters = sqliteTable('rate_limit_counters', {
  key: text('key').primaryKey(),
  windowStart: integer('window_start', { mode: 'number' }).notNull(),
  count: integer('count').notNull(),
});


export type User = typeof users.$inferSelect;
export type Connection = typeof connections.$inferSelect;
export type EnvironmentRow = typeof environments.$inferSelect;
export type CredentialRow = typeof credentials.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;
export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
export type ConnectLinkRow = typeof connectLinks.$inferSelect;
export type AccountLinkRow = typeof accountLinks.$inferSelect;
