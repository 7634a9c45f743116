/**
 * @module designer/forms/PreviewPanel
 * The live preview: the document being edited, compiled by the engine's own `compileForm` (the
 * browser build, no eval) and drawn by the runtime `FormView`, so rules behave exactly as they
 * will for users. While the document does not compile, the last version that did stays shown
 * under a notice. "Check all" shows every error, as a submit would.
 */
import { Alert, Button, Flex, Switch, Typography } from "antd";
import { useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CompiledForm } from "../../../engine/forms/index.ts";
import { kamflowEngine } from "../engine-browser/entry.ts";
import type { Language } from "../i18n/language.ts";
import { useFormBuilder } from "./builder-context.ts";
import type { FormDoc } from "./form-doc.ts";
import { FormView } from "./runtime/FormView.tsx";
import { evaluateView } from "./runtime/form-runtime.ts";

function tryCompile(doc: FormDoc | undefined): CompiledForm | undefined {
  if (!doc || Object.keys(doc.dataSchema.properties).length === 0) return undefined;
  try {
    // A draft (no version) is compiled afresh; the cache is for published versions.
    const { version: _version, ...draft } = doc;
    return kamflowEngine.compileForm(draft);
  } catch {
    return undefined;
  }
}

export function PreviewPanel() {
  const { t, i18n } = useTranslation();
  const doc = useFormBuilder((s) => s.doc);
  const compiled = useMemo(() => tryCompile(doc), [doc]);
  const lastGood = useRef<CompiledForm | undefined>(undefined);
  if (compiled) lastGood.current = compiled;
  const form = compiled ?? lastGood.current;
  const [value, setValue] = useState<Record<string, unknown>>({});
  const [checkAll, setCheckAll] = useState(false);
  const checkId = useId();
  const [showRecord, setShowRecord] = useState(false);
  const view = useMemo(
    () => (form ? evaluateView(form, value, { locale: i18n.language as Language }) : undefined),
    [form, value, i18n.language],
  );
  return (
    <section
      className="kam-fb-preview"
      aria-label={t("formBuilder.preview")}
      data-testid="fb-preview"
    >
      <Flex justify="space-between" align="center" wrap gap={4} className="kam-fb-preview__head">
        <Typography.Text strong>{t("formBuilder.preview")}</Typography.Text>
        <Flex gap={8} align="center">
          <span className="kam-fb-inline">
            <Switch
              size="small"
              id={checkId}
              checked={checkAll}
              onChange={setCheckAll}
              data-testid="preview-check-all"
            />
            <label htmlFor={checkId}>{t("formBuilder.checkAll")}</label>
          </span>
          <Button size="small" onClick={() => setValue({})} data-testid="preview-reset">
            {t("formBuilder.resetPreview")}
          </Button>
        </Flex>
      </Flex>
      {!compiled && form && (
        <Alert
          type="warning"
          showIcon
          title={t("formBuilder.previewStale")}
          className="kam-fb-gap"
        />
      )}
      {!form ? (
        <Typography.Paragraph type="secondary" data-testid="preview-empty">
          {t("formBuilder.previewEmpty")}
        </Typography.Paragraph>
      ) : (
        <>
          <FormView
            // A new definition may drop fields; keep touched state per compiled form.
            form={form}
            value={value}
            onChange={setValue}
            showErrors={checkAll ? "all" : "touched"}
          />
          {checkAll && view && (
            <Typography.Paragraph
              type={view.ok ? "success" : "danger"}
              data-testid="preview-verdict"
            >
              {view.ok
                ? t("formBuilder.previewValid")
                : t("formBuilder.previewInvalid", { count: view.issues.length })}
            </Typography.Paragraph>
          )}
          <Button
            type="link"
            size="small"
            onClick={() => setShowRecord((s) => !s)}
            aria-expanded={showRecord}
          >
            {t(showRecord ? "formBuilder.hideRecord" : "formBuilder.showRecord")}
          </Button>
          {showRecord && view && (
            <pre className="kam-fb-record" data-testid="preview-record">
              {JSON.stringify(view.state.record, null, 2)}
            </pre>
          )}
        </>
      )}
    </section>
  );
}
