import Link from 'next/link';
import { buttonClass } from './button';

/** Numbered paging through links, so it works without JavaScript and keeps the URL shareable. */
export function Pagination({ page, pageCount, href }: { page: number; pageCount: number; href: (page: number) => string }) {
  if (pageCount <= 1) return null;
  const link = (target: number, label: string, rel?: string) =>
    target < 1 || target > pageCount ? (
      <span className={buttonClass({ variant: 'secondary', size: 'sm' }, 'pointer-events-none opacity-50')} aria-disabled>{label}</span>
    ) : (
      <Link href={href(target)} rel={rel} className={buttonClass({ variant: 'secondary', size: 'sm' })}>{label}</Link>
    );
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between gap-3 text-sm text-slate-600">
      <span>Page {page} of {pageCount}</span>
      <div className="flex gap-2">
        {link(page - 1, 'Previous', 'prev')}
        {link(page + 1, 'Next', 'next')}
      </div>
    </nav>
  );
}
