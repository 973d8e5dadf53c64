import { databaseDialectFromEnvironment } from './dialect';
import * as pg from './schema/pg';
import * as sqlite from './schema/sqlite';

/**
 * The tables of the dialect this process runs on, under one type: the PostgreSQL and SQLite schemas
 * (./schema/pg.ts, ./schema/sqlite.ts) declare the same tables with the same TypeScript types, and
 * drizzle-kit generates each dialect's migrations from its own file.
 */
const tables = (databaseDialectFromEnvironment() === 'postgres' ? pg : sqlite) as unknown as typeof pg;

export const {
  users,
  connections,
  environments,
  credentials,
  oauthStates,
  apiKeys,
  auditEvents,
  signInAttempts,
  connectLinks,
  accountLinks,
  signInTokens,
  appMeta,
  leases,
  webhookEndpoints,
  webhookDeliveries,
  rateLimitCounters,
} = tables;

export type {
  User,
  Connection,
  EnvironmentRow,
  CredentialRow,
  AuditEvent,
  ApiKeyRow,
  WebhookEndpointRow,
  WebhookDeliveryRow,
  ConnectLinkRow,
  AccountLinkRow,
} from './schema/pg';
