/**
 * @module designer/forms/properties/FormProperties
 * The properties of the form itself: its key, name, description, columns and hidden-values
 * policy, with the engine's issues on the form listed at the top.
 */
import { Radio, Typography } from "antd";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useFormBuilder, useFormBuilderStore } from "../builder-context.ts";
import { I18nInput, IssueList } from "../controls.tsx";
import { updateForm } from "../form-doc.ts";
import { useIssuesOn } from "./useIssuesOn.ts";

/** The form's own properties, shown when nothing is selected. */
export function FormProperties() {
  const { t } = useTranslation();
  const store = useFormBuilderStore();
  const doc = useFormBuilder((s) => s.doc);
  const issues = useIssuesOn({ form: true });
  const columnsId = useId();
  if (!doc) return null;
  const change = (patch: Parameters<typeof updateForm>[1], tag: string) =>
    store.getState().change((d) => updateForm(d, patch), `form:${tag}`);
  return (
    <div className="kam-fb-props__body" data-testid="form-properties">
      <Typography.Title level={5}>{t("formBuilder.formProperties")}</Typography.Title>
      <IssueList issues={issues} testId="form-issues" />
      <Typography.Text type="secondary">
        {t("formBuilder.key")}: <code>{doc.key}</code>
      </Typography.Text>
      <I18nInput
        label={t("formBuilder.formName")}
        value={doc.name}
        onChange={(name) => change({ name: name ?? { "zh-CN": "", en: "" } }, "name")}
        testId="form-name"
      />
      <I18nInput
        label={t("formBuilder.description")}
        value={doc.description}
        rows={2}
        onChange={(description) => change({ description }, "description")}
      />
      <div className="kam-fb-setting">
        <label htmlFor={columnsId}>{t("formBuilder.formColumns")}</label>
        <Radio.Group
          id={columnsId}
          optionType="button"
          value={doc.uiSchema?.columns ?? 1}
          onChange={(e) => change({ columns: e.target.value as number }, "columns")}
          options={[1, 2, 3, 4].map((n) => ({ value: n, label: String(n) }))}
        />
      </div>
      <div className="kam-fb-setting">
        <span>{t("formBuilder.hiddenValues")}</span>
        <Radio.Group
          value={doc.rules?.hiddenValues ?? "drop"}
          onChange={(e) =>
            change({ hiddenValues: e.target.value === "drop" ? undefined : "keep" }, "hidden")
          }
          options={[
            { value: "drop", label: t("formBuilder.hiddenDrop") },
            { value: "keep", label: t("formBuilder.hiddenKeep") },
          ]}
        />
      </div>
      <Typography.Paragraph type="secondary">{t("formBuilder.selectHint")}</Typography.Paragraph>
    </div>
  );
}
