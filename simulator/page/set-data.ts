/** Splits a setData key such as `list[2].name` or `a.b` into path parts. */
export function parseDataPath(key: string): Array<string | number> {
  const parts: Array<string | number> = [];
  for (const match of key.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    parts.push(match[2] !== undefined ? Number(match[2]) : match[1]);
  }
  return parts;
}

function container(next: string | number): Record<string | number, unknown> {
  return (typeof next === 'number' ? [] : {}) as Record<string | number, unknown>;
}

/**
 * Applies a setData patch to `data` in place. Values are JSON-cloned, as the base library sends them
 * across threads: functions vanish and Dates become strings, so a page that relies on them breaks here too.
 */
export function applySetData(data: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [key, raw] of Object.entries(patch)) {
    const value = raw === undefined ? undefined : JSON.parse(JSON.stringify(raw));
    const parts = parseDataPath(key);
    let target = data as Record<string | number, unknown>;
    for (let i = 0; i < parts.length - 1; i += 1) {
      const part = parts[i];
      if (typeof target[part] !== 'object' || target[part] === null) target[part] = container(parts[i + 1]);
      target = target[part] as Record<string | number, unknown>;
    }
    target[parts[parts.length - 1]] = value;
  }
}
