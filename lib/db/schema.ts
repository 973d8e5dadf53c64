import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const now = sql`(unixepoch('subsec') * 1000)`;
const createdAt = () => integer('created_at', { mode: 'number' }).notNull().default(now);
const updatedAt = () => integer('updated_at', { mode: 'number' }).notNull().default(now);

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name'),
  passwordHash: text('password_hash'),
  role: text('role', { enum: ['admin', 'member'] }).notNull(),
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
    kind: text('kind').notNull(),
    type: text('type', { enum: ['team', 'member'] }).notNull(),
    serverUrl: text('server_url'),
    sso: integer('sso', { mode: 'boolean' }).notNull().default(false),
    idpConfig: text('idp_config', { mode: 'json' }).$type<{ header: Record<string, string>; body: Record<string, string> }>(),
    appConfig: text('app_config', { mode: 'json' }).$type<{ header: Record<string, string> }>(),
    customConfigEntries: text('custom_config_entries', { mode: 'json' }).$type<Record<string, string>>(),
    /** The builder's `auth:` settings (SPEC §3), stored as validated JSON. */
    authSettings: text('auth_settings', { mode: 'json' }).$type<Record<string, unknown>>(),
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

export type User = typeof users.$inferSelect;
export type Connection = typeof connections.$inferSelect;
export type EnvironmentRow = typeof environments.$inferSelect;
export type CredentialRow = typeof credentials.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;
export type ConnectLinkRow = typeof connectLinks.$inferSelect;
export type AccountLinkRow = typeof accountLinks.$inferSelect;
