/** @module designer/pages/TierModelsPage The tier models (a route of its own, loaded on demand). */
import { DefinitionsPage } from "./DefinitionsPage.tsx";

export default function TierModelsPage() {
  return <DefinitionsPage kind="tier-model" />;
}
