/**
 * @module designer/admin/org/UsersTab
 * The admin screen's UsersTab. Placeholder until built.
 */
export function UsersTab() {
  return null;
}
