/**
 * @module designer/dashboard/DashboardPage
 * The route `/dashboard`. Placeholder until built.
 */
export default function DashboardPage() {
  return <section data-testid="dashboard" />;
}
