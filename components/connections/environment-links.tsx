import { ButtonLink } from '@/components/ui/button';
import type { EnvName } from '@/lib/connections/kinds';
import type { EnvironmentRow } from '@/lib/db/schema';

/** Where to go from an environment: the builder's auth settings and the connect page members see. */
export function EnvironmentLinks({ appId, env, row, isAdmin }: { appId: string; env: EnvName; row: EnvironmentRow; isAdmin: boolean }) {
  const showConnect = row.type === 'member' || isAdmin;
  if (!isAdmin && !showConnect) return null;
  return (
    <div className="flex flex-wrap gap-2">
      {isAdmin && <ButtonLink href={`/connections/${appId}/auth-settings?env=${env}`} variant="secondary" size="sm">Auth settings</ButtonLink>}
      {showConnect && (
        <ButtonLink href={`/connections/${appId}/connect?env=${env}`} variant="secondary" size="sm">
          {row.type === 'member' ? 'Connect page' : 'Set up on the connect page'}
        </ButtonLink>
      )}
    </div>
  );
}
