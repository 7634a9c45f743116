/**
 * @module designer/tiers/TierModelEditorPage
 * The route `/tier-models/:key`: the tier-model editor with its what-if. A chunk of its own.
 */
import { useParams } from "react-router";

export default function TierModelEditorPage() {
  const { key = "" } = useParams();
  return <section data-testid="tier-model-editor">{key}</section>;
}
