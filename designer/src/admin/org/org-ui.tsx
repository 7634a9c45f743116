/**
 * @module designer/admin/org/org-ui
 * What the org tabs share: who may do what (the API enforces it; the UI hides what would be
 * refused), a write runner that keeps the server's problem and refreshes on success, a field's
 * error state from the problem's pointers, the "not allowed" state, and role and status tags.
 */
import { Alert, App, type ButtonProps, Result, Tag } from "antd";
import type { ReactNode } from "react";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiProblem, type ProblemIssue, toProblem } from "../../api/problem.ts";
import type { Role } from "../../api/types.ts";
import { useSession } from "../../app-context.tsx";
import { issuesAt, type UserStatus } from "./org-model.ts";

/** What the signed-in user may do on the org tabs (server/auth/permissions.ts). */
export function useOrgAccess() {
  const me = useSession((s) => s.me);
  const role = me?.role ?? "viewer";
  return {
    me,
    role,
    /** users, teams, roles, calendars, anyone's delegations */
    canWrite: role === "admin",
    /** e-mails, statuses, roles, memberships and every delegation */
    canReadAll: role === "admin" || role === "manager",
    /** my own delegations */
    canDelegate: role !== "viewer",
  };
}

/** Runs writes: keeps the problem of the last failure, tells success, and calls `done`. */
export function useWrite() {
  const { message } = App.useApp();
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async <T,>(
      action: () => Promise<T>,
      options: { success?: string; done?: (result: T) => void } = {},
    ): Promise<T | undefined> => {
      setBusy(true);
      setProblem(undefined);
      try {
        const result = await action();
        if (options.success) void message.success(options.success);
        options.done?.(result);
        return result;
      } catch (error) {
        setProblem(toProblem(error));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [message],
  );
  const clear = useCallback(() => setProblem(undefined), []);
  return { problem, busy, run, clear };
}

/** A Form.Item's error state from the issues at its pointer (shown with the pointer). */
export function fieldStatus(
  problem: ApiProblem | undefined,
  pointer: string,
): { validateStatus?: "error"; help?: ReactNode } {
  const issues = issuesAt(problem, pointer);
  if (issues.length === 0) return {};
  return {
    validateStatus: "error",
    help: (
      <span data-testid="field-issue" data-pointer={pointer}>
        {issues.map((issue) => (
          <span key={`${issue.pointer}|${issue.code}`} className="admin-org-issue">
            <code>{issue.pointer}</code> {issue.message}
          </span>
        ))}
      </span>
    ),
  };
}

/** Button props carrying a test id (a modal's OK button). */
export const testIdProps = (id: string) => ({ "data-testid": id }) as ButtonProps;

/** The same problem with only `issues` (e.g. those no form field shows). */
export function withIssues(problem: ApiProblem, issues: readonly ProblemIssue[]): ApiProblem {
  return new ApiProblem({
    status: problem.status,
    code: problem.code,
    title: problem.title,
    detail: problem.detail,
    issues,
  });
}

/** The state of a tab the API answered 403 for, or that only admins and managers may see. */
export function NotAllowed({ what }: { what?: string }) {
  const { t } = useTranslation();
  return (
    <div data-testid="admin-not-allowed">
      <Result
        status="403"
        title={t("adminOrg.notAllowed.title")}
        subTitle={what ?? t("adminOrg.notAllowed.body")}
      />
    </div>
  );
}

/** A notice that the tab is read-only for this role. */
export function ReadOnlyNotice() {
  const { t } = useTranslation();
  return (
    <div data-testid="admin-read-only" className="admin-org-notice">
      <Alert type="info" showIcon title={t("adminOrg.readOnly")} />
    </div>
  );
}

const ROLE_COLOR: Record<Role, string> = {
  admin: "red",
  designer: "purple",
  manager: "blue",
  member: "green",
  viewer: "default",
};

export function RoleTag({ role }: { role: Role | undefined }) {
  const { t } = useTranslation();
  if (!role) return null;
  return <Tag color={ROLE_COLOR[role]}>{t(`role.${role}`)}</Tag>;
}

const STATUS_COLOR: Record<UserStatus, string> = {
  active: "success",
  disabled: "warning",
  departed: "default",
};

export function StatusTag({ status }: { status: UserStatus | undefined }) {
  const { t } = useTranslation();
  if (!status) return null;
  return (
    <Tag color={STATUS_COLOR[status]} data-status={status}>
      {t(`adminOrg.status.${status}`)}
    </Tag>
  );
}
