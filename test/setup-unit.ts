import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

// Every test file gets its own real SQLite file and key in a temporary folder.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-unit-'));
process.env.DATABASE_PATH = path.join(dir, 'test.db');
process.env.CONNECTIONS_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');
process.env.AUTH_SECRET = 'unit-test-secret-unit-test-secret';
// The OAuth tests talk to a real provider on 127.0.0.1, which the outbound guard refuses by default.
process.env.OUTBOUND_ALLOW_LOOPBACK = '1';

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
