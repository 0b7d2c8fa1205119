/**
 * A value made on first use and kept. For module-level values that are dear to make and often unused: a workflow
 * evaluates this library's modules afresh for each new workflow (Temporal's reusable context), and an
 * `Intl.DateTimeFormat` costs 100-220 µs to construct.
 */
export function lazily<T>(make: () => T): () => T {
  let value: { made: T } | undefined;
  return () => (value ??= { made: make() }).made;
}
