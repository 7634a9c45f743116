/**
 * @module designer/pages/TemplatesPage
 * The template gallery: each bundled pack with its description, what it contains and whether
 * (which version) the workspace has installed it. A card opens the pack in a drawer
 * (templates/TemplateDetail): its contents, the dry-run diff of installing it, and the install
 * with its progress; the cards reload when an install ends.
 */
import { Button, Card, Col, Row, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ListReply, TemplateCard } from "../api/types.ts";
import { useApiQuery } from "../api/useApiQuery.ts";
import { QueryState } from "../components/QueryState.tsx";
import { type Language, localized } from "../i18n/language.ts";
import { TemplateDetail } from "../templates/TemplateDetail.tsx";

export default function TemplatesPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const query = useApiQuery<ListReply<TemplateCard>>("/api/v1/templates");
  const [openKey, setOpenKey] = useState<string>();
  return (
    <section data-testid="templates">
      <Typography.Title level={2}>{t("templates.title")}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t("adminOps.templates.subtitle")}
      </Typography.Paragraph>
      <QueryState query={query} isEmpty={(d) => d.items.length === 0} empty={t("templates.empty")}>
        {(data) => (
          <Row gutter={[16, 16]}>
            {data.items.map((pack) => (
              <Col key={pack.key} xs={24} md={12} xl={8}>
                <Card
                  title={localized(pack.name, language)}
                  data-testid="template-card"
                  data-pack={pack.key}
                  data-installed={pack.installedVersion ?? ""}
                  extra={
                    pack.installedVersion ? (
                      <Tag color="green">
                        {t("templates.installed", { version: pack.installedVersion })}
                      </Tag>
                    ) : (
                      <Tag>{t("templates.notInstalled")}</Tag>
                    )
                  }
                  actions={[
                    <Button
                      key="open"
                      type="link"
                      data-testid="template-open"
                      onClick={() => setOpenKey(pack.key)}
                    >
                      {pack.installedVersion
                        ? t("adminOps.templates.open")
                        : t("adminOps.templates.openInstall")}
                    </Button>,
                  ]}
                >
                  <Typography.Paragraph ellipsis={{ rows: 4, expandable: true }}>
                    {localized(pack.description, language)}
                  </Typography.Paragraph>
                  <Space wrap size={[8, 8]}>
                    <Tag>{t("templates.version", { version: pack.version })}</Tag>
                    <Tag>{t("templates.industry", { industry: pack.industry })}</Tag>
                    <Tag color="blue">{t("templates.counts", pack.counts)}</Tag>
                    {pack.sampleData && <Tag color="purple">{t("templates.sampleData")}</Tag>}
                  </Space>
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </QueryState>
      <TemplateDetail
        packKey={openKey}
        title={localized(query.data?.items.find((p) => p.key === openKey)?.name, language)}
        onClose={() => setOpenKey(undefined)}
        onInstalled={query.reload}
      />
    </section>
  );
}
