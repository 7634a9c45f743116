/**
 * @module designer/flows/simulate/SimulateTools
 * The toolbar's simulate button (and the simulator). Placeholder until built.
 */
export function SimulateTools(_props: { flowKey: string }) {
  return null;
}
