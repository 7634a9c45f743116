/** @module designer/pages/FlowsPage The flow definitions (a route of its own, loaded on demand). */
import { DefinitionsPage } from "./DefinitionsPage.tsx";

export default function FlowsPage() {
  return <DefinitionsPage kind="flow" />;
}
