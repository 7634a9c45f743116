/**
 * @module designer/accounts/AccountsPage
 * The accounts: the records of a form that tier models rate, with each model's tier as a badge
 * (and its trend), filters on any field, a search on the name, sorting, saved views, CSV export
 * (the server escapes formulas) and CSV import with progress. A row opens the account 360.
 */
import { DownloadOutlined, FilterOutlined, SaveOutlined } from "@ant-design/icons";
import {
  Badge,
  Button,
  Empty,
  Flex,
  Input,
  Modal,
  Popover,
  Select,
  Space,
  Switch,
  Table,
  Typography,
} from "antd";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type ApiProblem, toProblem } from "../api/problem.ts";
import { useApi, useSession } from "../app-context.tsx";
import { PageLoading } from "../components/PageLoading.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { type Language, localized } from "../i18n/language.ts";
import { type AccountField, fieldsOf } from "./account-model.ts";
import { CsvImport } from "./CsvImport.tsx";
import { FilterEditor } from "./FilterEditor.tsx";
import {
  deleteView,
  type FieldFilter,
  type ListQuery,
  readViews,
  recordParams,
  type SavedView,
  saveView,
  viewsKey,
} from "./list-query.ts";
import { type Standing, TierBadge } from "./TierBadge.tsx";
import { useAccountSetup } from "./useAccountSetup.ts";
import "./accounts.css";

interface AccountRow {
  readonly id: string;
  readonly data: Record<string, unknown>;
  readonly ownerId: string | null;
  readonly updatedAt: number;
  readonly tiers?: Record<string, Standing>;
}
interface Page {
  readonly items: AccountRow[];
  readonly nextCursor: string | null;
}

/** Data fields shown as columns besides the name and the tiers. */
const SHOWN_FIELDS = 5;
const PAGE = 50;

