/**
 * @module designer/inbox/InboxPage
 * The inbox: my tasks, soonest due first, each with its request, record, SLA countdown and the
 * next escalation; select approvals to approve in bulk (a result per task); open one to act on
 * it. It reloads live when a task enters or leaves the inbox. "My requests" lists what I
 * started, with withdraw and remind.
 */
import { Alert, Button, Flex, Input, Modal, Table, Tabs, Tag, Tooltip, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { type ApiProblem, isApiProblem, toProblem } from "../api/problem.ts";
import { useApi, useLiveEvent } from "../app-context.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { type Language, localized } from "../i18n/language.ts";
import { countdown, urgencyOf } from "./inbox-time.ts";
import { MyRequests } from "./MyRequests.tsx";
import { TaskDrawer } from "./TaskDrawer.tsx";
import { useUsers } from "./useUsers.ts";
import "./inbox.css";

export interface InboxTask {
  readonly id: string;
  readonly instanceId: string;
  readonly nodeId: string;
  readonly kind: "task" | "approval";
  readonly status: string;
  readonly dueAt: number | null;
  readonly createdAt: number;
  readonly context: {
    readonly flowKey: string;
    readonly flowName: unknown;
    readonly nodeLabel: unknown;
    readonly initiatorId: string | null;
    readonly record: { id: string; form: string; title: string } | null;
    readonly next: { at: number; action: string; level: number | null } | null;
  } | null;
}

/** One task's answer of POST /tasks/bulk-approve. */
interface BulkResult {
  readonly taskId: string;
  readonly status: number;
  readonly problem?: { readonly title?: string; readonly detail?: string };
}

const URGENCY_COLOR = { overdue: "red", soon: "orange", later: "blue", none: "default" } as const;

export default function InboxPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const api = useApi();
  const { users, nameOf } = useUsers();
  const [tasks, setTasks] = useState<InboxTask[]>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [open, setOpen] = useState<string>();
  const [selected, setSelected] = useState<string[]>([]);
  const [bulk, setBulk] = useState<readonly BulkResult[]>();
  const [bulkComment, setBulkComment] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [now, setNow] = useState(Date.now());

  const load = useCallback(() => {
    api.get<{ items: InboxTask[] }>("/api/v1/tasks?include=context").then(
      (reply) => {
        setTasks(reply.items);
        setProblem(undefined);
        setSelected((s) => s.filter((id) => reply.items.some((x) => x.id === id)));
      },
      (error: unknown) => setProblem(toProblem(error)),
    );
  }, [api]);
  useEffect(load, [load]);
  useLiveEvent("inbox", load);
  // The countdowns move on their own.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const units = { d: t("inbox.unit.d"), h: t("inbox.unit.h"), min: t("inbox.unit.min") };
  const due = (at: number) =>
    countdown(
      at,
      now,
      units,
      t("inbox.left", { time: "{{time}}" }),
      t("inbox.overdue", { time: "{{time}}" }),
    );

  const approveSelected = async () => {
    setConfirming(false);
    try {
      const reply = await api.post<{
        results: BulkResult[];
      }>("/api/v1/tasks/bulk-approve", {
        taskIds: selected,
        ...(bulkComment.trim() ? { comment: bulkComment.trim() } : {}),
      });
      setBulk(reply.results);
      setBulkComment("");
      load();
    } catch (error) {
      setProblem(isApiProblem(error) ? error : undefined);
    }
  };

  const taskTable = (
    <>
      {problem && <ProblemAlert problem={problem} />}
      {bulk && (
        <Alert
          closable={{ onClose: () => setBulk(undefined) }}
          type={bulk.every((r) => r.status === 200) ? "success" : "warning"}
          showIcon
          data-testid="bulk-result"
          title={t("inbox.bulkResult", {
            ok: bulk.filter((r) => r.status === 200).length,
            failed: bulk.filter((r) => r.status !== 200).length,
          })}
          description={bulk
            .filter((r) => r.status !== 200)
            .map((r) => `${r.taskId}: ${r.problem?.detail ?? r.problem?.title ?? ""}`)
            .join("; ")}
        />
      )}
      <Flex gap={8} className="kam-inbox-toolbar" align="center">
        <Button
          type="primary"
          disabled={selected.length === 0}
          onClick={() => setConfirming(true)}
          data-testid="bulk-approve"
        >
          {t("inbox.bulkApprove", { count: selected.length })}
        </Button>
        <Typography.Text type="secondary">
          {t("inbox.count", { count: tasks?.length ?? 0 })}
        </Typography.Text>
      </Flex>
      <Table<InboxTask>
        rowKey="id"
        size="middle"
        loading={tasks === undefined && !problem}
        dataSource={tasks ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as string[]),
          getCheckboxProps: (task) => ({
            disabled: task.kind !== "approval",
            "aria-label": task.id,
          }),
        }}
        onRow={(task) => ({ onClick: () => setOpen(task.id), className: "kam-inbox-row" })}
        locale={{ emptyText: t("inbox.empty") }}
        columns={[
          {
            key: "task",
            title: t("inbox.column.task"),
            render: (_, task) => (
              <Flex vertical>
                <Typography.Link data-testid="inbox-task" data-task={task.id}>
                  {localized(task.context?.nodeLabel, language) || task.nodeId}
                </Typography.Link>
                <Typography.Text type="secondary">
                  {localized(task.context?.flowName, language) || task.context?.flowKey}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            key: "record",
            title: t("inbox.column.record"),
            render: (_, task) => task.context?.record?.title ?? "—",
          },
          {
            key: "from",
            title: t("inbox.column.from"),
            render: (_, task) => nameOf(task.context?.initiatorId),
          },
          {
            key: "due",
            title: t("inbox.column.due"),
            render: (_, task) => {
              const urgency = urgencyOf(task.dueAt, now);
              return task.dueAt === null ? (
                "—"
              ) : (
                <Tooltip title={new Date(task.dueAt).toLocaleString(language)}>
                  <Tag
                    color={URGENCY_COLOR[urgency]}
                    data-testid="sla-countdown"
                    data-urgency={urgency}
                  >
                    {due(task.dueAt)}
                  </Tag>
                </Tooltip>
              );
            },
          },
          {
            key: "next",
            title: t("inbox.column.next"),
            render: (_, task) => {
              const next = task.context?.next;
              if (!next) return "—";
              return (
                <Tooltip title={new Date(next.at).toLocaleString(language)}>
                  <span data-testid="next-escalation">
                    {t(`inbox.action.${next.action}`, { defaultValue: next.action })}
                    {next.level !== null ? ` (${t("inbox.level", { level: next.level + 1 })})` : ""}{" "}
                    · {due(next.at)}
                  </span>
                </Tooltip>
              );
            },
          },
          {
            key: "created",
            title: t("inbox.column.created"),
            render: (_, task) => new Date(task.createdAt).toLocaleString(language),
          },
        ]}
      />
      <Modal
        open={confirming}
        title={t("inbox.bulkTitle", { count: selected.length })}
        okText={t("inbox.outcome.approve")}
        cancelText={t("inbox.cancel")}
        onCancel={() => setConfirming(false)}
        onOk={() => void approveSelected()}
      >
        <Input.TextArea
          rows={3}
          value={bulkComment}
          onChange={(e) => setBulkComment(e.target.value)}
          placeholder={t("inbox.commentPlaceholder")}
          aria-label={t("inbox.comment")}
        />
      </Modal>
      <TaskDrawer
        taskId={open}
        users={users}
        nameOf={nameOf}
        onClose={() => setOpen(undefined)}
        onDone={() => {
          setOpen(undefined);
          load();
        }}
      />
    </>
  );

  return (
    <section data-testid="inbox">
      <Typography.Title level={2}>{t("inbox.title")}</Typography.Title>
      <Tabs
        items={[
          { key: "tasks", label: t("inbox.myTasks"), children: taskTable },
          {
            key: "requests",
            label: t("inbox.myRequests"),
            children: <MyRequests nameOf={nameOf} />,
          },
        ]}
      />
    </section>
  );
}
