/** For proxies around a driver adapter: a method of the target, called on the target itself (its private fields need it). */
export function passThrough(target: object, key: string | symbol): unknown {
  const value = Reflect.get(target, key) as unknown;
  return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
}
