/**
 * @module designer/flows/history/FlowHistoryTools
 * The toolbar's version history (and visual diff). Placeholder until built.
 */
export function FlowHistoryTools(_props: { flowKey: string }) {
  return null;
}
