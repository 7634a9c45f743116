/**
 * @module designer/session/RequireSession
 * Guards the signed-in screens: asks the server who is signed in on first load, sends anyone
 * signed out to the login page (and back to the login when a later call answers 401).
 */
import { Button, Flex } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate } from "react-router";
import { ApiProblem, isApiProblem } from "../api/problem.ts";
import { useSession } from "../app-context.tsx";
import { PageLoading } from "../components/PageLoading.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { AppShell } from "../shell/AppShell.tsx";

export function RequireSession() {
  const { t } = useTranslation();
  const status = useSession((s) => s.status);
  const refresh = useSession((s) => s.refresh);
  const [problem, setProblem] = useState<ApiProblem>();

  const load = () => {
    setProblem(undefined);
    refresh().catch((error: unknown) =>
      setProblem(
        isApiProblem(error)
          ? error
          : new ApiProblem({ status: 0, code: "CLIENT", title: String(error) }),
      ),
    );
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on first load
  useEffect(() => {
    if (status === "loading") load();
  }, []);

  if (problem)
    return (
      <Flex className="kam-page-loading" justify="center" align="center">
        <ProblemAlert
          problem={problem}
          action={<Button onClick={load}>{t("state.retry")}</Button>}
        />
      </Flex>
    );
  if (status === "loading") return <PageLoading />;
  if (status === "anonymous") return <Navigate to="/login" replace />;
  return <AppShell />;
}
