/**
 * @module designer/admin/ops/AuditTab
 * The admin screen's AuditTab. Placeholder until built.
 */
export function AuditTab() {
  return null;
}
