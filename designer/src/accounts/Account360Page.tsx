/**
 * @module designer/accounts/Account360Page
 * The route `/accounts/:id`: one account seen whole — its profile (the account form's sections),
 * the stakeholder map, the timeline, each tier model's history and the "why" of the current
 * tier, the records that refer to it, and the account team. Flows and tiers that change reload
 * the timeline live.
 */
import { Card, Descriptions, Empty, Flex, List, Space, Table, Tabs, Tag, Typography } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { type ApiProblem, toProblem } from "../api/problem.ts";
import { useApi, useLiveEvent } from "../app-context.tsx";
import { PageLoading } from "../components/PageLoading.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { type Language, localized } from "../i18n/language.ts";
import { AccountTimeline, type TimelineItem } from "./AccountTimeline.tsx";
import { type AccountField, type FormBody, fieldsOf, type TierModelBody } from "./account-model.ts";
import { StakeholderMap } from "./StakeholderMap.tsx";
import { contactFields } from "./stakeholder-layout.ts";
import { type Standing, TierBadge } from "./TierBadge.tsx";
import { TierHistoryChart, type TierPoint } from "./TierHistoryChart.tsx";
import { type Assignment, type ModelLabels, TierWhy } from "./TierWhy.tsx";
import { exported, useAccountSetup } from "./useAccountSetup.ts";
import "./accounts.css";

interface RecordView {
  readonly id: string;
  readonly form: string;
  readonly data: Record<string, unknown>;
  readonly ownerId: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}
interface TierHistoryEntry {
  readonly modelKey: string;
  readonly from: string | null;
  readonly to: string;
  readonly score: number | null;
  readonly at: number;
}
interface Loaded {
  readonly record: RecordView;
  readonly tiers: { assignments: Assignment[]; history: TierHistoryEntry[] };
  readonly related: Array<{ form: string; field: string; items: RecordView[]; more: boolean }>;
  readonly relatedForms: Record<string, FormBody>;
  readonly team: Array<{ id: string; userId: string; role: string }>;
  readonly users: Map<string, string>;
}

