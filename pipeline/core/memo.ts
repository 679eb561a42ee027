/**
 * A function of one string, remembered: the same source text is checked
 * and counted once per locale, and `Intl` objects per locale tag cost
 * milliseconds to make. Bounded: past `limit` entries the memory starts
 * afresh, so a long-running process does not grow. Pure.
 */
export function memo<T>(fn: (key: string) => T, limit = 50_000): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    if (cache.has(key)) return cache.get(key)!;
    if (cache.size >= limit) cache.clear();
    const value = fn(key);
    cache.set(key, value);
    return value;
  };
}
