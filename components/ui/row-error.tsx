'use client';

import { useId } from 'react';
import { useFormContext } from 'react-hook-form';

/** The first message under one row of a field array, and the field it is about (`null`: the whole row). */
export type RowErrorInfo = { message?: string; field: string | null };

export function rowError(error: unknown): RowErrorInfo {
  const node = error as Record<string, unknown> | undefined;
  if (typeof node?.message === 'string') return { message: node.message, field: null };
  for (const [field, child] of Object.entries(node ?? {})) {
    const message = (child as { message?: unknown } | null)?.message;
    if (typeof message === 'string') return { message, field };
  }
  return { field: null };
}

/**
 * Row errors of a field array at `name`: per row, the message, its element id and the aria props
 * of each input (described by the row's message; invalid when the message is about that input).
 */
export function useRowErrors(name: string) {
  const { getFieldState, formState } = useFormContext();
  const baseId = useId();
  return (index: number) => {
    const info = rowError(getFieldState(`${name}.${index}`, formState).error);
    const id = `${baseId}-${index}-error`;
    const input = (field: string) =>
      info.message ? { 'aria-describedby': id, 'aria-invalid': info.field === null || info.field === field || undefined } : {};
    return { id, message: info.message, input };
  };
}

/** The message under a row, announced when it appears; its id is what the row's inputs point at. */
export function RowError({ row, className }: { row: { id: string; message?: string }; className?: string }) {
  if (!row.message) return null;
  return <p id={row.id} role="alert" className={className ?? 'w-full text-xs font-medium text-red-700'}>{row.message}</p>;
}