/** A value as a profile shows it. */
function shownValue(
  field: AccountField,
  value: unknown,
  language: Language,
  userName: (id: unknown) => string,
): string {
  if (value === undefined || value === null || value === "") return "—";
  if (field.widget === "user") return userName(value);
  if (field.options && typeof value === "string") return field.options[value] ?? value;
  if (typeof value === "number") return value.toLocaleString(language);
  if (typeof value === "boolean") return value ? "✓" : "✗";
  if (Array.isArray(value))
    return value.map((v) => shownValue(field, v, language, userName)).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export default function Account360Page() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const api = useApi();
  const [loaded, setLoaded] = useState<Loaded>();
  const [timeline, setTimeline] = useState<TimelineItem[]>();
  const [problem, setProblem] = useState<ApiProblem>();
  const setup = useAccountSetup(loaded?.record.form);

  useEffect(() => {
    let current = true;
    (async () => {
      const { record } = await api.get<{ record: RecordView }>(
        `/api/v1/records/${encodeURIComponent(id)}`,
      );
      const base = `/api/v1/records/${encodeURIComponent(record.id)}`;
      const [tiers, related, team, users] = await Promise.all([
        api.get<Loaded["tiers"]>(`${base}/tiers`),
        api.get<{ groups: Loaded["related"] }>(`${base}/related`),
        api
          .get<{ items: Loaded["team"] }>(`/api/v1/account-teams/${encodeURIComponent(record.id)}`)
          .catch(() => ({ items: [] })),
        api
          .get<{ items: Array<{ id: string; name: string }> }>("/api/v1/users")
          .catch(() => ({ items: [] })),
      ]);
      const forms = [...new Set(related.groups.map((g) => g.form))];
      const bodies = await Promise.all(forms.map((f) => api.get<FormBody>(exported("form", f))));
      if (!current) return;
      setLoaded({
        record,
        tiers,
        related: related.groups,
        relatedForms: Object.fromEntries(bodies.map((b) => [b.key, b])),
        team: team.items,
        users: new Map(users.items.map((u) => [u.id, u.name])),
      });
    })().catch((error: unknown) => current && setProblem(toProblem(error)));
    return () => {
      current = false;
    };
  }, [api, id]);

  const reloadTimeline = useCallback(() => {
    api.get<{ items: TimelineItem[] }>(`/api/v1/records/${encodeURIComponent(id)}/timeline`).then(
      (reply) => setTimeline(reply.items),
      (error: unknown) => setProblem(toProblem(error)),
    );
  }, [api, id]);
  useEffect(reloadTimeline, [reloadTimeline]);
  useLiveEvent("instance", (event) => {
    if ((event.data as { recordId?: string } | null)?.recordId === id) reloadTimeline();
  });
  useLiveEvent("tier", (event) => {
    if ((event.data as { recordId?: string } | null)?.recordId === id) reloadTimeline();
  });

  const userName = useCallback(
    (user: unknown) => (typeof user === "string" ? (loaded?.users.get(user) ?? user) : "—"),
    [loaded],
  );
  const form = setup.form;
  const fields = useMemo(() => (form ? fieldsOf(form, language) : []), [form, language]);

  if (problem) return <ProblemAlert problem={problem} />;
  if (!loaded || !form) return <PageLoading />;

  const { record } = loaded;
  const models = setup.models.filter((m) => m.form === record.form);
  const nameField = fields.find((f) => f.kind === "text");
  const name = String(record.data[nameField?.name ?? ""] ?? record.id);
  const standings = new Map(
    loaded.tiers.assignments.map((a) => {
      const last = [...loaded.tiers.history].reverse().find((h) => h.modelKey === a.modelKey);
      return [
        a.modelKey,
        {
          tier: a.tier,
          score: a.score,
          previous: last?.from ?? null,
          changedAt: last?.at ?? null,
        } satisfies Standing,
      ];
    }),
  );
  const sections = form.uiSchema?.sections?.length
    ? form.uiSchema.sections.map((s) => ({
        title: localized((s as { title?: unknown }).title, language),
        fields: (s.fields ?? [])
          .map((f) => fields.find((x) => x.name === f))
          .filter((x): x is AccountField => !!x),
      }))
    : [{ title: "", fields }];
  const contactGroup = loaded.related.find((g) => {
    const body = loaded.relatedForms[g.form];
    return body && contactFields(g.form, body.dataSchema.properties ?? {}).reportsTo !== undefined;
  });
  const contactForm = contactGroup ? loaded.relatedForms[contactGroup.form] : undefined;

  return (
    <section data-testid="account-360">
      <Flex align="center" gap={12} wrap className="kam-account-header">
        <Link to="/accounts">{t("account360.back")}</Link>
        <Typography.Title level={2} className="kam-account-title" data-testid="account-name">
          {name}
        </Typography.Title>
        <Space wrap>
          {models.map((m) => {
            const s = standings.get(m.key);
            return s ? <TierBadge key={m.key} model={m} standing={s} /> : null;
          })}
        </Space>
        <Typography.Text type="secondary">
          {t("account360.owner", { name: userName(record.ownerId) })}
        </Typography.Text>
      </Flex>
      <Tabs
        items={[
          {
            key: "profile",
            label: t("account360.profile"),
            children: (
              <Flex vertical gap={16} data-testid="account-profile">
                {sections.map((s, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: sections keep their order
                  <Card key={i} size="small" title={s.title || undefined}>
                    <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
                      {s.fields.map((f) => (
                        <Descriptions.Item key={f.name} label={f.label}>
                          {shownValue(f, record.data[f.name], language, userName)}
                        </Descriptions.Item>
                      ))}
                    </Descriptions>
                  </Card>
                ))}
              </Flex>
            ),
          },
          {
            key: "stakeholders",
            label: t("account360.stakeholders"),
            children:
              contactGroup && contactForm ? (
                <StakeholderMap
                  contacts={contactGroup.items}
                  fields={contactFields(contactGroup.form, contactForm.dataSchema.properties ?? {})}
                  formFields={fieldsOf(contactForm, language)}
                />
              ) : (
                <Empty description={t("account360.noContacts")} />
              ),
          },
          {
            key: "timeline",
            label: t("account360.timeline"),
            children: timeline ? (
              <AccountTimeline
                items={timeline}
                models={models}
                userName={userName}
                formName={(key) => localized(loaded.relatedForms[key]?.name, language) || key}
              />
            ) : (
              <PageLoading />
            ),
          },
          {
            key: "tiers",
            label: t("account360.tiers"),
            children: (
              <Flex vertical gap={16} data-testid="account-tiers">
                {models.length === 0 && <Empty description={t("account360.noTiers")} />}
                {models.map((m) => (
                  <TierCard
                    key={m.key}
                    model={m}
                    assignment={loaded.tiers.assignments.find((a) => a.modelKey === m.key)}
                    history={loaded.tiers.history.filter((h) => h.modelKey === m.key)}
                    language={language}
                  />
                ))}
              </Flex>
            ),
          },
          {
            key: "related",
            label: t("account360.related"),
            children: (
              <Flex vertical gap={16} data-testid="account-related">
                {loaded.related.length === 0 && <Empty description={t("account360.noRelated")} />}
                {loaded.related.map((g) => {
                  const body = loaded.relatedForms[g.form];
                  const gFields = body
                    ? fieldsOf(body, language)
                        .filter((f) => f.kind !== "other")
                        .slice(0, 5)
                    : [];
                  return (
                    <Card
                      key={`${g.form}.${g.field}`}
                      size="small"
                      title={`${localized(body?.name, language) || g.form} (${g.items.length}${g.more ? "+" : ""})`}
                    >
                      <Table<RecordView>
                        size="small"
                        rowKey="id"
                        pagination={{ pageSize: 10, hideOnSinglePage: true }}
                        dataSource={g.items}
                        scroll={{ x: 640 }}
                        columns={[
                          ...gFields.map((f) => ({
                            key: f.name,
                            title: f.label,
                            render: (_: unknown, r: RecordView) =>
                              shownValue(f, r.data[f.name], language, userName),
                          })),
                          {
                            key: "createdAt",
                            title: t("account360.createdAt"),
                            render: (_: unknown, r: RecordView) =>
                              new Date(r.createdAt).toLocaleDateString(language),
                          },
                        ]}
                      />
                    </Card>
                  );
                })}
              </Flex>
            ),
          },
          {
            key: "team",
            label: t("account360.team"),
            children:
              loaded.team.length === 0 ? (
                <Empty description={t("account360.noTeam")} />
              ) : (
                <List
                  data-testid="account-team"
                  dataSource={loaded.team}
                  renderItem={(m) => (
                    <List.Item>
                      <Space>
                        <Typography.Text strong>{userName(m.userId)}</Typography.Text>
                        <Tag>{m.role}</Tag>
                      </Space>
                    </List.Item>
                  )}
                />
              ),
          },
        ]}
      />
    </section>
  );
}

