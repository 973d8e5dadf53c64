'use client';

import { useFormContext, useWatch } from 'react-hook-form';
import { Badge } from '@/components/ui/badge';
import { describedBy, Field, Textarea } from '@/components/ui/field';
import { MAX_ADDITIONAL_SCOPES_LENGTH } from '@/lib/connections/auth-settings-schema';
import { joinScopes, resolveScopes, ScopeChoiceError, type ScopeChoice, type ScopeSettings } from '@/lib/connections/resolve-scopes';

function requestedScopes(settings: ScopeSettings, choice: ScopeChoice | undefined): { scopes: string[]; error?: string } {
  try {
    return { scopes: resolveScopes(settings, choice) };
  } catch (e) {
    if (e instanceof ScopeChoiceError) return { scopes: [], error: e.message };
    throw e;
  }
}

/**
 * The Permissions part of the connect page: "Use default scopes" or "Customize scopes" (required
 * ones cannot be dropped), optional additional scopes, and the exact set that will be requested.
 */
export function PermissionsFieldset({ settings, idPrefix }: { settings: ScopeSettings; idPrefix: string }) {
  const { register, getFieldState, formState, control } = useFormContext();
  const choice = useWatch({ control, name: 'scope_choice' }) as ScopeChoice | undefined;
  const customizing = settings.allow_customize && choice?.mode === 'custom';
  const additionalId = `${idPrefix}-additional-scopes`;
  const additionalError = getFieldState('scope_choice.additional', formState).error?.message;
  const selectedError = getFieldState('scope_choice.selected', formState).error?.message;
  const additionalLength = choice?.additional?.length ?? 0;
  const requested = requestedScopes(settings, choice);
  return (
    <fieldset className="space-y-4 rounded-md border border-slate-200 p-4">
      <legend className="px-1 text-sm font-medium text-slate-800">Permissions</legend>
      {settings.allow_customize && (
        <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm" role="radiogroup" aria-label="Scopes">
          <label className="flex items-center gap-2">
            <input type="radio" value="default" {...register('scope_choice.mode')} /> Use default scopes
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" value="custom" {...register('scope_choice.mode')} /> Customize scopes
          </label>
        </div>
      )}
      {settings.items.length > 0 ? (
        <ul className="grid gap-2 sm:grid-cols-2" aria-label="Scopes of this connection">
          {settings.items.map((scope) => {
            const id = `${idPrefix}-scope-${scope.name}`;
            const locked = !customizing || scope.required;
            return (
              <li key={scope.name} className="flex items-center gap-2 text-sm">
                {/* Distinct keys: React must not reuse the locked (checked) input as the member's choice. */}
                {locked ? (
                  <input key="locked" id={id} type="checkbox" checked disabled readOnly />
                ) : (
                  <input key="choice" id={id} type="checkbox" value={scope.name} {...register('scope_choice.selected')} />
                )}
                <label htmlFor={id} className="font-mono text-xs text-slate-800">{scope.name}</label>
                {scope.required && <Badge tone="blue">Required</Badge>}
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="text-sm text-slate-500">No scopes are listed for this connection.</p>
      )}
      {selectedError && <p role="alert" className="text-xs font-medium text-red-700">{selectedError}</p>}
      {settings.allow_additional && (
        <Field
          id={additionalId}
          label="Additional scopes"
          hint={`Separated by ${settings.delimiter === 'comma' ? 'commas' : 'spaces'}; ${additionalLength}/${MAX_ADDITIONAL_SCOPES_LENGTH} characters.`}
          error={additionalError}
        >
          <Textarea
            id={additionalId}
            rows={2}
            maxLength={MAX_ADDITIONAL_SCOPES_LENGTH}
            aria-invalid={Boolean(additionalError)}
            aria-describedby={describedBy(additionalId, additionalError, true)}
            {...register('scope_choice.additional')}
          />
        </Field>
      )}
      <div className="text-sm">
        <p className="text-slate-600">Will request:</p>
        {requested.error ? (
          <p role="alert" className="text-xs font-medium text-red-700">{requested.error}</p>
        ) : (
          <output className="mt-1 block break-all rounded bg-slate-50 px-2 py-1 font-mono text-xs text-slate-900" aria-label="Requested scopes">
            {joinScopes(requested.scopes, settings.delimiter) || '(no scopes)'}
          </output>
        )}
      </div>
    </fieldset>
  );
}
