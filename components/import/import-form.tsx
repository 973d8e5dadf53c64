'use client';

import Link from 'next/link';
import { useState, useTransition } from 'react';
import { importConnectionsAction, previewImportAction } from '@/app/(console)/connections/import/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field, Textarea } from '@/components/ui/field';
import type { ImportPlan } from '@/lib/import-export/plan-import';
import { ImportIssues, type Issue } from './import-issues';
import { ImportPlanTable } from './import-plan-table';

type State =
  | { step: 'edit' }
  | { step: 'invalid'; message: string; issues: Issue[] }
  | { step: 'planned'; plan: ImportPlan; text: string }
  | { step: 'done'; plan: ImportPlan };

export function ImportForm() {
  const [text, setText] = useState('');
  const [state, setState] = useState<State>({ step: 'edit' });
  const [confirmRemoval, setConfirmRemoval] = useState(false);
  const [pending, startTransition] = useTransition();

  const fail = (result: { message: string; extra?: Record<string, unknown>; fieldErrors?: Record<string, string> }) => {
    const issues = (result.extra?.issues as Issue[] | undefined) ?? Object.entries(result.fieldErrors ?? {}).map(([path, message]) => ({ document: -1, line: null, path, message }));
    setState({ step: 'invalid', message: result.message, issues });
  };
  const preview = () =>
    startTransition(async () => {
      const result = await previewImportAction({ text });
      setConfirmRemoval(false);
      if (result.ok && result.data) setState({ step: 'planned', plan: result.data, text });
      else if (!result.ok) fail(result);
    });
  const runImport = (planned: string) =>
    startTransition(async () => {
      const result = await importConnectionsAction({ text: planned, confirmCredentialRemoval: confirmRemoval });
      if (result.ok && result.data) setState({ step: 'done', plan: result.data });
      else if (!result.ok) fail(result);
    });
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setText(await file.text());
    setState({ step: 'edit' });
  };
  const planned = state.step === 'planned' && state.text === text ? state.plan : null;
  const needsConfirm = (planned?.credentials_removed ?? 0) > 0;

  return (
    <div className="space-y-6">
      <Card title="File">
        <div className="space-y-4">
          <Field id="import-file" label="Upload a file" hint=".yaml, .yml or .json">
            <input id="import-file" type="file" accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml" className="block text-sm" onChange={(e) => onFile(e.target.files?.[0])} />
          </Field>
          <Field id="import-text" label="Connection file (YAML or JSON)">
            <Textarea id="import-text" rows={16} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} placeholder={'spec_version: v1\nkind: connection\napp_id: my_app\nenvironments:\n  draft:\n    kind: basic\n    type: team'} />
          </Field>
          <Button variant="secondary" onClick={preview} pending={pending && !planned} disabled={!text.trim()}>Preview</Button>
        </div>
      </Card>

      {state.step === 'invalid' && <ImportIssues message={state.message} issues={state.issues} />}

      {planned && (
        <Card title="Preview" description={`${planned.created} to create, ${planned.updated} to update. Nothing has been written yet.`}>
          <ImportPlanTable plan={planned} />
          {planned.warnings.length > 0 && (
            <Alert tone="warning" title={`${planned.warnings.length} warning(s): imported, but read differently than written`} className="mt-4">
              <ul className="mt-1 list-disc space-y-1 pl-5">
                {planned.warnings.map((warning, index) => (
                  <li key={index} data-testid="import-warning">{warning}</li>
                ))}
              </ul>
            </Alert>
          )}
          {needsConfirm && (
            <label className="mt-4 flex items-start gap-2 text-sm text-amber-900">
              <input type="checkbox" className="mt-1" checked={confirmRemoval} onChange={(e) => setConfirmRemoval(e.target.checked)} />
              <span>Remove the stored credentials of {planned.credentials_removed} owner(s): their kind, type or sso changes, or their environment is removed.</span>
            </label>
          )}
          <div className="mt-4">
            <Button onClick={() => runImport(text)} pending={pending} disabled={needsConfirm && !confirmRemoval}>Import</Button>
          </div>
        </Card>
      )}
      {state.step === 'planned' && !planned && <Alert tone="info">The text changed since the preview: preview again before importing.</Alert>}

      {state.step === 'done' && (
        <Alert tone="success" title={`Imported ${state.plan.steps.length} connection(s): ${state.plan.created} created, ${state.plan.updated} updated.`}>
          <ul className="mt-1 list-inside list-disc">
            {state.plan.steps.slice(0, 20).map((s) => (
              <li key={s.app_id}><Link className="underline" href={`/connections/${s.app_id}`}>{s.app_id}</Link></li>
            ))}
          </ul>
        </Alert>
      )}
    </div>
  );
}
