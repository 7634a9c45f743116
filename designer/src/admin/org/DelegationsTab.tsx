/**
 * @module designer/admin/org/DelegationsTab
 * The admin screen's DelegationsTab. Placeholder until built.
 */
export function DelegationsTab() {
  return null;
}
