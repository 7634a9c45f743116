/**
 * @module designer/pages/DefinitionsPage
 * The definitions of one kind (flows, forms or tier models) in the workspace: name, key, the
 * published version and any draft. Each name opens its editor.
 */
import { PlusOutlined } from "@ant-design/icons";
import { Button, Flex, Input, Modal, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import type { DefinitionKind, DefinitionSummary, ListReply } from "../api/types.ts";
import { useApiQuery } from "../api/useApiQuery.ts";
import { useLiveEvent } from "../app-context.tsx";
import { QueryState } from "../components/QueryState.tsx";
import { type Language, localized } from "../i18n/language.ts";

/** The keys the definitions API accepts. */
const KEY = /^[a-z][a-z0-9_-]{0,63}$/;

/** The route of each kind's editor. */
const EDITOR_PATH: Record<DefinitionKind, string> = {
  flow: "flows",
  form: "forms",
  "tier-model": "tier-models",
};

export function DefinitionsPage({ kind }: { kind: DefinitionKind }) {
  const { t, i18n } = useTranslation();
  const query = useApiQuery<ListReply<DefinitionSummary>>(`/api/v1/definitions?kind=${kind}`);
  // A template installed elsewhere adds definitions; its job's end is the cue to reload.
  useLiveEvent("job", (event) => {
    if ((event.data as { status?: string }).status === "succeeded") query.reload();
  });
  const language = i18n.language as Language;
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [newKey, setNewKey] = useState("");
  // The flow and form editors create a definition for a key that has none; tier models are
  // made from a template pack or a copy for now.
  const canCreate = kind !== "tier-model";
  const version = (v: number | null) =>
    v === null ? t("definitions.none") : <Tag>{t("definitions.version", { version: v })}</Tag>;

  return (
    <section data-testid={`definitions-${kind}`}>
      <Flex justify="space-between" align="center" wrap>
        <Typography.Title level={2}>{t(`definitions.title.${kind}`)}</Typography.Title>
        {canCreate && (
          <Button
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid={`new-${kind}`}
          >
            {t("definitions.new")}
          </Button>
        )}
      </Flex>
      <Modal
        open={creating}
        title={t("definitions.newTitle")}
        okText={t("definitions.newOk")}
        cancelText={t("definitions.cancel")}
        okButtonProps={{ disabled: !KEY.test(newKey) }}
        onCancel={() => setCreating(false)}
        onOk={() => navigate(`/${EDITOR_PATH[kind]}/${encodeURIComponent(newKey)}`)}
      >
        <Input
          aria-label={t("definitions.newKey")}
          placeholder={t("definitions.newKey")}
          value={newKey}
          status={newKey && !KEY.test(newKey) ? "error" : ""}
          onChange={(e) => setNewKey(e.target.value.trim())}
          data-testid="new-key"
        />
        <Typography.Text type="secondary">{t("definitions.newKeyHint")}</Typography.Text>
      </Modal>
      <Typography.Paragraph type="secondary">
        {t(`definitions.subtitle.${kind}`)}
      </Typography.Paragraph>
      <QueryState
        query={query}
        isEmpty={(data) => data.items.length === 0}
        empty={t(`definitions.empty.${kind}`)}
      >
        {(data) => (
          <Table<DefinitionSummary>
            rowKey="key"
            size="middle"
            dataSource={[...data.items]}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: 720 }}
            footer={() => t("definitions.count", { count: data.items.length })}
            columns={[
              {
                title: t("definitions.column.name"),
                key: "name",
                render: (_, d) => {
                  const name = localized(d.name, language) || d.key;
                  // Each kind opens in its editor: /flows/:key, /forms/:key, /tier-models/:key.
                  return (
                    <Link
                      to={`/${EDITOR_PATH[kind]}/${encodeURIComponent(d.key)}`}
                      data-testid={`edit-${kind}-${d.key}`}
                    >
                      {name}
                    </Link>
                  );
                },
                sorter: (a, b) =>
                  localized(a.name, language).localeCompare(localized(b.name, language)),
              },
              {
                title: t("definitions.column.key"),
                dataIndex: "key",
                render: (key: string) => <Typography.Text code>{key}</Typography.Text>,
              },
              {
                title: t("definitions.column.published"),
                key: "published",
                render: (_, d) => version(d.published),
              },
              {
                title: t("definitions.column.draft"),
                key: "draft",
                render: (_, d) => version(d.draft),
              },
              {
                title: t("definitions.column.updated"),
                key: "updated",
                render: (_, d) => dayjs(d.publishedAt ?? d.createdAt).format("YYYY-MM-DD HH:mm"),
              },
            ]}
          />
        )}
      </QueryState>
    </section>
  );
}
