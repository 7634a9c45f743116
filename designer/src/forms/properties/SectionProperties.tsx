/**
 * @module designer/forms/properties/SectionProperties
 * The properties of a section: key (renamed on blur or Enter), title, description, columns,
 * collapsed and visible-if, with its removal and the engine's issues on it listed at the top.
 */
import { DeleteOutlined } from "@ant-design/icons";
import { Button, Checkbox, Input, Radio, Typography } from "antd";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormBuilder, useFormBuilderStore } from "../builder-context.ts";
import { I18nInput, IssueList } from "../controls.tsx";
import { type FormDoc, sectionKeyProblem, setSectionRule, updateSection } from "../form-doc.ts";
import { RuleEditor } from "../RuleEditor.tsx";
import { useIssuesOn } from "./useIssuesOn.ts";
import { useRuleFields } from "./useRuleFields.ts";

/** The properties of the section `sectionKey`. */
export function SectionProperties({ sectionKey }: { sectionKey: string }) {
  const { t } = useTranslation();
  const store = useFormBuilderStore();
  const doc = useFormBuilder((s) => s.doc);
  const issues = useIssuesOn({ section: sectionKey });
  const [keyDraft, setKeyDraft] = useState(sectionKey);
  const ruleFields = useRuleFields(doc as FormDoc);
  const columnsId = useId();
  const keyId = useId();
  const section = doc?.uiSchema?.sections?.find((s) => s.key === sectionKey);
  if (!doc || !section) return null;
  const keyProblem = keyDraft === sectionKey ? undefined : sectionKeyProblem(doc, keyDraft);
  const change = (patch: Parameters<typeof updateSection>[2], tag: string) =>
    store
      .getState()
      .change((d) => updateSection(d, sectionKey, patch), `section:${sectionKey}:${tag}`);
  const rename = () => {
    if (!store.getState().renameSection(sectionKey, keyDraft)) setKeyDraft(sectionKey);
  };
  return (
    <div className="kam-fb-props__body" data-testid="section-properties">
      <Typography.Title level={5}>{t("formBuilder.sectionProperties")}</Typography.Title>
      <IssueList issues={issues} testId="section-issues" />
      <div className="kam-fb-setting">
        <label htmlFor={keyId}>{t("formBuilder.sectionKey")}</label>
        <Input
          id={keyId}
          value={keyDraft}
          status={keyProblem ? "error" : ""}
          onChange={(e) => setKeyDraft(e.target.value)}
          onBlur={rename}
          onPressEnter={rename}
        />
        {keyProblem && (
          <Typography.Text type="danger">
            {t(`formBuilder.sectionKeyProblem.${keyProblem}`)}
          </Typography.Text>
        )}
      </div>
      <I18nInput
        label={t("formBuilder.sectionTitle")}
        value={section.title}
        onChange={(title) => change({ title: title ?? { "zh-CN": "", en: "" } }, "title")}
        testId="section-title"
      />
      <I18nInput
        label={t("formBuilder.description")}
        value={section.description}
        rows={2}
        onChange={(description) => change({ description }, "description")}
      />
      <div className="kam-fb-setting">
        <label htmlFor={columnsId}>{t("formBuilder.sectionColumns")}</label>
        <Radio.Group
          id={columnsId}
          optionType="button"
          value={section.columns ?? 0}
          onChange={(e) => change({ columns: (e.target.value as number) || undefined }, "columns")}
          options={[
            { value: 0, label: t("formBuilder.inherit") },
            ...[1, 2, 3, 4].map((n) => ({ value: n, label: String(n) })),
          ]}
        />
      </div>
      <Checkbox
        checked={section.collapsed === true}
        onChange={(e) => change({ collapsed: e.target.checked || undefined }, "collapsed")}
      >
        {t("formBuilder.collapsed")}
      </Checkbox>
      <RuleEditor
        label={t("formBuilder.rule.visibleIf")}
        hint={t("formBuilder.rule.visibleIfHint")}
        value={doc.rules?.visibility?.sections?.[sectionKey]}
        fields={ruleFields}
        onChange={(rule) =>
          store
            .getState()
            .change((d) => setSectionRule(d, sectionKey, rule), `section:${sectionKey}:rule`)
        }
        testId="section-visible-if"
      />
      <Button
        danger
        icon={<DeleteOutlined />}
        onClick={() => store.getState().removeSection(sectionKey)}
      >
        {t("formBuilder.removeSection")}
      </Button>
    </div>
  );
}
