import { cn } from './cn';

export function Card({ title, description, actions, children, className, id }: {
  title?: React.ReactNode;
  description?: React.ReactNode;
  actions?: React.ReactNode;
  children: React.ReactNode;
  className?: string;
  id?: string;
}) {
  const slug = typeof title === 'string' ? title.toLowerCase().replace(/[^a-z0-9]+/g, '-') : undefined;
  const headingId = id ? `${id}-title` : slug ? `card-${slug}` : undefined;
  return (
    <section aria-labelledby={headingId} id={id} className={cn('rounded-lg border border-slate-200 bg-white shadow-xs', className)}>
      {(title || actions) && (
        <header className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 px-5 py-4">
          <div>
            {title && <h2 id={headingId} className="text-base font-semibold text-slate-900">{title}</h2>}
            {description && <p className="mt-0.5 text-sm text-slate-600">{description}</p>}
          </div>
          {actions && <div className="flex gap-2">{actions}</div>}
        </header>
      )}
      <div className="px-5 py-4">{children}</div>
    </section>
  );
}
