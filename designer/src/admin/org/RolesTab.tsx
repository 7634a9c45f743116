/**
 * @module designer/admin/org/RolesTab
 * The admin screen's RolesTab. Placeholder until built.
 */
export function RolesTab() {
  return null;
}
