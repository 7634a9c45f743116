/**
 * @module designer/forms/FormBuilderPage
 * The route `/forms/:key`: opens the form (its draft, else its latest published version) into a
 * store of its own and shows the builder. A key no form has yet offers to create that form
 * (name it, then build it; the first save creates its draft). A chunk of its own.
 */
import { Button, Card, Input, Result, Typography } from "antd";
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { type ApiProblem, toProblem } from "../api/problem.ts";
import { useApi } from "../app-context.tsx";
import { PageLoading } from "../components/PageLoading.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { FormBuilderContext } from "./builder-context.ts";
import { FormBuilder } from "./FormBuilder.tsx";
import { type OpenedForm, openForm } from "./form-api.ts";
import { createFormBuilderStore } from "./form-builder-store.ts";
import { emptyForm } from "./form-doc.ts";
import "./form-builder.css";

const KEY = /^[a-z][a-z0-9_-]{0,63}$/;

export default function FormBuilderPage() {
  const { key = "" } = useParams();
  const api = useApi();
  const [store] = useState(() => createFormBuilderStore());
  const [opened, setOpened] = useState<OpenedForm>();
  const [missing, setMissing] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();

  useEffect(() => {
    let current = true;
    setOpened(undefined);
    setMissing(false);
    setProblem(undefined);
    openForm(api, key).then(
      (form) => {
        if (!current) return;
        if (!form) {
          setMissing(true);
          return;
        }
        store.getState().load(form.doc);
        setOpened(form);
      },
      (error: unknown) => current && setProblem(toProblem(error)),
    );
    return () => {
      current = false;
    };
  }, [api, key, store]);

  if (problem)
    return (
      <section data-testid="form-builder">
        <ProblemAlert problem={problem} />
      </section>
    );
  if (missing)
    return (
      <CreateForm
        formKey={key}
        onCreate={(doc) => {
          store.getState().load(doc);
          setOpened({ doc, version: 0, draftChecksum: undefined });
          setMissing(false);
        }}
      />
    );
  if (!opened) return <PageLoading />;
  return (
    <FormBuilderContext.Provider value={store}>
      <FormBuilder key={key} formKey={key} opened={opened} />
    </FormBuilderContext.Provider>
  );
}

function CreateForm({
  formKey,
  onCreate,
}: {
  formKey: string;
  onCreate: (doc: ReturnType<typeof emptyForm>) => void;
}) {
  const { t } = useTranslation();
  const [zh, setZh] = useState("");
  const [en, setEn] = useState("");
  const ids = { zh: useId(), en: useId() };
  const validKey = KEY.test(formKey);
  return (
    <section data-testid="form-builder" className="kam-fb-create">
      <Result
        status={validKey ? "info" : "warning"}
        title={t("formBuilder.create.title", { key: formKey })}
        subTitle={validKey ? t("formBuilder.create.hint") : t("formBuilder.create.badKey")}
        extra={<Link to="/forms">{t("formBuilder.back")}</Link>}
      />
      {validKey && (
        <Card className="kam-fb-create__card">
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (!zh.trim() || !en.trim()) return;
              onCreate(emptyForm(formKey, { "zh-CN": zh.trim(), en: en.trim() }));
            }}
          >
            <label htmlFor={ids.zh}>{t("formBuilder.create.nameZh")}</label>
            <Input
              id={ids.zh}
              value={zh}
              onChange={(e) => setZh(e.target.value)}
              data-testid="create-name-zh"
            />
            <label htmlFor={ids.en}>{t("formBuilder.create.nameEn")}</label>
            <Input
              id={ids.en}
              value={en}
              onChange={(e) => setEn(e.target.value)}
              data-testid="create-name-en"
            />
            <Typography.Paragraph type="secondary">
              {t("formBuilder.create.later")}
            </Typography.Paragraph>
            <Button
              type="primary"
              htmlType="submit"
              disabled={!zh.trim() || !en.trim()}
              data-testid="create-form"
            >
              {t("formBuilder.create.submit")}
            </Button>
          </form>
        </Card>
      )}
    </section>
  );
}
