'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { createFromTemplateAction } from '@/app/(console)/connections/catalog-actions';
import { Button, ButtonLink } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { describedBy, Field, Input, Select } from '@/components/ui/field';
import { FormError } from '@/components/ui/form-status';
import type { CatalogEntry, CatalogKind } from '@/lib/catalog/catalog-schema';
import { defaultScopes, isOAuthCatalogKind, type TemplateInput } from '@/lib/catalog/template-document';
import { KIND_REGISTRY } from '@/lib/connections/kinds';
import type { IssuerMetadata } from '@/lib/oauth/discover-issuer';
import { IssuerDiscovery } from './issuer-discovery';

type Errors = Record<string, string>;

/** A connection from a template: every field pre-filled from the catalog, all editable. */
export function TemplateForm({ entry, steps }: { entry: CatalogEntry; steps: React.ReactNode }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [appId, setAppId] = useState(entry.name);
  const [kind, setKind] = useState<CatalogKind>(entry.kinds[0]);
  const [type, setType] = useState<'team' | 'member'>(entry.type);
  const [parameters, setParameters] = useState<Record<string, string>>({});
  const [scopes, setScopes] = useState<string[]>(defaultScopes(entry));
  const [registration, setRegistration] = useState({ client_id: '', client_secret: '', authorization_url: entry.oauth?.authorization_url ?? '', token_url: entry.oauth?.token_url ?? '', send_via: entry.oauth?.send_via ?? '' });
  const [mcpUrl, setMcpUrl] = useState('');
  const [discovered, setDiscovered] = useState<string[]>([]);
  const oauth = isOAuthCatalogKind(kind);
  const mcp = entry.setup === 'mcp';
  const listed = [...(entry.oauth?.scopes.default ?? []), ...(entry.oauth?.scopes.optional ?? [])];
  const allScopes = [...listed, ...discovered.filter((name) => !listed.some((s) => s.name === name)).map((name) => ({ name, description: 'Listed by the provider’s metadata' }))];
  const fillFromIssuer = (metadata: IssuerMetadata) => {
    setRegistration((r) => ({ ...r, authorization_url: metadata.authorization_url ?? r.authorization_url, token_url: metadata.token_url, send_via: metadata.send_via ?? r.send_via }));
    setDiscovered(metadata.scopes_supported);
  };
  const id = (name: string) => `tpl-${name.replace(/\./g, '-')}`;
  const setReg = (key: keyof typeof registration, value: string) => setRegistration((r) => ({ ...r, [key]: value }));

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const input: TemplateInput = {
      template: entry.name,
      app_id: appId,
      kind,
      type: kind === 'key_value' ? 'team' : type,
      parameters,
      scopes: oauth && !mcp ? scopes : undefined,
      registration: mcp
        ? { client_id: registration.client_id, client_secret: registration.client_secret }
        : oauth
          ? { ...registration, authorization_url: kind === 'oauth_auth_code_flow' ? registration.authorization_url : undefined, send_via: registration.send_via ? (registration.send_via as 'header' | 'body') : undefined }
          : undefined,
      mcp: mcp ? { server_url: mcpUrl } : undefined,
    };
    startTransition(async () => {
      setError(null);
      setErrors({});
      const result = await createFromTemplateAction(input);
      if (result.ok) return router.push(`/connections/${encodeURIComponent(result.data!.appId)}`);
      setError(result.message);
      setErrors(result.fieldErrors ?? {});
    });
  };

  const text = (name: string, label: string, value: string, onChange: (v: string) => void, opts: { hint?: string; required?: boolean; type?: string; placeholder?: string } = {}) => (
    <Field id={id(name)} label={label} required={opts.required} error={errors[name]} hint={opts.hint}>
      <Input id={id(name)} type={opts.type ?? 'text'} value={value} placeholder={opts.placeholder} autoComplete="off" onChange={(e) => onChange(e.target.value)} aria-invalid={Boolean(errors[name])} aria-describedby={describedBy(id(name), errors[name], opts.hint)} />
    </Field>
  );

  return (
    <form onSubmit={submit} noValidate className="space-y-6" aria-label={`New ${entry.display_name} connection`}>
      <FormError message={error} />
      <Card title="Connection">
        <div className="grid gap-4 sm:grid-cols-2">
          {text('app_id', 'App ID', appId, setAppId, { required: true, hint: 'Letters, digits and underscores. Tools use it to ask for credentials.' })}
          {entry.kinds.length > 1 && (
            <fieldset className="space-y-1">
              <legend className="text-sm font-medium text-slate-800">Authentication kind</legend>
              {entry.kinds.map((k) => (
                <label key={k} className="flex items-center gap-2 text-sm">
                  <input type="radio" name="tpl-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
                  {KIND_REGISTRY[k].label} <span className="text-slate-500">({k})</span>
                </label>
              ))}
              {errors.kind && <p role="alert" className="text-xs font-medium text-red-700">{errors.kind}</p>}
            </fieldset>
          )}
          {kind !== 'key_value' && (
            <fieldset className="space-y-1">
              <legend className="text-sm font-medium text-slate-800">Credentials are set</legend>
              <label className="flex items-center gap-2 text-sm"><input type="radio" name="tpl-type" checked={type === 'team'} onChange={() => setType('team')} />Once for the team (team)</label>
              <label className="flex items-center gap-2 text-sm"><input type="radio" name="tpl-type" checked={type === 'member'} onChange={() => setType('member')} />By each member (member)</label>
            </fieldset>
          )}
          {entry.parameters.map((p) => text(`parameters.${p.key}`, p.label, parameters[p.key] ?? '', (v) => setParameters((all) => ({ ...all, [p.key]: v })), { required: true, hint: `${p.hint ? `${p.hint}. ` : ''}For example ${p.example}. Fills {${p.key}} in the URLs.`, placeholder: p.example }))}
        </div>
      </Card>
      <Card title={`Register ${entry.display_name}`} description={oauth ? 'Create the OAuth app at the provider first.' : undefined}>{steps}</Card>
      {mcp && (
        <Card title="MCP server" description="Discovered when you create the connection: its authorization server, and a client registered for this console unless you give one.">
          <div className="grid gap-4 sm:grid-cols-2">
            {text('mcp.server_url', 'MCP server URL', mcpUrl, setMcpUrl, { required: true, placeholder: 'https://mcp.example.com/mcp', hint: 'Sent as the resource indicator (RFC 8707) on every request.' })}
            {text('registration.client_id', 'Client ID', registration.client_id, (v) => setReg('client_id', v), { hint: 'Leave empty to register a client dynamically (RFC 7591).' })}
            {text('registration.client_secret', 'Client secret', registration.client_secret, (v) => setReg('client_secret', v), { type: 'password' })}
          </div>
        </Card>
      )}
      {oauth && !mcp && (
        <Card title="Client registration" description="Pre-filled from the catalog; change anything your provider setup needs.">
          <IssuerDiscovery onFilled={fillFromIssuer} prominent={entry.setup === 'discovery'} />
          <div className="mt-4 grid gap-4 sm:grid-cols-2">
            {text('registration.client_id', 'Client ID', registration.client_id, (v) => setReg('client_id', v), { required: true })}
            {text('registration.client_secret', 'Client secret', registration.client_secret, (v) => setReg('client_secret', v), { type: 'password' })}
            {kind === 'oauth_auth_code_flow' && text('registration.authorization_url', 'Authorization URL', registration.authorization_url, (v) => setReg('authorization_url', v), { required: true, hint: entry.parameters.length ? '{placeholders} are filled from the values above.' : undefined })}
            {text('registration.token_url', 'Token URL', registration.token_url, (v) => setReg('token_url', v), { required: true })}
            <Field id={id('registration.send_via')} label="Send client credentials via" error={errors['registration.send_via']}>
              <Select id={id('registration.send_via')} value={registration.send_via} onChange={(e) => setReg('send_via', e.target.value)}>
                <option value="">Header, then body if refused</option>
                <option value="header">Header (client_secret_basic)</option>
                <option value="body">Body (client_secret_post)</option>
              </Select>
            </Field>
          </div>
          {allScopes.length > 0 && (
            <fieldset className="mt-4 space-y-1">
              <legend className="text-sm font-medium text-slate-800">Scopes to request</legend>
              {allScopes.map((s) => (
                <label key={s.name} className="flex items-start gap-2 text-sm">
                  <input type="checkbox" className="mt-1" checked={scopes.includes(s.name)} onChange={(e) => setScopes((all) => (e.target.checked ? [...all, s.name] : all.filter((n) => n !== s.name)))} />
                  <span><code className="text-xs">{s.name}</code> <span className="text-slate-600">— {s.description}</span></span>
                </label>
              ))}
              {errors.scopes && <p role="alert" className="text-xs font-medium text-red-700">{errors.scopes}</p>}
            </fieldset>
          )}
        </Card>
      )}
      <div className="flex justify-end gap-2">
        <ButtonLink href="/connections/new" variant="secondary">Back to the catalog</ButtonLink>
        <Button type="submit" pending={pending}>Create connection</Button>
      </div>
    </form>
  );
}
