import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlite } from './client';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cm-modes-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

// SQLite files of their own: these run the same when the other tests use PostgreSQL.
describe('database file modes', () => {
  it('creates the database, its WAL and shm files 0600, whatever the umask', () => {
    const previous = process.umask(0o022);
    try {
      const file = path.join(dir, 'fresh', 'connections.db');
      const { sqlite } = openSqlite(file);
      sqlite.prepare("insert into app_meta (key, value) values ('mode-test', 'x')").run();
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(f), f).toBe(0o600);
      expect(modeOf(path.dirname(file))).toBe(0o700);
      sqlite.close();
    } finally {
      process.umask(previous);
    }
  });

  it('tightens an existing database file that others could read', () => {
    const file = path.join(dir, 'old.db');
    fs.writeFileSync(file, '', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    const { sqlite } = openSqlite(file);
    expect(modeOf(file)).toBe(0o600);
    sqlite.close();
  });
});
