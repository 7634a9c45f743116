/**
 * @module designer/flows/IssuesPanel
 * The validation issues of the document, each with its JSON pointer and, when it concerns a
 * node, "go to node": selects it and brings it into view.
 */
import { Button, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useFlowEditor } from "./editor-context.ts";
import { issueNodeId } from "./issue-marks.ts";

/** Stable keys: an issue's code and pointer, numbered when the same pair repeats. */
function keyed<T extends { code: string; pointer: string }>(issues: readonly T[]) {
  const seen = new Map<string, number>();
  return issues.map((issue) => {
    const base = `${issue.code}|${issue.pointer}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { issue, key: `${base}|${n}` };
  });
}

export function IssuesPanel({ onGoTo }: { onGoTo: (nodeId: string) => void }) {
  const { t } = useTranslation();
  const issues = useFlowEditor((s) => s.issues);
  const ids = useFlowEditor((s) => s.nodes.map((n) => n.id).join("\n"));
  const nodeIds = ids.split("\n");
  return (
    <section
      className="kam-flow-panel"
      aria-label={t("flowEditor.issues")}
      data-testid="flow-issues"
      data-count={issues.length}
    >
      <Typography.Text strong>
        {t("flowEditor.issuesCount", { count: issues.length })}
      </Typography.Text>
      {issues.length === 0 ? (
        <Typography.Paragraph type="success">{t("flowEditor.noIssues")}</Typography.Paragraph>
      ) : (
        <ul className="kam-flow-issues">
          {keyed(issues).map(({ issue, key }) => {
            const nodeId = issueNodeId(issue, nodeIds);
            return (
              <li
                key={key}
                data-testid="flow-issue"
                data-node={nodeId ?? ""}
                data-code={issue.code}
              >
                <Typography.Text type={issue.severity === "warning" ? "warning" : "danger"}>
                  {issue.message}
                </Typography.Text>{" "}
                <Typography.Text code>{issue.pointer || "/"}</Typography.Text>
                {nodeId && (
                  <Button size="small" type="link" onClick={() => onGoTo(nodeId)}>
                    {t("flowEditor.goToNode")}
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
