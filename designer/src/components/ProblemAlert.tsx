/**
 * @module designer/components/ProblemAlert
 * Shows an ApiProblem: its title and detail, and each issue with the field it points to, so a
 * user sees what to fix and where. A network failure gets the plain "cannot reach" message.
 */
import { Alert } from "antd";
import { useTranslation } from "react-i18next";
import type { ApiProblem } from "../api/problem.ts";

export function ProblemAlert({
  problem,
  action,
}: {
  problem: ApiProblem;
  action?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const offline = problem.status === 0;
  const description = (
    <>
      {offline ? t("state.network") : problem.detail}
      {problem.issues.length > 0 && (
        <ul aria-label={t("problem.issues")}>
          {problem.issues.map((issue) => (
            <li key={`${issue.pointer}|${issue.code}`}>
              {issue.pointer && <code>{issue.pointer}</code>} {issue.message}
            </li>
          ))}
        </ul>
      )}
    </>
  );
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={offline ? t("state.error") : problem.title}
      description={description}
      action={action}
    />
  );
}
