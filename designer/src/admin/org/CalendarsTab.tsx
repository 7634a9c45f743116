/**
 * @module designer/admin/org/CalendarsTab
 * The admin screen's CalendarsTab. Placeholder until built.
 */
export function CalendarsTab() {
  return null;
}
