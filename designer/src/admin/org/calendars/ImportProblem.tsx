/**
 * @module designer/admin/org/calendars/ImportProblem
 * A refused calendar import: the server's problem, then the imported table's lines numbered, the
 * refused ones marked with their issues.
 */
import { Alert, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ApiProblem } from "../../../api/problem.ts";
import { ProblemAlert } from "../../../components/ProblemAlert.tsx";

/** A refused import: the problem, then the table's lines with the refused ones marked. */
export function ImportProblem({
  problem,
  csv,
  byLine,
}: {
  problem: ApiProblem;
  csv: string;
  byLine: Map<number, { pointer: string; message: string }[]>;
}) {
  const { t } = useTranslation();
  const lines = csv.replace(/^\uFEFF/, "").split(/\r?\n/);
  return (
    <>
      <ProblemAlert problem={problem} />
      {byLine.size > 0 && (
        <>
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 8 }}
            title={t("adminOrg.calendars.refusedLines", { count: byLine.size })}
          />
          <ol className="admin-org-lines" aria-label={t("adminOrg.calendars.lines")}>
            {lines.map((text, index) => {
              const line = index + 1;
              const issues = byLine.get(line);
              return (
                <li key={line} data-refused={issues ? "true" : undefined} data-line={line}>
                  <span className="line-no">{line}</span>
                  {text}
                  {issues?.map((issue) => (
                    <Typography.Text
                      type="danger"
                      key={issue.pointer + issue.message}
                      className="admin-org-issue"
                    >
                      <code>{issue.pointer}</code> {issue.message}
                    </Typography.Text>
                  ))}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </>
  );
}
