/** A catalog entry: the same sentence in every supported locale; `{name}` is interpolated. */
export interface MessageEntry {
  readonly en: string;
  readonly "zh-CN": string;
}
export type Catalog = Readonly<Record<string, MessageEntry>>;

/** Declares a domain catalog while keeping its keys as literal types. */
export const defineCatalog = <const C extends Catalog>(catalog: C): C => catalog;
