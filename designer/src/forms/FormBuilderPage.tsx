/**
 * @module designer/forms/FormBuilderPage
 * The route `/forms/:key`: the form builder. A chunk of its own.
 */
import { useParams } from "react-router";

export default function FormBuilderPage() {
  const { key = "" } = useParams();
  return <section data-testid="form-builder">{key}</section>;
}
