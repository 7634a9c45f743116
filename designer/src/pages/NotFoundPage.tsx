/** @module designer/pages/NotFoundPage An unknown path inside the app. */
import { Button, Result } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";

export default function NotFoundPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      data-testid="not-found"
      status="404"
      title={t("notFound.title")}
      extra={
        <Button type="primary" onClick={() => navigate("/flows")}>
          {t("notFound.back")}
        </Button>
      }
    />
  );
}
