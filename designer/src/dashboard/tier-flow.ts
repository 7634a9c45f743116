/**
 * @module designer/dashboard/tier-flow
 * The tier movement between a period's start and end as Sankey data: a node per tier at the
 * start (left) and per tier at the end (right), a link per from → to pair with the number of
 * accounts. The report lists only the accounts that moved (`movement`) and how many hold each
 * tier at the end (`distribution`); those that stayed are the difference, so the chart shows
 * every account with a tier at the end. Pure, so it is unit-tested in node.
 *
 * Start and end nodes get distinct names (`from:` / `to:`), as a Sankey must have no cycle and
 * a → b with b → a would be one.
 */
import type { KpiReport } from "./kpi-model.ts";

/** A tier's label and colour (from the tier model). */
export interface TierLook {
  readonly label: string;
  readonly color?: string;
}

export interface FlowNode {
  readonly name: string;
  readonly label: string;
  readonly side: "from" | "to";
  /** The tier key, null for "no tier yet". */
  readonly tier: string | null;
  readonly color?: string;
}

export interface FlowLink {
  readonly source: string;
  readonly target: string;
  readonly value: number;
}

export interface TierFlow {
  readonly nodes: readonly FlowNode[];
  readonly links: readonly FlowLink[];
  /** Accounts whose tier changed (new accounts included). */
  readonly moved: number;
  /** Accounts that kept their tier. */
  readonly stayed: number;
}

const nodeName = (side: "from" | "to", tier: string | null) =>
  `${side}:${tier === null ? "" : tier}`;

/**
 * The Sankey of `tiers` (a report's). Nodes follow the model's order (the distribution's), "no
 * tier" last; only nodes with a link are kept.
 * @param look a tier's label and colour; `noTier` labels the accounts that had none at the start
 */
export function tierFlow(
  tiers: KpiReport["tiers"],
  look: (tier: string) => TierLook,
  noTier: string,
): TierFlow {
  const arrived = new Map<string, number>();
  const links: FlowLink[] = [];
  let moved = 0;
  for (const move of tiers.movement) {
    if (move.count <= 0) continue;
    arrived.set(move.to, (arrived.get(move.to) ?? 0) + move.count);
    links.push({
      source: nodeName("from", move.from),
      target: nodeName("to", move.to),
      value: move.count,
    });
    moved += move.count;
  }
  let stayed = 0;
  for (const { tier, count } of tiers.distribution) {
    const stay = count - (arrived.get(tier) ?? 0);
    if (stay <= 0) continue;
    links.push({ source: nodeName("from", tier), target: nodeName("to", tier), value: stay });
    stayed += stay;
  }
  const order = [
    ...tiers.distribution.map((d) => d.tier),
    ...tiers.movement.flatMap((m) => [m.from, m.to]),
  ];
  const used = new Set(links.flatMap((l) => [l.source, l.target]));
  const nodes: FlowNode[] = [];
  const seen = new Set<string>();
  for (const side of ["from", "to"] as const) {
    for (const tier of [...order, null]) {
      const name = nodeName(side, tier);
      if (seen.has(name) || !used.has(name)) continue;
      seen.add(name);
      const tierLook = tier === null ? { label: noTier } : look(tier);
      nodes.push({
        name,
        label: tierLook.label,
        side,
        tier,
        ...(tierLook.color ? { color: tierLook.color } : {}),
      });
    }
  }
  // Links in node order, so the chart keeps the model's order from top to bottom.
  const rank = new Map(nodes.map((n, i) => [n.name, i]));
  links.sort(
    (a, b) =>
      (rank.get(a.source) ?? 0) - (rank.get(b.source) ?? 0) ||
      (rank.get(a.target) ?? 0) - (rank.get(b.target) ?? 0),
  );
  return { nodes, links, moved, stayed };
}
