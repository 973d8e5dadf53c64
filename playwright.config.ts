import { defineConfig } from '@playwright/test';
import { CONSOLE_IDP } from './e2e/fixtures/console-idp';
import { E2E } from './e2e/fixtures/e2e-env';

export default defineConfig({
  testDir: './e2e',
  outputDir: `${E2E.dataDir}-results`,
  fullyParallel: false,
  workers: process.env.CI ? 2 : 2,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: E2E.baseUrl,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [
    { name: 'setup', testMatch: /global\.setup\.ts/ },
    { name: 'chromium', testMatch: /.*\.spec\.ts/, dependencies: ['setup'], use: { storageState: E2E.adminState } },
  ],
  webServer: [
  {
    // The console's identity provider (OIDC sign-in): up before the console, which reads OIDC_ISSUER at start.
    command: 'node bin/run-ts.mjs e2e/fixtures/console-idp.ts',
    url: `${CONSOLE_IDP.issuer}/.well-known/openid-configuration`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
  {
    // A fresh database and key for every run: the setup project creates the first admin through the UI.
    command: `rm -rf ${E2E.dataDir} && mkdir -p ${E2E.dataDir} && node bin/server.mjs 2>&1 | tee ${E2E.serverLog}`,
    url: `${E2E.baseUrl}/login`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(E2E.port),
      APP_URL: E2E.baseUrl,
      DATABASE_PATH: E2E.dbPath,
      CONNECTIONS_ENCRYPTION_KEY: E2E.encryptionKey,
      AUTH_SECRET: 'e2e-auth-secret-e2e-auth-secret-0123456789',
      NEXT_TELEMETRY_DISABLED: '1',
      // Short, so the "provider never answers" tests finish quickly.
      OUTBOUND_TIMEOUT_MS: '3000',
      // The test provider (oidc-provider) listens on 127.0.0.1, which the outbound guard refuses by default.
      OUTBOUND_ALLOW_LOOPBACK: '1',
      // The background sweep would verify or renew credentials at a moment no test controls; it has its own
      // tests (lib/health/refresh-health.test.ts, multi-process.test.ts) on real server processes.
      SWEEP_INTERVAL_SECONDS: '0',
      OIDC_ISSUER: CONSOLE_IDP.issuer,
      OIDC_CLIENT_ID: CONSOLE_IDP.clientId,
      OIDC_CLIENT_SECRET: CONSOLE_IDP.clientSecret,
      OIDC_ALLOW_SIGNUP: '1',
      OIDC_ADMIN_GROUP: CONSOLE_IDP.adminGroup,
      // As behind a reverse proxy: a test can come "from another address" with X-Forwarded-For
      // (every loopback connection has the source 127.0.0.1). Without the header the socket counts.
      TRUST_PROXY: '1',
    },
  },
  ],
});
