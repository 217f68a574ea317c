// Late binding for the composition root: modules that call each other cannot all be built first.
// Catalog asks learning "is this user enrolled?" and learning asks catalog for course summaries,
// so whichever is built first receives a stand-in for the other.

/**
 * An object that forwards every property to `resolve()` at the moment it is used. Typed as the
 * whole target, it is handed to a module as the narrower port that module declares, so the
 * compiler still checks that the target satisfies the port.
 */
export function late<T extends object>(resolve: () => T | undefined, name = 'a late-bound dependency'): T {
  return new Proxy({} as T, {
    get(_stub, key) {
      const target = resolve();
      if (!target) throw new Error(`${name} was used before it was created`);
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
