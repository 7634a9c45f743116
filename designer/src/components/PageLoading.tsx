/**
 * @module designer/components/PageLoading
 * What shows while a screen's code or the session loads.
 */
import { Flex, Spin } from "antd";
import { useTranslation } from "react-i18next";

export function PageLoading() {
  const { t } = useTranslation();
  return (
    <Flex justify="center" align="center" className="kam-page-loading">
      <Spin size="large" description={t("state.loading")} />
    </Flex>
  );
}
