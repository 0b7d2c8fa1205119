/** A value as the API's JSON carries it: a Date becomes its ISO string. */
type JsonValue<V> = V extends Date ? string : V;

/** A libs/persistence row as the API sends it unchanged (so only its dates differ: ISO strings). */
export type AsJson<Row> = { [K in keyof Row]: JsonValue<Row[K]> };
