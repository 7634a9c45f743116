/**
 * @module designer/forms/properties/FieldValidations
 * The cross-field validations shown on a field: each one's rule and its zh-CN / en message,
 * added (a not-empty check on the field) and removed.
 */
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Divider, Flex, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useFormBuilder, useFormBuilderStore } from "../builder-context.ts";
import { I18nInput } from "../controls.tsx";
import { type FormDoc, freshName, setValidation, validationsOf } from "../form-doc.ts";
import { RuleEditor, type RuleField } from "../RuleEditor.tsx";

/** The cross-field validations shown on this field: rule and message in both languages. */
export function FieldValidations({
  name,
  ruleFields,
}: {
  name: string;
  ruleFields: readonly RuleField[];
}) {
  const { t, i18n } = useTranslation();
  const store = useFormBuilderStore();
  const doc = useFormBuilder((s) => s.doc) as FormDoc;
  const list = validationsOf(doc, name);
  const allFields = useMemo(
    () => [...ruleFields, { name, value: name, label: name }],
    [ruleFields, name],
  );
  const edit = (index: number, v: Parameters<typeof setValidation>[2], tag: string) =>
    store.getState().change((d) => setValidation(d, index, v), `validation:${index}:${tag}`);
  return (
    <section className="kam-fb-validations" data-testid="validations">
      <Divider titlePlacement="start">{t("formBuilder.validation.title")}</Divider>
      <Typography.Paragraph type="secondary">
        {t("formBuilder.validation.hint")}
      </Typography.Paragraph>
      {list.map(({ index, v }) => (
        <div key={index} className="kam-fb-validation" data-testid={`validation-${v.key}`}>
          <Flex justify="space-between" align="center">
            <code>{v.key}</code>
            <Button
              size="small"
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={t("formBuilder.validation.remove", { key: v.key })}
              onClick={() => edit(index, undefined, "remove")}
            />
          </Flex>
          <RuleEditor
            label={t("formBuilder.validation.rule")}
            hint={t("formBuilder.validation.ruleHint")}
            value={v.rule}
            fields={allFields}
            onChange={(rule) => edit(index, { ...v, rule: rule ?? true }, "rule")}
          />
          <I18nInput
            label={t("formBuilder.validation.message")}
            value={v.message}
            onChange={(message) =>
              edit(index, { ...v, message: message ?? { "zh-CN": "", en: "" } }, "message")
            }
            testId={`validation-message-${v.key}`}
          />
        </div>
      ))}
      <Button
        size="small"
        icon={<PlusOutlined />}
        data-testid="add-validation"
        onClick={() => {
          const taken = new Set((doc.rules?.validations ?? []).map((v) => v.key));
          const key = freshName(`${name.toLowerCase().replace(/_/g, "-")}-check-`, taken);
          edit(
            -1,
            {
              key,
              rule: { "!!": [{ var: name }] },
              message: {
                "zh-CN": i18n.getFixedT("zh-CN")("formBuilder.validation.defaultMessage"),
                en: i18n.getFixedT("en")("formBuilder.validation.defaultMessage"),
              },
              fields: [name],
            },
            "add",
          );
        }}
      >
        {t("formBuilder.validation.add")}
      </Button>
    </section>
  );
}
