/**
 * @module designer/forms/PermissionsMatrix
 * Field permissions per flow node: the fields of this form × the task and approval nodes of the
 * flows that work on its records (a task's own `form`, else the flow's `form`). Each cell is the
 * node's `config.fields[field]` — hidden, read-only, editable or required; unlisted fields are
 * read-only (schemas/flow/parts.ts). Saving writes each changed flow's draft under that flow's
 * ETag (If-Match), so a flow changed meanwhile is a 409, explained, not overwritten.
 *
 * Permissions belong to the flows, not the form: the same field is editable while a KAM fills it
 * in and read-only to the approver after.
 */
import { Alert, App, Button, Empty, Modal, Select, Spin, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiProblem, toProblem } from "../api/problem.ts";
import { useApi } from "../app-context.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { type Language, localized } from "../i18n/language.ts";
import { useFormBuilder } from "./builder-context.ts";
import { flowsUsingForm, type PermissionFlow, saveFlowDraft, withPermissions } from "./form-api.ts";
import { FIELD_PERMISSIONS, type FieldPermission } from "./runtime/form-runtime.ts";

type PerNode = Record<string, Record<string, FieldPermission>>;

export function PermissionsMatrix({
  formKey,
  open,
  onClose,
}: {
  formKey: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const api = useApi();
  const { message } = App.useApp();
  const doc = useFormBuilder((s) => s.doc);
  const [flows, setFlows] = useState<PermissionFlow[]>();
  const [edits, setEdits] = useState<Record<string, PerNode>>({});
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);
  const [reload, setReload] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload is the trigger
  useEffect(() => {
    if (!open) return;
    let current = true;
    setFlows(undefined);
    setEdits({});
    setProblem(undefined);
    flowsUsingForm(api, formKey).then(
      (found) => current && setFlows(found),
      (error: unknown) => current && setProblem(toProblem(error)),
    );
    return () => {
      current = false;
    };
  }, [api, formKey, open, reload]);

  const fields = Object.keys(doc?.dataSchema.properties ?? {});
  const columns = (flows ?? []).flatMap((flow) => flow.nodes.map((node) => ({ flow, node })));
  const permissionOf = (
    flowKey: string,
    nodeId: string,
    field: string,
    base: FieldPermission | undefined,
  ) => edits[flowKey]?.[nodeId]?.[field] ?? base;

  const set = (flow: PermissionFlow, nodeId: string, field: string, value: FieldPermission | "") =>
    setEdits((e) => {
      const node = flow.nodes.find((n) => n.id === nodeId);
      const current = { ...(node?.fields ?? {}), ...(e[flow.key]?.[nodeId] ?? {}) };
      if (value === "") delete current[field];
      else current[field] = value;
      return { ...e, [flow.key]: { ...(e[flow.key] ?? {}), [nodeId]: current } };
    });

  const save = async () => {
    if (!flows) return;
    setBusy(true);
    setProblem(undefined);
    try {
      for (const flow of flows) {
        const perNode = edits[flow.key];
        if (!perNode) continue;
        await saveFlowDraft(
          api,
          flow,
          withPermissions(flow.body, perNode),
          t("formBuilder.perm.note"),
        );
      }
      message.success(t("formBuilder.perm.saved"));
      setReload((r) => r + 1);
    } catch (error) {
      const p = toProblem(error);
      setProblem(
        p.status === 409
          ? new ApiProblem({
              ...p,
              title: t("formBuilder.perm.conflict"),
              detail: t("formBuilder.perm.conflictDetail"),
            })
          : p,
      );
    } finally {
      setBusy(false);
    }
  };

  const changed = Object.keys(edits).length > 0;
  return (
    <Modal
      open={open}
      width={1100}
      title={t("formBuilder.perm.title")}
      onCancel={onClose}
      footer={[
        <Button key="close" onClick={onClose}>
          {t("formBuilder.close")}
        </Button>,
        <Button
          key="save"
          type="primary"
          disabled={!changed}
          loading={busy}
          onClick={() => void save()}
          data-testid="perm-save"
        >
          {t("formBuilder.perm.save")}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">{t("formBuilder.perm.hint")}</Typography.Paragraph>
      {problem && <ProblemAlert problem={problem} />}
      {!flows && !problem && <Spin />}
      {flows && columns.length === 0 && (
        <Empty description={t("formBuilder.perm.none")} data-testid="perm-none" />
      )}
      {flows && columns.length > 0 && (
        <div className="kam-fb-matrix" data-testid="perm-matrix">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("formBuilder.perm.field")}</th>
                {columns.map(({ flow, node }) => (
                  <th scope="col" key={`${flow.key}/${node.id}`}>
                    <span className="kam-fb-matrix__flow">
                      {localized(flow.name, language) || flow.key}
                    </span>
                    <span>
                      {localized(node.label, language) || node.id}{" "}
                      <Typography.Text type="secondary">
                        ({t(`formBuilder.perm.${node.type}`)})
                      </Typography.Text>
                    </span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {fields.map((field) => (
                <tr key={field}>
                  <th scope="row">
                    {localized(doc?.uiSchema?.fields?.[field]?.label, language) || field}{" "}
                    <code>{field}</code>
                  </th>
                  {columns.map(({ flow, node }) => {
                    const value = permissionOf(flow.key, node.id, field, node.fields[field]);
                    return (
                      <td key={`${flow.key}/${node.id}`}>
                        <Select
                          size="small"
                          className="kam-fb-matrix__cell"
                          aria-label={`${field} · ${flow.key} · ${node.id}`}
                          data-testid={`perm-${flow.key}-${node.id}-${field}`}
                          value={value ?? ""}
                          onChange={(v: FieldPermission | "") => set(flow, node.id, field, v)}
                          options={[
                            { value: "", label: t("formBuilder.perm.default") },
                            ...FIELD_PERMISSIONS.map((p) => ({
                              value: p,
                              label: t(`formBuilder.perm.${p}`),
                            })),
                          ]}
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {changed && (
        <Alert type="info" showIcon className="kam-fb-gap" title={t("formBuilder.perm.pending")} />
      )}
    </Modal>
  );
}
