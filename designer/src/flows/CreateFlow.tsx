/**
 * @module designer/flows/CreateFlow
 * What `/flows/<key>` shows for a key no flow has yet: name the flow (zh-CN and en) and pick the
 * form its requests carry; the editor then opens on a start node, and the first save creates
 * the draft.
 */
import { Button, Card, Input, Result, Select, Typography } from "antd";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { DefinitionSummary, ListReply } from "../api/types.ts";
import { useApiQuery } from "../api/useApiQuery.ts";
import { type Language, localized } from "../i18n/language.ts";

/** The keys the definitions API accepts. */
const KEY = /^[a-z][a-z0-9_-]{0,63}$/;

export function CreateFlow({
  flowKey,
  onCreate,
}: {
  flowKey: string;
  onCreate(name: { "zh-CN": string; en: string }, form: string | undefined): void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const forms = useApiQuery<ListReply<DefinitionSummary>>("/api/v1/definitions?kind=form");
  const [zh, setZh] = useState("");
  const [en, setEn] = useState("");
  const [form, setForm] = useState<string>();
  const ids = { zh: useId(), en: useId(), form: useId() };
  const validKey = KEY.test(flowKey);
  return (
    <section data-testid="create-flow">
      <Result
        status={validKey ? "info" : "warning"}
        title={t("flowTools.create.title", { key: flowKey })}
        subTitle={validKey ? t("flowTools.create.hint") : t("flowTools.create.badKey")}
        extra={<Link to="/flows">{t("flowEditor.back")}</Link>}
      />
      {validKey && (
        <Card className="kam-create-card">
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (zh.trim() && en.trim()) onCreate({ "zh-CN": zh.trim(), en: en.trim() }, form);
            }}
          >
            <label htmlFor={ids.zh}>{t("flowTools.create.nameZh")}</label>
            <Input
              id={ids.zh}
              value={zh}
              onChange={(e) => setZh(e.target.value)}
              data-testid="create-name-zh"
            />
            <label htmlFor={ids.en}>{t("flowTools.create.nameEn")}</label>
            <Input
              id={ids.en}
              value={en}
              onChange={(e) => setEn(e.target.value)}
              data-testid="create-name-en"
            />
            <label htmlFor={ids.form}>{t("flowTools.create.form")}</label>
            <Select
              id={ids.form}
              className="kam-create-select"
              allowClear
              value={form}
              onChange={setForm}
              data-testid="create-form-select"
              options={(forms.data?.items ?? [])
                .filter((f) => f.published !== null)
                .map((f) => ({
                  value: f.key,
                  label: `${localized(f.name, language) || f.key} (${f.key})`,
                }))}
            />
            <Typography.Paragraph type="secondary">
              {t("flowTools.create.later")}
            </Typography.Paragraph>
            <Button
              type="primary"
              htmlType="submit"
              disabled={!zh.trim() || !en.trim()}
              data-testid="create-flow-submit"
            >
              {t("flowTools.create.submit")}
            </Button>
          </form>
        </Card>
      )}
    </section>
  );
}
