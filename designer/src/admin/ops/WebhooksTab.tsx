/**
 * @module designer/admin/ops/WebhooksTab
 * The admin screen's WebhooksTab. Placeholder until built.
 */
export function WebhooksTab() {
  return null;
}
