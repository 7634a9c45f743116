/**
 * @module designer/inbox/TaskDrawer
 * One task: its record in the runtime form with the step's field permissions, the actions its
 * step allows (approve, reject, complete, return to an earlier step, transfer, add signers,
 * waiting for customer), a comment, and the request's history with the why of each decision.
 * A refused action shows the server's problem with its pointers next to the fields.
 */
import { Alert, Button, Drawer, Flex, Input, Select, Space, Switch, Tabs, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Issue } from "../../../engine/errors/index.ts";
import { type ApiProblem, toProblem } from "../api/problem.ts";
import { useApi } from "../app-context.tsx";
import { PageLoading } from "../components/PageLoading.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { kamflowEngine } from "../engine-browser/entry.ts";
import { FormView } from "../forms/runtime/FormView.tsx";
import type { FieldPermissions } from "../forms/runtime/form-runtime.ts";
import { type HistoryEntry, InstanceHistory } from "./InstanceHistory.tsx";
import type { UserRef } from "./useUsers.ts";

interface TaskView {
  readonly task: {
    id: string;
    instanceId: string;
    nodeId: string;
    kind: string;
    version: number;
    dueAt: number | null;
  };
  readonly record: { id: string; form: string; data: Record<string, unknown> } | null;
  readonly fields: Record<string, string>;
  readonly actions: {
    outcomes: string[];
    returnTargets: string[];
    transfer: boolean;
    addSigner: string[];
    waitForCustomer: boolean;
  };
}

/** The API path of each outcome. */
const OUTCOME_PATH: Record<string, string> = {
  approve: "approve",
  reject: "reject",
  complete: "complete",
};

