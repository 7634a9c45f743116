/**
 * @module designer/admin/ops/AuditTab
 * The admin screen's audit log: who did what, when, to which entity, newest first, in cursor
 * pages; filtered by entity (kind and id), actor, action and a date range; an event expands to
 * the field-by-field difference of its before and after states. "Verify chain" checks the hash
 * chain (GET /audit/verify): intact with the number of events, or the first bad event and why —
 * which the log can then jump to.
 */
import { SafetyCertificateOutlined } from "@ant-design/icons";
import {
  Alert,
  AutoComplete,
  Button,
  DatePicker,
  Empty,
  Flex,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import type { Dayjs } from "dayjs";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { type ApiProblem, toProblem } from "../../api/problem.ts";
import type { ListReply } from "../../api/types.ts";
import { useApiQuery } from "../../api/useApiQuery.ts";
import { useApi } from "../../app-context.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import {
  type AuditEvent,
  type AuditFilter,
  type AuditPage,
  type AuditVerification,
  auditPath,
  diffStates,
  ENTITY_KINDS,
  shortValue,
} from "./audit-model.ts";

const PAGE_SIZES = [20, 50, 100];
const CHANGE_COLOR = { added: "green", removed: "red", changed: "blue" } as const;

function EventDiff({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const changes = diffStates(event.before ?? null, event.after ?? null);
  if (changes.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("adminOps.audit.noDiff")} />;
  return (
    <Table
      size="small"
      data-testid="audit-diff"
      rowKey="pointer"
      pagination={false}
      dataSource={changes}
      columns={[
        {
          key: "pointer",
          title: t("adminOps.audit.field"),
          render: (_, c) => <Typography.Text code>{c.pointer || "/"}</Typography.Text>,
        },
        {
          key: "kind",
          title: t("adminOps.audit.change"),
          render: (_, c) => (
            <Tag color={CHANGE_COLOR[c.kind]}>{t(`adminOps.audit.changeKind.${c.kind}`)}</Tag>
          ),
        },
        {
          key: "before",
          title: t("adminOps.audit.before"),
          render: (_, c) => (
            <Typography.Text delete={c.kind !== "added"} type="secondary">
              {shortValue(c.before)}
            </Typography.Text>
          ),
        },
        {
          key: "after",
          title: t("adminOps.audit.after"),
          render: (_, c) => <Typography.Text>{shortValue(c.after)}</Typography.Text>,
        },
      ]}
    />
  );
}

function VerifyResult({
  result,
  onShow,
}: {
  result: AuditVerification;
  onShow(seq: number): void;
}) {
  const { t } = useTranslation();
  if (result.ok)
    return (
      <Alert
        type="success"
        showIcon
        data-testid="audit-verify-result"
        data-ok="true"
        title={t("adminOps.audit.verifyOk", { count: result.count })}
      />
    );
  return (
    <Alert
      type="error"
      showIcon
      data-testid="audit-verify-result"
      data-ok="false"
      title={t("adminOps.audit.verifyBroken", { seq: result.firstBadSeq })}
      description={t(`adminOps.audit.reason.${result.reason}`)}
      action={
        <Button size="small" onClick={() => onShow(result.firstBadSeq)}>
          {t("adminOps.audit.showEvent")}
        </Button>
      }
    />
  );
}

export function AuditTab() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [size, setSize] = useState(20);
  // The cursors of the pages seen so far: the last is the page shown (undefined: the newest).
  const [cursors, setCursors] = useState<ReadonlyArray<string | undefined>>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const query = useApiQuery<AuditPage>(auditPath(filter, size, cursor));
  const users =
    useApiQuery<ListReply<{ id: string; name: string; email?: string }>>("/api/v1/users");
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [verification, setVerification] = useState<AuditVerification>();
  const [verifyProblem, setVerifyProblem] = useState<ApiProblem>();

  const names = useMemo(
    () => new Map((users.data?.items ?? []).map((u) => [u.id, u.name])),
    [users.data],
  );
  const time = (at: number) => new Date(at).toLocaleString(i18n.language);
  const refilter = (change: Partial<AuditFilter>) => {
    const next: Record<string, unknown> = { ...filter, ...change };
    for (const key of Object.keys(next))
      if (next[key] === undefined || next[key] === "") delete next[key];
    setFilter(next as AuditFilter);
    setCursors([undefined]);
  };

  const verify = async () => {
    setVerifying(true);
    setVerifyProblem(undefined);
    try {
      setVerification(await api.get<AuditVerification>("/api/v1/audit/verify"));
    } catch (error) {
      setVerification(undefined);
      setVerifyProblem(toProblem(error));
    } finally {
      setVerifying(false);
    }
  };

  return (
    <div data-testid="audit">
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }} data-testid="audit-filters">
        <AutoComplete
          style={{ width: 180 }}
          allowClear
          placeholder={t("adminOps.audit.entityKind")}
          aria-label={t("adminOps.audit.entityKind")}
          data-testid="audit-entity-kind"
          value={filter.entityKind ?? ""}
          options={ENTITY_KINDS.map((kind) => ({
            value: kind,
            label: `${t(`adminOps.audit.kinds.${kind}`)} (${kind})`,
          }))}
          filterOption={(input, option) =>
            String(option?.label ?? "")
              .toLowerCase()
              .includes(input.toLowerCase())
          }
          onChange={(value: string) => refilter({ entityKind: value || undefined })}
        />
        <Input.Search
          style={{ width: 220 }}
          allowClear
          placeholder={t("adminOps.audit.entityId")}
          aria-label={t("adminOps.audit.entityId")}
          data-testid="audit-entity-id"
          defaultValue={filter.entityId}
          key={`id-${filter.entityId ?? ""}`}
          onSearch={(value) => refilter({ entityId: value.trim() || undefined })}
        />
        <Select
          style={{ width: 200 }}
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t("adminOps.audit.actor")}
          aria-label={t("adminOps.audit.actor")}
          data-testid="audit-actor"
          value={filter.actorId}
          options={(users.data?.items ?? []).map((u) => ({
            value: u.id,
            label: u.email ? `${u.name} · ${u.email}` : u.name,
          }))}
          onChange={(value: string | undefined) => refilter({ actorId: value })}
        />
        <Input.Search
          style={{ width: 200 }}
          allowClear
          placeholder={t("adminOps.audit.action")}
          aria-label={t("adminOps.audit.action")}
          data-testid="audit-action"
          key={`action-${filter.action ?? ""}`}
          defaultValue={filter.action}
          onSearch={(value) => refilter({ action: value.trim() || undefined })}
        />
        <DatePicker.RangePicker
          data-testid="audit-range"
          aria-label={t("adminOps.audit.range")}
          placeholder={[t("adminOps.audit.from"), t("adminOps.audit.to")]}
          value={range}
          onChange={(dates) => {
            setRange(dates);
            refilter({
              from: dates?.[0]?.startOf("day").valueOf(),
              to: dates?.[1]?.endOf("day").add(1, "millisecond").valueOf(),
            });
          }}
        />
        <Button
          onClick={() => {
            setFilter({});
            setRange(null);
            setCursors([undefined]);
          }}
          disabled={Object.keys(filter).length === 0}
        >
          {t("adminOps.audit.clear")}
        </Button>
        <Button
          type="primary"
          icon={<SafetyCertificateOutlined />}
          loading={verifying}
          onClick={() => void verify()}
          data-testid="audit-verify"
          style={{ marginInlineStart: "auto" }}
        >
          {t("adminOps.audit.verify")}
        </Button>
      </Flex>
      {verifyProblem && <ProblemAlert problem={verifyProblem} />}
      {verification && (
        <div style={{ marginBottom: 12 }}>
          <VerifyResult
            result={verification}
            onShow={(seq) => {
              setFilter({});
              setCursors([undefined, String(seq + 1)]);
            }}
          />
        </div>
      )}
      <QueryState query={query} isEmpty={() => false} empty="">
        {(page) => (
          <>
            <Table<AuditEvent>
              size="small"
              rowKey="seq"
              dataSource={[...page.items]}
              pagination={false}
              loading={query.loading}
              locale={{ emptyText: t("adminOps.audit.empty") }}
              onRow={(e) =>
                ({
                  "data-testid": "audit-row",
                  "data-action": e.action,
                }) as React.HTMLAttributes<HTMLElement>
              }
              expandable={{ expandedRowRender: (e) => <EventDiff event={e} /> }}
              columns={[
                {
                  key: "at",
                  title: t("adminOps.audit.when"),
                  render: (_, e) => <span title={`#${e.seq} · ${e.hash}`}>{time(e.at)}</span>,
                },
                {
                  key: "actor",
                  title: t("adminOps.audit.who"),
                  render: (_, e) =>
                    e.actorId ? (
                      <Typography.Link
                        onClick={() => refilter({ actorId: e.actorId ?? undefined })}
                      >
                        {names.get(e.actorId) ?? e.actorId}
                      </Typography.Link>
                    ) : (
                      <Typography.Text type="secondary">
                        {t("adminOps.audit.system")}
                      </Typography.Text>
                    ),
                },
                {
                  key: "action",
                  title: t("adminOps.audit.what"),
                  render: (_, e) => <Typography.Text code>{e.action}</Typography.Text>,
                },
                {
                  key: "entity",
                  title: t("adminOps.audit.entity"),
                  render: (_, e) => (
                    <Space size={4} wrap>
                      <Tag>
                        {t(`adminOps.audit.kinds.${e.entityKind}`, { defaultValue: e.entityKind })}
                      </Tag>
                      <Typography.Link
                        onClick={() => refilter({ entityKind: e.entityKind, entityId: e.entityId })}
                        title={t("adminOps.audit.filterEntity")}
                      >
                        <Typography.Text code ellipsis style={{ maxWidth: 260 }}>
                          {e.entityId}
                        </Typography.Text>
                      </Typography.Link>
                    </Space>
                  ),
                },
                { key: "seq", title: "#", dataIndex: "seq", width: 70 },
              ]}
            />
            <Flex
              justify="end"
              gap={8}
              align="center"
              style={{ marginTop: 12 }}
              data-testid="audit-pager"
            >
              <Typography.Text type="secondary">
                {t("adminOps.audit.page", { page: cursors.length })}
              </Typography.Text>
              <Button
                disabled={cursors.length === 1}
                onClick={() => setCursors((c) => c.slice(0, -1))}
                data-testid="audit-prev"
              >
                {t("adminOps.audit.newer")}
              </Button>
              <Button
                disabled={!page.nextCursor}
                onClick={() =>
                  page.nextCursor && setCursors((c) => [...c, page.nextCursor ?? undefined])
                }
                data-testid="audit-next"
              >
                {t("adminOps.audit.older")}
              </Button>
              <Select
                value={size}
                style={{ width: 110 }}
                aria-label={t("adminOps.audit.pageSize")}
                options={PAGE_SIZES.map((n) => ({
                  value: n,
                  label: t("adminOps.audit.perPage", { count: n }),
                }))}
                onChange={(n: number) => {
                  setSize(n);
                  setCursors([undefined]);
                }}
              />
            </Flex>
          </>
        )}
      </QueryState>
    </div>
  );
}
