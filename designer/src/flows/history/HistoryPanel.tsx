/**
 * @module designer/flows/history/HistoryPanel
 * The history drawer's content: the versions, newest first, with compare and restore actions;
 * the two sides of the diff (any version, or the current canvas as the newer side); the diff.
 * Version bodies load once each, when first compared.
 */
import { Button, Flex, Select, Space, Spin, Table, Tag, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { FlowDefinition } from "../../../../schemas/index.ts";
import type { ApiProblem } from "../../api/problem.ts";
import { isApiProblem } from "../../api/problem.ts";
import { useApiQuery } from "../../api/useApiQuery.ts";
import { useApi } from "../../app-context.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { useFlowEditor } from "../editor-context.ts";
import { toDefinition } from "../flow-convert.ts";
import { outputsOf } from "../node-registry.ts";
import { FlowDiffView } from "./FlowDiffView.tsx";
import { diffFlows } from "./flow-diff.ts";
import { type FlowVersionSummary, loadVersion, versionsPath } from "./history-api.ts";

/** A side of the diff: a version number, or the canvas as it is. */
type Side = number | "current";

const STATUS_COLOR: Record<string, string> = {
  draft: "orange",
  published: "green",
  archived: "default",
};

/** The older side to start with: the latest published version, else the oldest. */
function defaultFrom(versions: readonly FlowVersionSummary[]): number | undefined {
  return (versions.filter((v) => v.status === "published").at(-1) ?? versions[0])?.version;
}

export function HistoryPanel({
  flowKey,
  onRestore,
}: {
  flowKey: string;
  onRestore(version: number): void;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const query = useApiQuery<{ versions: FlowVersionSummary[] }>(versionsPath(flowKey));
  // Names of authors where the caller may read them; ids otherwise.
  const users = useApiQuery<{ items: { id: string; name?: string }[] }>("/api/v1/users");
  const [from, setFrom] = useState<Side>();
  const [to, setTo] = useState<Side>("current");
  const [bodies, setBodies] = useState<Readonly<Record<number, FlowDefinition>>>({});
  const [problem, setProblem] = useState<ApiProblem>();

  const header = useFlowEditor((s) => s.header);
  const nodes = useFlowEditor((s) => s.nodes);
  const edges = useFlowEditor((s) => s.edges);
  const current = useMemo(
    () => (header ? toDefinition(header, nodes, edges, outputsOf) : undefined),
    [header, nodes, edges],
  );

  const versions = query.data?.versions;
  useEffect(() => {
    if (from === undefined && versions) setFrom(defaultFrom(versions));
  }, [from, versions]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: bodies is what the effect fills in
  useEffect(() => {
    let live = true;
    for (const side of [from, to])
      if (typeof side === "number" && !bodies[side])
        loadVersion(api, flowKey, side).then(
          (body) => live && setBodies((b) => ({ ...b, [side]: body })),
          (error: unknown) => live && isApiProblem(error) && setProblem(error),
        );
    return () => {
      live = false;
    };
  }, [api, flowKey, from, to]);

  const docOf = (side: Side | undefined) =>
    side === "current" ? current : side === undefined ? undefined : bodies[side];
  const before = docOf(from);
  const after = docOf(to);
  const diff = useMemo(
    () => (before && after ? diffFlows(before, after) : undefined),
    [before, after],
  );

  const nameOf = useMemo(
    () => new Map((users.data?.items ?? []).map((u) => [u.id, u.name ?? u.id])),
    [users.data],
  );
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: "short", timeStyle: "short" });
  const labelOf = (side: Side | undefined) =>
    side === "current"
      ? t("flowTools.history.current")
      : t("flowTools.history.versionLabel", { version: side });
  const statusText = (status: string) =>
    ["draft", "published", "archived"].includes(status) ? t(`flowTools.history.${status}`) : status;
  const options = [...(versions ?? [])].reverse().map((v) => ({
    value: v.version as Side,
    label: `${labelOf(v.version)} · ${statusText(v.status)}`,
  }));

  return (
    <Flex vertical gap={12} data-testid="history-drawer">
      <QueryState
        query={query}
        isEmpty={(d) => d.versions.length === 0}
        empty={t("flowTools.history.empty")}
      >
        {(data) => (
          <Table
            size="small"
            rowKey="version"
            pagination={false}
            scroll={{ y: 220 }}
            dataSource={[...data.versions].reverse()}
            onRow={(v) => ({ "data-testid": `history-version-${v.version}` }) as object}
            columns={[
              {
                title: t("flowTools.history.version"),
                dataIndex: "version",
                width: 80,
                render: (v: number) => labelOf(v),
              },
              {
                title: t("flowTools.history.status"),
                dataIndex: "status",
                width: 100,
                render: (s: string) => <Tag color={STATUS_COLOR[s]}>{statusText(s)}</Tag>,
              },
              { title: t("flowTools.history.note"), dataIndex: "note", ellipsis: true },
              {
                title: t("flowTools.history.author"),
                dataIndex: "createdBy",
                width: 140,
                ellipsis: true,
                render: (id: string | null) => (id ? (nameOf.get(id) ?? id) : "—"),
              },
              {
                title: t("flowTools.history.time"),
                dataIndex: "createdAt",
                width: 150,
                render: (_: number, v: FlowVersionSummary) =>
                  time.format(new Date(v.publishedAt ?? v.createdAt)),
              },
              {
                title: t("flowTools.history.actions"),
                key: "actions",
                width: 220,
                render: (_: unknown, v: FlowVersionSummary) => (
                  <Space size={0}>
                    <Button
                      type="link"
                      size="small"
                      onClick={() => {
                        setFrom(v.version);
                        setTo("current");
                      }}
                      data-testid={`compare-${v.version}`}
                    >
                      {t("flowTools.history.compareWithCanvas")}
                    </Button>
                    <Button
                      type="link"
                      size="small"
                      onClick={() => onRestore(v.version)}
                      data-testid={`restore-${v.version}`}
                    >
                      {t("flowTools.history.restore")}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      {versions && versions.length > 0 && (
        <Space wrap>
          <Typography.Text>{t("flowTools.history.from")}</Typography.Text>
          <Select
            className="kam-diff-side"
            value={from}
            onChange={setFrom}
            options={options}
            aria-label={t("flowTools.history.from")}
            data-testid="diff-from"
          />
          <Typography.Text>{t("flowTools.history.to")}</Typography.Text>
          <Select
            className="kam-diff-side"
            value={to}
            onChange={setTo}
            options={[{ value: "current", label: t("flowTools.history.current") }, ...options]}
            aria-label={t("flowTools.history.to")}
            data-testid="diff-to"
          />
        </Space>
      )}
      {problem && <ProblemAlert problem={problem} />}
      {diff ? (
        <FlowDiffView diff={diff} from={labelOf(from)} to={labelOf(to)} />
      ) : (
        from !== undefined && !problem && <Spin description={t("flowTools.history.loading")} />
      )}
    </Flex>
  );
}
