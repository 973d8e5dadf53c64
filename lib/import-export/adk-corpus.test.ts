import crypto from 'node:crypto';
import { eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getConnection, toConnectionDocument } from '@/lib/connections/get-connection';
import { getDb } from '@/lib/db/client';
import { connections, environments } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { seedUser } from '@/test/db-fixtures';
import { ADK_CORPUS, corpusText } from '@/test/adk-corpus';
import { exportConnectionYaml } from './export-connection';
import { importConnections } from './import-connections';
import { planImport } from './plan-import';

const accepted = ADK_CORPUS.filter((f) => f.accept);
const refused = ADK_CORPUS.filter((f) => !f.accept);

async function storedRows(appIdLike: string): Promise<string> {
  return JSON.stringify(await getDb().select().from(connections).leftJoin(environments, eq(environments.connectionId, connections.id)).where(like(connections.appId, appIdLike)));
}

describe('connection files written for watsonx Orchestrate import as the ADK decides', () => {
  it('has a corpus of at least 30 files in the real styles', () => {
    expect(ADK_CORPUS.length).toBeGreaterThanOrEqual(30);
    expect(accepted.length).toBeGreaterThanOrEqual(15);
    expect(refused.length).toBeGreaterThanOrEqual(15);
  });

  it.each(accepted.map((f) => [f.name, f] as const))('accepts: %s', async (_name, file) => {
    if (!file.accept) throw new Error('fixture');
    const id = crypto.randomUUID().slice(0, 8);
    const text = corpusText(file, id);
    const appId = file.appId.replaceAll('{id}', id);
    const plan = await planImport(text);
    expect(plan.steps.map((s) => s.app_id)).toEqual([appId]);
    // Every warning is one the file deserves, and each expected one is there.
    expect(plan.warnings).toHaveLength(file.warnings?.length ?? 0);
    for (const warning of file.warnings ?? []) expect(plan.warnings.some((w) => warning.test(w)), `${warning} in ${JSON.stringify(plan.warnings)}`).toBe(true);

    const result = await importConnections(await seedUser('admin'), text);
    expect(result.created).toBe(1);
    const doc = toConnectionDocument(await getConnection(appId));
    for (const [env, expected] of Object.entries(file.environments ?? {})) {
      expect(doc.environments[env as 'draft' | 'live'], env).toMatchObject(expected);
    }
    // Nothing unknown is stored, and the export is SPEC §2 (auth_settings, never auth).
    const exported = await exportConnectionYaml(appId);
    for (const unknown of ['headers', 'endpoints', 'description', 'catalog', 'security_scheme', 'preference', 'custom_runtime_creds', 'idp_config_data', 'auth_url', '{{JIRA']) {
      expect(exported).not.toContain(unknown);
      expect(await storedRows(appId)).not.toContain(unknown);
    }
    expect(exported).not.toMatch(/^\s+auth:/m);
    // What was exported imports again to the same configuration.
    await importConnections(await seedUser('admin'), exported);
    expect(toConnectionDocument(await getConnection(appId))).toEqual(doc);
  });

  it.each(refused.map((f) => [f.name, f] as const))('refuses, with the reason, writing nothing: %s', async (_name, file) => {
    if (file.accept) throw new Error('fixture');
    const id = crypto.randomUUID().slice(0, 8);
    const text = corpusText(file, id);
    let error: unknown;
    try {
      await importConnections(await seedUser('admin'), text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    const issues = ((error as AppError).extra?.issues ?? []) as Array<{ message: string; line: number | null }>;
    expect(issues.some((i) => file.error.test(i.message)), JSON.stringify(issues)).toBe(true);
    expect(issues.every((i) => i.line !== null)).toBe(true);
    expect(await storedRows(`%${id}%`)).toBe('[]');
  });

  it('imports the whole accepted corpus as one multi-document file, all or nothing', async () => {
    const id = crypto.randomUUID().slice(0, 8);
    const text = accepted.map((f) => corpusText(f, id).replace(/^\{.*\}\n$/s, (json) => `${JSON.stringify(JSON.parse(json))}\n`)).join('---\n');
    const plan = await importConnections(await seedUser('admin'), text);
    expect(plan.created).toBe(accepted.length);
    const broken = `${text}---\n${corpusText(refused[0], id)}`;
    await expect(importConnections(await seedUser('admin'), broken.replaceAll(id, `${id}x`))).rejects.toThrow(AppError);
    expect(await storedRows(`%${id}x%`)).toBe('[]');
  });
});