/** One model: the current tier's "why" and the history chart. */
function TierCard({
  model,
  assignment,
  history,
  language,
}: {
  model: TierModelBody;
  assignment: Assignment | undefined;
  history: readonly TierHistoryEntry[];
  language: Language;
}) {
  const { t } = useTranslation();
  const rank = (tier: string) => model.tiers.length - model.tiers.findIndex((x) => x.key === tier);
  const label = (tier: string) =>
    localized(model.tiers.find((x) => x.key === tier)?.label, language) || tier;
  const scored = history.some((h) => h.score !== null);
  const points: TierPoint[] = history.map((h) => ({
    at: h.at,
    value: scored ? (h.score ?? 0) : rank(h.to),
    label: label(h.to),
  }));
  return (
    <Card size="small" title={localized(model.name, language) || model.key} data-testid="tier-card">
      {assignment ? (
        <Flex vertical gap={12}>
          <Typography.Text>
            {t("account360.currentTier", { tier: label(assignment.tier) })}
            {assignment.score !== null
              ? ` · ${t("account360.scoreIs", { score: assignment.score })}`
              : ""}
          </Typography.Text>
          <TierWhy assignment={assignment} model={model as unknown as ModelLabels} />
          {points.length > 0 && <TierHistoryChart points={points} language={language} />}
        </Flex>
      ) : (
        <Empty description={t("account360.notRated")} />
      )}
    </Card>
  );
}
