import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { connectionSchema } from '@/lib/connections/connection-schema';
import { fillPlaceholders } from '@/lib/connections/fill-placeholders';
import { listCatalog, logoFor, searchCatalog } from './catalog';
import { catalogEntrySchema, catalogSchema } from './catalog-schema';
import { templateDocument, templateYaml } from './template-document';

const yamlPath = path.join(import.meta.dirname, 'providers.yaml');
const raw = parse(fs.readFileSync(yamlPath, 'utf8')) as Array<Record<string, unknown>>;

describe('providers.yaml', () => {
  it('has at least 60 providers, each valid against the catalog schema', () => {
    expect(raw.length).toBeGreaterThanOrEqual(60);
    for (const entry of raw) {
      const result = catalogEntrySchema.safeParse(entry);
      expect(result.success ? 'ok' : `${String(entry.name)}: ${JSON.stringify(result.error.issues)}`).toBe('ok');
    }
    expect(catalogSchema.safeParse(raw).success).toBe(true);
  });

  it('lists the providers the issue names, with their parameters', () => {
    const byName = new Map(listCatalog().map((e) => [e.name, e]));
    for (const name of ['google', 'microsoft', 'github', 'gitlab', 'slack', 'salesforce', 'servicenow', 'okta', 'zendesk', 'shopify', 'aws', 'watsonx_ai', 'datadog']) {
      expect(byName.has(name), name).toBe(true);
    }
    expect(byName.get('microsoft')!.parameters.map((p) => p.key)).toEqual(['tenant']);
    expect(byName.get('gitlab')!.parameters.map((p) => p.key)).toEqual(['host']);
    expect(byName.get('servicenow')!.parameters.map((p) => p.key)).toEqual(['instance']);
    expect(byName.get('aws')!.kinds).toEqual(['key_value']);
    // Okta's domain pattern only allows Okta-hosted domains.
    const okta = byName.get('okta')!.parameters[0];
    expect(new RegExp(`^(?:${okta.pattern})$`).test('acme.okta.com')).toBe(true);
    expect(new RegExp(`^(?:${okta.pattern})$`).test('evil.example.com')).toBe(false);
  });

  it('refuses a broken entry: undeclared placeholder, bad URL, example not matching its pattern', () => {
    const github = raw.find((e) => e.name === 'github')!;
    const broken = [
      { ...github, oauth: { ...(github.oauth as object), token_url: 'https://{host}/token' } },
      { ...github, docs_url: 'ftp://example.com' },
      { ...github, parameters: [{ key: 'host', label: 'Host', pattern: '[a-z]+', example: 'NOT-LOWER' }] },
      { ...github, kinds: ['api_key'] },
      { ...github, unknown_key: true },
    ];
    for (const entry of broken) expect(catalogEntrySchema.safeParse(entry).success).toBe(false);
    expect(catalogSchema.safeParse([github, github]).success).toBe(false);
  });

  it('is what the generated module holds (npm run catalog:generate) and names only existing icons', () => {
    execFileSync(process.execPath, ['scripts/generate-catalog.mjs', '--check'], { cwd: path.join(import.meta.dirname, '../..') });
    for (const entry of listCatalog()) if (entry.logo) expect(logoFor(entry)?.path, entry.name).toMatch(/^[Mm]/);
  });

  it('makes a valid connection document from every template, with every URL filled from the examples', () => {
    for (const entry of listCatalog()) {
      const parameters = Object.fromEntries(entry.parameters.map((p) => [p.key, p.example]));
      for (const kind of entry.kinds) {
        const doc = connectionSchema.safeParse(templateDocument(entry, { app_id: entry.name, kind, parameters }));
        expect(doc.success ? 'ok' : `${entry.name}/${kind}: ${JSON.stringify(doc.error.issues)}`).toBe('ok');
      }
      for (const url of [entry.server_url, entry.oauth?.authorization_url, entry.oauth?.token_url]) {
        if (url) expect(() => new URL(fillPlaceholders(url, parameters))).not.toThrow();
      }
      expect(templateYaml(entry)).toContain('kind: connection');
    }
  });

  it('searches names, descriptions and categories', () => {
    expect(searchCatalog('git').map((e) => e.name)).toEqual(expect.arrayContaining(['github', 'gitlab']));
    expect(searchCatalog('ai').length).toBeGreaterThan(5);
    expect(searchCatalog('zzz-nothing')).toEqual([]);
    expect(searchCatalog('').length).toBe(listCatalog().length);
  });

  it('exports a template as a kind: connection file with auth_settings and the registration as a comment', () => {
    const yaml = templateYaml(listCatalog().find((e) => e.name === 'microsoft')!, { tenant: 'contoso.onmicrosoft.com' });
    const doc = parse(yaml) as Record<string, any>;
    expect(doc).toMatchObject({ spec_version: 'v1', kind: 'connection', app_id: 'microsoft' });
    expect(doc.environments.draft.auth_settings.config_values).toEqual([expect.objectContaining({ key: 'tenant', value: 'contoso.onmicrosoft.com' })]);
    expect(doc.environments.draft.auth_settings.scopes.items.map((s: { name: string }) => s.name)).toEqual(['openid', 'offline_access', 'User.Read']);
    expect(yaml).toContain("--token-url 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token'");
  });
});
