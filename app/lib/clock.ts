/** The current time. State classes take a clock so tests can fix it; pure code takes a Date. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** A Date from an ISO string or epoch ms (plain values; state modules keep no mutable Date). */
export function dateOf(value: string | number): Date {
  return new Date(value);
}

/** Items by id, for lookups in lists of thousands. */
export function byId<T extends { id: string }>(items: readonly T[]): ReadonlyMap<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}
