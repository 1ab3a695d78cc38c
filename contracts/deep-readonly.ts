/**
 * Readonly all the way down. An `as const` document has readonly arrays, which the mutable
 * OpenAPI types would refuse; checking against their deep-readonly form keeps the check whole.
 */
export type DeepReadonly<T> = T extends (infer Item)[]
  ? readonly DeepReadonly<Item>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;
