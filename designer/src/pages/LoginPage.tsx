/**
 * @module designer/pages/LoginPage
 * Sign in with e-mail and password. When the e-mail belongs to several workspaces the server asks
 * which one (AUTH_WORKSPACE_REQUIRED) and the form shows a workspace field; the header's switcher
 * opens this page with the workspace and e-mail filled in.
 */
import { Button, Card, Flex, Form, Input, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { ApiProblem, isApiProblem } from "../api/problem.ts";
import { useSession } from "../app-context.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { LanguageSwitch } from "../shell/LanguageSwitch.tsx";

interface Fields {
  email: string;
  password: string;
  workspaceId?: string;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const status = useSession((s) => s.status);
  const login = useSession((s) => s.login);
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);
  const [askWorkspace, setAskWorkspace] = useState(params.has("workspace"));

  if (status === "signedIn") return <Navigate to="/flows" replace />;

  const submit = async (fields: Fields) => {
    setBusy(true);
    setProblem(undefined);
    try {
      const workspaceId = fields.workspaceId?.trim();
      await login({
        email: fields.email,
        password: fields.password,
        ...(workspaceId ? { workspaceId } : {}),
      });
      navigate("/flows", { replace: true });
    } catch (error) {
      const p = isApiProblem(error)
        ? error
        : new ApiProblem({ status: 0, code: "CLIENT", title: t("login.failed") }, { cause: error });
      if (p.code === "AUTH_WORKSPACE_REQUIRED") setAskWorkspace(true);
      setProblem(p);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex className="kam-login" justify="center" align="center" vertical gap={16}>
      <Card className="kam-login-card">
        <Flex justify="space-between" align="center">
          <Typography.Title level={3}>{t("login.title")}</Typography.Title>
          <LanguageSwitch />
        </Flex>
        <Typography.Paragraph type="secondary">{t("app.tagline")}</Typography.Paragraph>
        {problem && <ProblemAlert problem={problem} />}
        <Form<Fields>
          layout="vertical"
          onFinish={submit}
          requiredMark={false}
          initialValues={{
            email: params.get("email") ?? "",
            workspaceId: params.get("workspace") ?? "",
          }}
        >
          <Form.Item
            name="email"
            label={t("login.email")}
            rules={[{ required: true, message: t("login.emailRequired") }]}
          >
            <Input type="email" autoComplete="username" autoFocus data-testid="login-email" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t("login.password")}
            rules={[{ required: true, message: t("login.passwordRequired") }]}
          >
            <Input.Password autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          {askWorkspace && (
            <Form.Item
              name="workspaceId"
              label={t("login.workspaceId")}
              extra={t("login.workspaceHint")}
            >
              <Input data-testid="login-workspace" />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t("login.submit")}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
