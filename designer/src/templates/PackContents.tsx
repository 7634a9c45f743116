/**
 * @module designer/templates/PackContents
 * What a pack holds, before anything is installed: its forms (with their field counts), tier
 * models (with their tiers), flows (with their triggers), the dashboard KPIs it configures, the
 * business roles its flows address (those nobody holds yet marked), and its sample data.
 */
import { Descriptions, List, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { type Language, localized } from "../i18n/language.ts";
import {
  fieldCount,
  type PackDefinition,
  type PackDetail,
  sampleSummary,
} from "./template-model.ts";

function DefinitionList({
  testId,
  items,
  extra,
}: {
  testId: string;
  items: readonly PackDefinition[];
  extra: (item: PackDefinition) => React.ReactNode;
}) {
  const { i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <List
      size="small"
      data-testid={testId}
      dataSource={[...items]}
      renderItem={(item) => (
        <List.Item>
          <Space wrap size={[8, 4]}>
            <Typography.Text strong>{localized(item.name, language) || item.key}</Typography.Text>
            <Typography.Text type="secondary" code>
              {item.key}
            </Typography.Text>
            {extra(item)}
          </Space>
        </List.Item>
      )}
    />
  );
}

export function PackContents({
  pack,
  unheldRoles,
}: {
  pack: PackDetail;
  unheldRoles?: readonly string[];
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { embedded } = pack;
  const kpis = pack.contents?.dashboard?.kpis ?? [];
  const roles = pack.roles ?? [];
  const sample = embedded.sampleData ? sampleSummary(embedded.sampleData) : undefined;
  const unheld = new Set(unheldRoles ?? []);
  const formName = (key: string) =>
    localized(embedded.forms.find((f) => f.key === key)?.name, language) || key;

  return (
    <div data-testid="template-contents">
      <Typography.Title level={5}>
        {t("adminOps.templates.forms", { count: embedded.forms.length })}
      </Typography.Title>
      <DefinitionList
        testId="pack-forms"
        items={embedded.forms}
        extra={(form) => <Tag>{t("adminOps.templates.fields", { count: fieldCount(form) })}</Tag>}
      />
      <Typography.Title level={5}>
        {t("adminOps.templates.tierModels", { count: embedded.tierModels.length })}
      </Typography.Title>
      <DefinitionList
        testId="pack-tier-models"
        items={embedded.tierModels}
        extra={(model) =>
          (model.tiers ?? []).map((tier) => (
            <Tag key={tier.key} color="gold">
              {localized(tier.label, language) || tier.key}
            </Tag>
          ))
        }
      />
      <Typography.Title level={5}>
        {t("adminOps.templates.flows", { count: embedded.flows.length })}
      </Typography.Title>
      <DefinitionList
        testId="pack-flows"
        items={embedded.flows}
        extra={(flow) =>
          flow.trigger?.type ? (
            <Tag color="blue">
              {t("adminOps.templates.trigger", { trigger: flow.trigger.type })}
            </Tag>
          ) : null
        }
      />
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          {
            key: "kpis",
            label: t("adminOps.templates.kpis"),
            children: kpis.length ? (
              <Space wrap size={[4, 4]}>
                {kpis.map((kpi) => (
                  <Tag key={kpi} color="cyan">
                    {t(`adminOps.templates.kpi.${kpi}`, { defaultValue: kpi })}
                  </Tag>
                ))}
              </Space>
            ) : (
              t("adminOps.templates.none")
            ),
          },
          {
            key: "roles",
            label: t("adminOps.templates.roles"),
            children: roles.length ? (
              <Space wrap size={[4, 4]} data-testid="pack-roles">
                {roles.map((role) => (
                  <Tag
                    key={role.key}
                    color={unheld.has(role.key) ? "orange" : "green"}
                    title={
                      unheld.has(role.key)
                        ? t("adminOps.templates.roleUnheld")
                        : t("adminOps.templates.roleHeld")
                    }
                  >
                    {localized(role.label, language) || role.key}
                    {unheld.has(role.key) ? " ⚠" : ""}
                  </Tag>
                ))}
              </Space>
            ) : (
              t("adminOps.templates.none")
            ),
          },
          {
            key: "sample",
            label: t("adminOps.templates.sampleData"),
            children: sample ? (
              <div data-testid="pack-sample">
                {embedded.sampleData?.description !== undefined && (
                  <Typography.Paragraph>
                    {localized(embedded.sampleData.description, language)}
                  </Typography.Paragraph>
                )}
                <Typography.Paragraph>
                  {t("adminOps.templates.samplePeople", {
                    teams: sample.teams,
                    people: sample.people,
                  })}
                </Typography.Paragraph>
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {sample.forms.map((f) => (
                    <li key={`${f.form}|${f.per ? "per" : "count"}`}>
                      {f.per
                        ? t("adminOps.templates.samplePer", {
                            form: formName(f.form),
                            min: f.per.min,
                            max: f.per.max,
                            parent: formName(f.per.form),
                          })
                        : t("adminOps.templates.sampleCount", {
                            form: formName(f.form),
                            count: f.count ?? 0,
                          })}
                    </li>
                  ))}
                </ul>
              </div>
            ) : (
              t("adminOps.templates.noSampleData")
            ),
          },
        ]}
      />
    </div>
  );
}
