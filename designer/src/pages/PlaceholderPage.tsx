/**
 * @module designer/pages/PlaceholderPage
 * The screens of issue 8 (inbox, accounts, dashboard, admin) before they exist: a named empty
 * state, so the navigation is complete and honest about what is missing.
 */
import { Empty, Typography } from "antd";
import { useTranslation } from "react-i18next";

export default function PlaceholderPage({ label }: { label: string }) {
  const { t } = useTranslation();
  const name = t(label);
  return (
    <section data-testid="placeholder">
      <Typography.Title level={2}>{name}</Typography.Title>
      <Empty
        description={
          <>
            <Typography.Text strong>{t("placeholder.title")}</Typography.Text>
            <br />
            {t("placeholder.description", { name })}
          </>
        }
      />
    </section>
  );
}
