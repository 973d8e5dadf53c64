import type { CatalogLogo } from '@/lib/catalog/catalog';
import { cn } from '@/components/ui/cn';

/** A provider's simple-icons logo in its brand colour, or a lettered badge when there is none. */
export function ProviderLogo({ name, logo, className }: { name: string; logo?: CatalogLogo | null; className?: string }) {
  if (logo) {
    return (
      <svg role="img" aria-label={`${name} logo`} viewBox="0 0 24 24" className={cn('size-8 shrink-0', className)} fill={`#${logo.hex}`}>
        <path d={logo.path} />
      </svg>
    );
  }
  const letters = name.replace(/[^A-Za-z0-9 ]/g, '').split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0]!.toUpperCase()).join('');
  return (
    <span aria-hidden className={cn('inline-flex size-8 shrink-0 items-center justify-center rounded-md bg-slate-200 text-xs font-semibold text-slate-700', className)}>
      {letters || '?'}
    </span>
  );
}
