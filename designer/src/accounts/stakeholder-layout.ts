/**
 * @module designer/accounts/stakeholder-layout
 * The stakeholder map's org chart: contacts as a forest by their reports-to field, laid out as a
 * tidy tree (each node centred over its subtree, subtrees side by side), and each contact's
 * stance read from a select field (decision maker, influencer, supporter, opponent, neutral).
 * Pure, so it is tested without a browser; React Flow only draws the result.
 */

/** The stances of the source material, with their colours on the map. */
export const STANCES = [
  "decision-maker",
  "influencer",
  "supporter",
  "opponent",
  "neutral",
] as const;
export type Stance = (typeof STANCES)[number];
export const STANCE_COLORS: Readonly<Record<Stance, string>> = {
  "decision-maker": "#c62828",
  influencer: "#ef6c00",
  supporter: "#2e7d32",
  opponent: "#6a1b9a",
  neutral: "#607d8b",
};

export interface Contact {
  readonly id: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly updatedAt: number;
}

/** Which fields of the contact form carry the chart. */
export interface ContactFields {
  /** The self-reference (reports to). */
  readonly reportsTo: string | undefined;
  /** The select field whose values are stances. */
  readonly stance: string | undefined;
}

/**
 * Finds the reports-to and stance fields of a contact form: a reference to the form itself, and
 * a select whose options include at least three of the stances.
 */
export function contactFields(
  formKey: string,
  properties: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
): ContactFields {
  let reportsTo: string | undefined;
  let stance: string | undefined;
  for (const [name, schema] of Object.entries(properties)) {
    if (schema["x-kam-field"] === "reference" && schema["x-kam-form"] === formKey)
      reportsTo ??= name;
    const values = Array.isArray(schema.enum) ? (schema.enum as unknown[]) : [];
    if (values.filter((v) => (STANCES as readonly unknown[]).includes(v)).length >= 3)
      stance ??= name;
  }
  return { reportsTo, stance };
}

export interface PlacedContact {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly depth: number;
  readonly parent: string | null;
}

/** Node box of the chart and the gaps between them. */
export const CARD = { width: 200, height: 84, gapX: 24, gapY: 64 };

/**
 * Places contacts as a tidy forest. A reports-to that points outside the set (a contact of
 * another account, deleted) or into a cycle makes the contact a root, so every contact is drawn
 * exactly once.
 * @example layoutStakeholders(contacts, "reportsTo") // [{ id, x, y, depth, parent }, …]
 */
export function layoutStakeholders(
  contacts: readonly Contact[],
  reportsTo: string | undefined,
): PlacedContact[] {
  const ids = new Set(contacts.map((c) => c.id));
  const parentOf = new Map<string, string | null>();
  for (const c of contacts) {
    const p = reportsTo ? c.data[reportsTo] : undefined;
    parentOf.set(c.id, typeof p === "string" && ids.has(p) && p !== c.id ? p : null);
  }
  // Break cycles: walk up from each contact; a contact met twice on its own path is made a root.
  for (const c of contacts) {
    const seen = new Set<string>([c.id]);
    let at = parentOf.get(c.id) ?? null;
    while (at !== null) {
      if (seen.has(at)) {
        parentOf.set(at, null);
        break;
      }
      seen.add(at);
      at = parentOf.get(at) ?? null;
    }
  }
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const c of contacts) {
    const p = parentOf.get(c.id) ?? null;
    if (p === null) roots.push(c.id);
    else children.set(p, [...(children.get(p) ?? []), c.id]);
  }
  const placed: PlacedContact[] = [];
  const step = CARD.width + CARD.gapX;
  let nextLeaf = 0;
  /** Places a subtree; returns its centre x. */
  const place = (id: string, depth: number, parent: string | null): number => {
    const kids = children.get(id) ?? [];
    const xs = kids.map((k) => place(k, depth + 1, id));
    const x = xs.length > 0 ? ((xs[0] ?? 0) + (xs.at(-1) ?? 0)) / 2 : nextLeaf++ * step;
    placed.push({ id, x, y: depth * (CARD.height + CARD.gapY), depth, parent });
    return x;
  };
  for (const root of roots) place(root, 0, null);
  return placed;
}