export function TaskDrawer({
  taskId,
  users,
  nameOf,
  onClose,
  onDone,
}: {
  taskId: string | undefined;
  users: readonly UserRef[];
  nameOf(id: unknown): string;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [view, setView] = useState<TaskView>();
  const [form, setForm] = useState<unknown>();
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [data, setData] = useState<Record<string, unknown>>({});
  const [comment, setComment] = useState("");
  const [returnTo, setReturnTo] = useState<string>();
  const [transferTo, setTransferTo] = useState<string>();
  const [signers, setSigners] = useState<string[]>([]);
  const [signerPosition, setSignerPosition] = useState<string>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);
  const [waiting, setWaiting] = useState(false);

  useEffect(() => {
    if (!taskId) return;
    let current = true;
    setView(undefined);
    setForm(undefined);
    setProblem(undefined);
    setComment("");
    (async () => {
      const task = await api.get<TaskView>(`/api/v1/tasks/${encodeURIComponent(taskId)}`);
      const [instance, definition] = await Promise.all([
        api.get<{ history: HistoryEntry[]; instance: { state?: { waiting?: unknown } } }>(
          `/api/v1/instances/${encodeURIComponent(task.task.instanceId)}`,
        ),
        task.record
          ? api.get<unknown>(
              `/api/v1/definitions/form/${encodeURIComponent(task.record.form)}/export`,
            )
          : Promise.resolve(undefined),
      ]);
      if (!current) return;
      setView(task);
      setData(task.record?.data ?? {});
      setHistory(instance.history);
      // Paused while this step's last pause has no resume after it.
      const clock = instance.history.filter(
        (h) =>
          h.nodeId === task.task.nodeId && (h.kind === "sla.paused" || h.kind === "sla.resumed"),
      );
      setWaiting(clock.at(-1)?.kind === "sla.paused");
      setForm(definition ? kamflowEngine.compileForm(definition) : undefined);
      setSignerPosition(task.actions.addSigner[0]);
    })().catch((error: unknown) => current && setProblem(toProblem(error)));
    return () => {
      current = false;
    };
  }, [api, taskId]);

  const permissions = useMemo(() => (view ? (view.fields as FieldPermissions) : undefined), [view]);
  const editable = (name: string) =>
    view?.fields[name] === "editable" || view?.fields[name] === "required";
  const changed = () =>
    Object.fromEntries(
      Object.entries(data).filter(
        ([k, v]) => editable(k) && JSON.stringify(v) !== JSON.stringify(view?.record?.data[k]),
      ),
    );

  /** Posts an action; one that ends the task (not a pause) closes the drawer. */
  const act = async (path: string, body: object, close = true) => {
    if (!view) return;
    setBusy(true);
    setProblem(undefined);
    try {
      await api.post(`/api/v1/tasks/${encodeURIComponent(view.task.id)}/${path}`, body);
      if (close) onDone();
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  /** A comment on the request without deciding (评论): it joins the history. */
  const addComment = async () => {
    if (!view) return;
    setBusy(true);
    setProblem(undefined);
    try {
      await api.post(`/api/v1/instances/${encodeURIComponent(view.task.instanceId)}/comments`, {
        text: comment.trim(),
        taskId: view.task.id,
      });
      setComment("");
      const instance = await api.get<{ history: HistoryEntry[] }>(
        `/api/v1/instances/${encodeURIComponent(view.task.instanceId)}`,
      );
      setHistory(instance.history);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  const decide = (outcome: string) => {
    const fields = changed();
    void act(OUTCOME_PATH[outcome] ?? "complete", {
      ...(Object.keys(fields).length > 0 ? { data: fields } : {}),
      ...(comment.trim() ? { comment: comment.trim() } : {}),
      expectedVersion: view?.task.version,
    });
  };
  const issues: Issue[] = (problem?.issues ?? []).map((i) => ({
    ...i,
    pointer: i.pointer.replace(/^\/data/, ""),
  })) as Issue[];

  return (
    <Drawer
      open={taskId !== undefined}
      onClose={onClose}
      size="large"
      title={t("inbox.task")}
      destroyOnHidden
    >
      {!view ? (
        problem ? (
          <ProblemAlert problem={problem} />
        ) : (
          <PageLoading />
        )
      ) : (
        <Flex vertical gap={16} data-testid="task-drawer">
          {view.record && (
            <Typography.Text type="secondary">
              <Link to={`/instances/${view.task.instanceId}`} data-testid="open-instance">
                {t("inbox.openInstance")}
              </Link>
            </Typography.Text>
          )}
          <Tabs
            items={[
              {
                key: "form",
                label: t("inbox.form"),
                children:
                  form && view.record ? (
                    <FormView
                      form={form as Parameters<typeof FormView>[0]["form"]}
                      value={data}
                      onChange={setData}
                      permissions={permissions}
                      extraIssues={issues}
                    />
                  ) : (
                    <Typography.Text type="secondary">{t("inbox.noRecord")}</Typography.Text>
                  ),
              },
              {
                key: "history",
                label: t("inbox.history"),
                children: <InstanceHistory entries={history} nameOf={nameOf} />,
              },
            ]}
          />
          {problem && <ProblemAlert problem={problem} />}
          <Input.TextArea
            rows={3}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            placeholder={t("inbox.commentPlaceholder")}
            aria-label={t("inbox.comment")}
            data-testid="task-comment"
          />
          <Space wrap>
            <Button
              disabled={!comment.trim()}
              loading={busy}
              onClick={() => void addComment()}
              data-testid="task-add-comment"
            >
              {t("inbox.addComment")}
            </Button>
            {view.actions.outcomes.map((outcome) => (
              <Button
                key={outcome}
                type={outcome === "reject" ? "default" : "primary"}
                danger={outcome === "reject"}
                loading={busy}
                onClick={() => decide(outcome)}
                data-testid={`task-${outcome}`}
              >
                {t(`inbox.outcome.${outcome}`, { defaultValue: outcome })}
              </Button>
            ))}
          </Space>
          {view.actions.returnTargets.length > 0 && (
            <Space wrap>
              <Select
                className="kam-inbox-select"
                aria-label={t("inbox.returnTo")}
                placeholder={t("inbox.returnTo")}
                value={returnTo}
                onChange={setReturnTo}
                options={view.actions.returnTargets.map((n) => ({ value: n, label: n }))}
              />
              <Button
                disabled={!returnTo}
                loading={busy}
                onClick={() =>
                  void act("return", { returnTo, ...(comment.trim() ? { comment } : {}) })
                }
                data-testid="task-return"
              >
                {t("inbox.return")}
              </Button>
            </Space>
          )}
          {view.actions.transfer && (
            <Space wrap>
              <Select
                showSearch={{ optionFilterProp: "label" }}
                className="kam-inbox-select"
                aria-label={t("inbox.transferTo")}
                placeholder={t("inbox.transferTo")}
                value={transferTo}
                onChange={setTransferTo}
                options={users.map((u) => ({ value: u.id, label: u.name }))}
              />
              <Button
                disabled={!transferTo}
                loading={busy}
                onClick={() =>
                  void act("transfer", { to: transferTo, ...(comment.trim() ? { comment } : {}) })
                }
                data-testid="task-transfer"
              >
                {t("inbox.transfer")}
              </Button>
            </Space>
          )}
          {view.actions.addSigner.length > 0 && (
            <Space wrap>
              <Select
                mode="multiple"
                showSearch={{ optionFilterProp: "label" }}
                className="kam-inbox-select-wide"
                aria-label={t("inbox.signers")}
                placeholder={t("inbox.signers")}
                value={signers}
                onChange={setSigners}
                options={users.map((u) => ({ value: u.id, label: u.name }))}
              />
              <Select
                className="kam-inbox-select"
                aria-label={t("inbox.signerPosition")}
                value={signerPosition}
                onChange={setSignerPosition}
                options={view.actions.addSigner.map((p) => ({
                  value: p,
                  label: t(`inbox.position.${p}`, { defaultValue: p }),
                }))}
              />
              <Button
                disabled={signers.length === 0}
                loading={busy}
                onClick={() =>
                  void act("signers", {
                    position: signerPosition,
                    users: signers,
                    ...(comment.trim() ? { comment } : {}),
                  })
                }
                data-testid="task-signers"
              >
                {t("inbox.addSigners")}
              </Button>
            </Space>
          )}
          {view.actions.waitForCustomer && (
            <Space>
              <Switch
                checked={waiting}
                loading={busy}
                aria-label={t("inbox.waiting")}
                onChange={(on) => {
                  setWaiting(on);
                  void act(
                    "waiting",
                    { waiting: on, ...(comment.trim() ? { reason: comment } : {}) },
                    false,
                  );
                }}
                data-testid="task-waiting"
              />
              {t("inbox.waiting")}
            </Space>
          )}
          {view.actions.outcomes.length === 0 && (
            <Alert type="info" showIcon title={t("inbox.noActions")} />
          )}
        </Flex>
      )}
    </Drawer>
  );
}
