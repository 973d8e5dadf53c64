/**
 * Maps keyed by what people type (config keys, parameters, entries, headers): `constructor`,
 * `toString` or `__proto__` are ordinary keys there. Reading through `in` or `obj[key]` finds
 * Object.prototype's members, and assigning `obj.__proto__` changes the prototype instead of
 * adding a key; these helpers only ever see and write own properties.
 */
export function ownValue<T>(record: Record<string, T> | null | undefined, key: string): T | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}

export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}
