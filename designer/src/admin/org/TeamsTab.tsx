/**
 * @module designer/admin/org/TeamsTab
 * The admin screen's TeamsTab. Placeholder until built.
 */
export function TeamsTab() {
  return null;
}
