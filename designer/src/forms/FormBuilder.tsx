/**
 * @module designer/forms/FormBuilder
 * The builder's layout: a toolbar (undo, redo, field permissions, save, publish), then the field
 * palette, the layout of sections and fields, the live preview and the properties of the
 * selection. The engine validates the document as it changes; issues are counted in the toolbar
 * and shown on the fields and sections they point to.
 */
import {
  CloudUploadOutlined,
  LockOutlined,
  RedoOutlined,
  SaveOutlined,
  UndoOutlined,
} from "@ant-design/icons";
import { Badge, Button, Flex, Input, Modal, Space, Tag, Tooltip, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useApi } from "../app-context.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { type Language, localized } from "../i18n/language.ts";
import { useFormBuilder, useFormBuilderStore } from "./builder-context.ts";
import { FieldPalette } from "./FieldPalette.tsx";
import { listDefinitions, type OpenedForm } from "./form-api.ts";
import { LayoutCanvas } from "./LayoutCanvas.tsx";
import { PermissionsMatrix } from "./PermissionsMatrix.tsx";
import { PreviewPanel } from "./PreviewPanel.tsx";
import { PropertiesPanel } from "./PropertiesPanel.tsx";
import { useBuilderShortcuts } from "./useBuilderShortcuts.ts";
import { useFormDraft } from "./useFormDraft.ts";
import { useFormValidation } from "./useFormValidation.ts";

export function FormBuilder({ formKey, opened }: { formKey: string; opened: OpenedForm }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const store = useFormBuilderStore();
  const canUndo = useFormBuilder((s) => s.past.length > 0);
  const canRedo = useFormBuilder((s) => s.future.length > 0);
  const dirty = useFormBuilder((s) => s.dirty);
  const issueCount = useFormBuilder((s) => s.issues.length);
  const name = useFormBuilder((s) => localized(s.doc?.name, i18n.language as Language));
  const draft = useFormDraft(opened);
  const [publishing, setPublishing] = useState(false);
  const [permissions, setPermissions] = useState(false);
  const [note, setNote] = useState("");
  const [formKeys, setFormKeys] = useState<readonly string[]>([]);
  useFormValidation(store);
  useBuilderShortcuts(store);

  useEffect(() => {
    let current = true;
    listDefinitions(api, "form").then(
      (items) => current && setFormKeys(items.map((i) => i.key)),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api]);

  const versionLabel =
    draft.version === 0
      ? t("formBuilder.newForm")
      : t(draft.hasDraft ? "formBuilder.draftVersion" : "formBuilder.publishedVersion", {
          version: draft.version,
        });

  return (
    <section className="kam-fb" data-testid="form-builder">
      <Flex className="kam-fb-toolbar" align="center" justify="space-between" wrap gap={8}>
        <Space wrap>
          <Link to="/forms">{t("formBuilder.back")}</Link>
          <Typography.Title level={4} className="kam-fb-title">
            {name || formKey}
          </Typography.Title>
          <Typography.Text code>{formKey}</Typography.Text>
          <Tag data-testid="form-version">{versionLabel}</Tag>
          {dirty && <Tag color="orange">{t("formBuilder.unsaved")}</Tag>}
          <Badge
            count={issueCount}
            showZero
            color={issueCount > 0 ? "red" : "green"}
            title={t("formBuilder.issueCount", { count: issueCount })}
            data-testid="form-issue-count"
          />
        </Space>
        <Space wrap>
          <Tooltip title={t("formBuilder.undoHint")}>
            <Button
              icon={<UndoOutlined />}
              disabled={!canUndo}
              onClick={() => store.getState().undo()}
              data-testid="undo"
            >
              {t("formBuilder.undo")}
            </Button>
          </Tooltip>
          <Tooltip title={t("formBuilder.redoHint")}>
            <Button
              icon={<RedoOutlined />}
              disabled={!canRedo}
              onClick={() => store.getState().redo()}
              data-testid="redo"
            >
              {t("formBuilder.redo")}
            </Button>
          </Tooltip>
          <Button
            icon={<LockOutlined />}
            onClick={() => setPermissions(true)}
            data-testid="open-permissions"
          >
            {t("formBuilder.perm.open")}
          </Button>
          <Button
            icon={<SaveOutlined />}
            loading={draft.busy}
            onClick={() => void draft.save()}
            data-testid="save-draft"
          >
            {t("formBuilder.save")}
          </Button>
          <Button
            type="primary"
            icon={<CloudUploadOutlined />}
            disabled={draft.busy}
            onClick={() => setPublishing(true)}
            data-testid="publish"
          >
            {t("formBuilder.publish")}
          </Button>
        </Space>
      </Flex>
      {draft.problem && (
        <div data-testid="form-problem">
          <ProblemAlert
            problem={draft.problem}
            action={
              <Button size="small" onClick={draft.dismiss}>
                {t("formBuilder.dismiss")}
              </Button>
            }
          />
        </div>
      )}
      <div className="kam-fb-body">
        <FieldPalette />
        <LayoutCanvas />
        <PreviewPanel />
        <PropertiesPanel formKeys={formKeys} />
      </div>
      <PermissionsMatrix
        formKey={formKey}
        open={permissions}
        onClose={() => setPermissions(false)}
      />
      <Modal
        open={publishing}
        title={t("formBuilder.publishTitle")}
        okText={t("formBuilder.publish")}
        cancelText={t("formBuilder.cancel")}
        confirmLoading={draft.busy}
        onCancel={() => setPublishing(false)}
        onOk={async () => {
          // On failure the problem shows above the builder, with its pointers.
          if (await draft.publish(note)) setNote("");
          setPublishing(false);
        }}
      >
        <Typography.Paragraph>{t("formBuilder.publishHint")}</Typography.Paragraph>
        <Input.TextArea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t("formBuilder.notePlaceholder")}
          aria-label={t("formBuilder.note")}
          rows={3}
        />
      </Modal>
    </section>
  );
}
