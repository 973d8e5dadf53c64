'use client';

import { useState } from 'react';
import { useFormContext } from 'react-hook-form';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { describedBy, Field, Input } from '@/components/ui/field';

/**
 * A write-only secret. When one is stored the browser only knows that: it can be replaced (or,
 * when optional, cleared), never shown. Empty means "keep"; `null` means "clear" (the shared schema's rule).
 */
export function SecretField({ name, id, label, isSet, required, hint, error }: { name: string; id: string; label: string; isSet: boolean; required?: boolean; hint?: string; error?: string }) {
  const { register, setValue } = useFormContext();
  const [mode, setMode] = useState<'keep' | 'replace' | 'clear'>(isSet ? 'keep' : 'replace');
  const choose = (next: typeof mode) => {
    setMode(next);
    setValue(name, next === 'clear' ? null : '', { shouldDirty: true });
  };
  if (mode === 'replace') {
    return (
      <Field id={id} label={label} required={required && !isSet} hint={isSet ? 'Leave empty to keep the stored value.' : hint} error={error}>
        <div className="flex gap-2">
          <Input id={id} type="password" autoComplete="new-password" aria-invalid={Boolean(error)} aria-describedby={describedBy(id, error, true)} {...register(name)} />
          {isSet && <Button variant="ghost" size="sm" onClick={() => choose('keep')}>Cancel</Button>}
        </div>
      </Field>
    );
  }
  return (
    <div className="space-y-1">
      <p className="text-sm font-medium text-slate-800" id={`${id}-label`}>{label}</p>
      <div className="flex flex-wrap items-center gap-2" role="group" aria-labelledby={`${id}-label`}>
        {mode === 'keep' ? <Badge tone="green">Set</Badge> : <Badge tone="amber">Will be cleared when you save</Badge>}
        {mode === 'keep' ? (
          <>
            <Button variant="secondary" size="sm" onClick={() => choose('replace')} aria-label={`Replace ${label}`}>Replace</Button>
            {/* A required secret cannot be saved empty, so clearing it would only ever fail. */}
            {!required && <Button variant="ghost" size="sm" onClick={() => choose('clear')} aria-label={`Clear ${label}`}>Clear</Button>}
          </>
        ) : (
          <Button variant="ghost" size="sm" onClick={() => choose('keep')}>Undo</Button>
        )}
      </div>
      {error && <p role="alert" className="text-xs font-medium text-red-700">{error}</p>}
    </div>
  );
}
