/**
 * @module designer/forms/properties/useIssuesOn
 * The engine's issues located on one target of the properties panel: a field, a section, or the
 * form itself (issues on neither a field nor a section).
 */
import { useFormBuilder } from "../builder-context.ts";
import { issueTarget } from "../form-doc.ts";

/** The current issues whose pointer lands on `target`. */
export function useIssuesOn(target: { field?: string; section?: string; form?: boolean }) {
  const doc = useFormBuilder((s) => s.doc);
  const issues = useFormBuilder((s) => s.issues);
  if (!doc) return [];
  return issues.filter((i) => {
    const at = issueTarget(doc, i.pointer);
    if (target.field) return at.field === target.field;
    if (target.section) return at.section === target.section;
    return at.field === undefined && at.section === undefined;
  });
}
