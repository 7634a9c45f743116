/** @module designer/pages/FormsPage The form definitions (a route of its own, loaded on demand). */
import { DefinitionsPage } from "./DefinitionsPage.tsx";

export default function FormsPage() {
  return <DefinitionsPage kind="form" />;
}