/** A cell's text: a select's label, a number grouped, a list joined. */
function cellText(field: AccountField, value: unknown, language: Language): string {
  if (value === undefined || value === null || value === "") return "";
  if (field.options && typeof value === "string") return field.options[value] ?? value;
  if (typeof value === "number") return value.toLocaleString(language);
  if (Array.isArray(value)) return value.map((v) => cellText(field, v, language)).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export default function AccountsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const api = useApi();
  const me = useSession((s) => s.me);
  const [formKey, setFormKey] = useState<string>();
  const setup = useAccountSetup(formKey);
  const form = setup.form;
  const fields = useMemo(() => (form ? fieldsOf(form, language) : []), [form, language]);
  const nameField = fields.find((f) => f.kind === "text");
  const [filters, setFilters] = useState<FieldFilter[]>([]);
  const [search, setSearch] = useState("");
  const [sort, setSort] = useState("");
  const [mine, setMine] = useState(false);
  const [rows, setRows] = useState<AccountRow[]>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem>();
  const [generation, setGeneration] = useState(0);
  const storageKey = me ? viewsKey(me.workspaceId, me.user.id) : "";
  const [views, setViews] = useState<SavedView[]>(() =>
    storageKey ? readViews(localStorage, storageKey) : [],
  );
  const [naming, setNaming] = useState(false);
  const [viewName, setViewName] = useState("");

  const query: ListQuery | undefined = form
    ? {
        form: form.key,
        filters,
        search,
        ...(nameField ? { searchField: nameField.name } : {}),
        sort,
      }
    : undefined;
  const params = query ? recordParams(query) + (mine ? "&ownerId=me" : "") : "";

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation reloads
  useEffect(() => {
    if (!params) return;
    let current = true;
    setProblem(undefined);
    setRows(undefined);
    api.get<Page>(`/api/v1/records?${params}&include=tiers&limit=${PAGE}`).then(
      (page) => {
        if (!current) return;
        setRows(page.items);
        setCursor(page.nextCursor);
      },
      (error: unknown) => current && setProblem(toProblem(error)),
    );
    return () => {
      current = false;
    };
  }, [api, params, generation]);

  const more = async () => {
    if (!cursor) return;
    const page = await api.get<Page>(
      `/api/v1/records?${params}&include=tiers&limit=${PAGE}&cursor=${encodeURIComponent(cursor)}`,
    );
    setRows((r) => [...(r ?? []), ...page.items]);
    setCursor(page.nextCursor);
  };

  if (setup.problem) return <ProblemAlert problem={setup.problem} />;
  if (!setup.ready) return <PageLoading />;
  if (setup.forms.length === 0) return <Empty description={t("accounts.noForms")} />;

  const models = setup.models.filter((m) => m.form === form?.key);
  const shown = fields.filter((f) => f !== nameField && f.kind !== "other").slice(0, SHOWN_FIELDS);
  const applyView = (view: SavedView) => {
    setFormKey(view.query.form);
    setFilters([...view.query.filters]);
    setSearch(view.query.search);
    setSort(view.query.sort);
  };
  const sortOrder = (name: string) =>
    sort === name ? ("ascend" as const) : sort === `-${name}` ? ("descend" as const) : null;

  return (
    <section data-testid="accounts">
      <Typography.Title level={2}>{t("accounts.title")}</Typography.Title>
      <Flex className="kam-accounts-toolbar" gap={8} wrap align="center">
        {setup.forms.length > 1 && (
          <Select
            aria-label={t("accounts.form")}
            value={form?.key ?? formKey ?? setup.forms[0]}
            options={setup.forms.map((key) => ({
              value: key,
              label: localized(setup.formNames[key], language) || key,
            }))}
            onChange={(key: string) => {
              setFormKey(key);
              setFilters([]);
              setSort("");
            }}
          />
        )}
        <Input.Search
          allowClear
          className="kam-accounts-search"
          aria-label={t("accounts.search")}
          placeholder={t("accounts.searchPlaceholder", { field: nameField?.label ?? "" })}
          defaultValue={search}
          onSearch={(value) => setSearch(value)}
          data-testid="accounts-search"
        />
        <Popover
          trigger="click"
          placement="bottomLeft"
          content={<FilterEditor fields={fields} filters={filters} onChange={setFilters} />}
        >
          <Badge count={filters.filter((f) => f.value !== "").length} size="small">
            <Button icon={<FilterOutlined />} data-testid="filters">
              {t("accounts.filters")}
            </Button>
          </Badge>
        </Popover>
        <Space>
          <Switch checked={mine} onChange={setMine} aria-label={t("accounts.mine")} />
          {t("accounts.mine")}
        </Space>
        <Select
          className="kam-accounts-views"
          aria-label={t("accounts.views")}
          placeholder={t("accounts.views")}
          value={null}
          options={views.map((v) => ({ value: v.name, label: v.name }))}
          onChange={(name: string) => {
            const view = views.find((v) => v.name === name);
            if (view) applyView(view);
          }}
          data-testid="saved-views"
          notFoundContent={t("accounts.noViews")}
          popupRender={(menu) => (
            <>
              {menu}
              {views.length > 0 && (
                <Flex wrap gap={4} className="kam-accounts-view-delete">
                  {views.map((v) => (
                    <Button
                      key={v.name}
                      size="small"
                      type="text"
                      danger
                      onClick={() => setViews(deleteView(localStorage, storageKey, v.name))}
                    >
                      {t("accounts.deleteView", { name: v.name })}
                    </Button>
                  ))}
                </Flex>
              )}
            </>
          )}
        />
        <Button icon={<SaveOutlined />} onClick={() => setNaming(true)} data-testid="save-view">
          {t("accounts.saveView")}
        </Button>
        <Button
          icon={<DownloadOutlined />}
          href={`/api/v1/records/export?${params}`}
          download
          data-testid="export-csv"
        >
          {t("accounts.export")}
        </Button>
        {form && <CsvImport form={form.key} onImported={() => setGeneration((g) => g + 1)} />}
      </Flex>
      {problem && <ProblemAlert problem={problem} />}
      <Table<AccountRow>
        rowKey="id"
        size="middle"
        loading={rows === undefined && !problem}
        dataSource={rows ?? []}
        pagination={false}
        scroll={{ x: 960 }}
        onChange={(_p, _f, sorter) => {
          const one = Array.isArray(sorter) ? sorter[0] : sorter;
          const key = typeof one?.columnKey === "string" ? one.columnKey : "";
          setSort(!one?.order || !key ? "" : one.order === "descend" ? `-${key}` : key);
        }}
        footer={() => (
          <Flex justify="space-between" align="center">
            <span data-testid="accounts-count">
              {t("accounts.count", { count: rows?.length ?? 0 })}
            </span>
            {cursor && (
              <Button onClick={() => void more()} data-testid="accounts-more">
                {t("accounts.more")}
              </Button>
            )}
          </Flex>
        )}
        columns={[
          {
            key: nameField?.name ?? "id",
            title: nameField?.label ?? "ID",
            fixed: "left",
            sorter: true,
            sortOrder: nameField ? sortOrder(nameField.name) : null,
            render: (_, row) => (
              <Link to={`/accounts/${encodeURIComponent(row.id)}`} data-testid="account-link">
                {String(row.data[nameField?.name ?? ""] ?? row.id)}
              </Link>
            ),
          },
          ...models.map((model) => ({
            key: `tier:${model.key}`,
            title: localized(model.name, language) || model.key,
            render: (_: unknown, row: AccountRow) => {
              const standing = row.tiers?.[model.key];
              return standing ? <TierBadge model={model} standing={standing} /> : null;
            },
          })),
          ...shown.map((field) => ({
            key: field.name,
            title: field.label,
            sorter: field.kind !== "boolean",
            sortOrder: sortOrder(field.name),
            align: field.kind === "number" ? ("right" as const) : ("left" as const),
            render: (_: unknown, row: AccountRow) =>
              cellText(field, row.data[field.name], language),
          })),
          {
            key: "updatedAt",
            title: t("accounts.updatedAt"),
            sorter: true,
            sortOrder: sortOrder("updatedAt"),
            render: (_, row) => new Date(row.updatedAt).toLocaleString(language),
          },
        ]}
      />
      <Modal
        open={naming}
        title={t("accounts.saveViewTitle")}
        okText={t("accounts.save")}
        cancelText={t("accounts.cancel")}
        okButtonProps={{ disabled: viewName.trim() === "" || !query }}
        onCancel={() => setNaming(false)}
        onOk={() => {
          if (query) setViews(saveView(localStorage, storageKey, { name: viewName.trim(), query }));
          setNaming(false);
          setViewName("");
        }}
      >
        <Input
          aria-label={t("accounts.viewName")}
          placeholder={t("accounts.viewName")}
          value={viewName}
          onChange={(e) => setViewName(e.target.value)}
          data-testid="view-name"
        />
      </Modal>
    </section>
  );
}
