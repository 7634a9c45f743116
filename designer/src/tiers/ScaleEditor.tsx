/**
 * @module designer/tiers/ScaleEditor
 * A measure's scale: how its raw value becomes 0–100 points. Linear (min → 0, max → 100, or
 * reversed), bands (raw-value ranges with fixed points) or lookup (exact values with points).
 */
import { PlusOutlined } from "@ant-design/icons";
import { Button, Checkbox, Flex, Input, Select, Space, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ScorecardModel } from "../../../engine/tiers/index.ts";
import { useTierEditorStore } from "./editor-context.ts";
import {
  FieldIssues,
  ItemActions,
  NumberField,
  SelectField,
  useSetAt,
  useValueAt,
} from "./fields.tsx";
import type { Path } from "./model-edit.ts";
import { formatInterval } from "./thresholds.ts";

type Scale = ScorecardModel["measures"][number]["scale"];
type ScaleKind = Scale["kind"];

/** A fresh scale of `kind`, keeping what carries over (a linear range becomes one band). */
export function convertScale(scale: Scale, kind: ScaleKind): Scale {
  if (scale.kind === kind) return scale;
  if (kind === "linear") {
    const edges = scale.kind === "bands" ? scale.bands.flatMap((b) => [b.min, b.max]) : [];
    const numbers = edges.filter((e): e is number => typeof e === "number");
    return {
      kind,
      min: numbers.length > 0 ? Math.min(...numbers) : 0,
      max: numbers.length > 0 ? Math.max(...numbers) : 100,
    };
  }
  if (kind === "bands") {
    const range = scale.kind === "linear" ? { min: scale.min, max: scale.max } : { min: 0 };
    return { kind, bands: [{ ...range, includes: "both", score: 100 }] };
  }
  return { kind, entries: [{ value: "", score: 100 }] };
}

/** A lookup entry's value: typed as a number or boolean when it reads as one, else a string. */
function LookupValue({ path }: { path: Path }) {
  const { t } = useTranslation();
  const value = useValueAt<string | number | boolean>(path);
  const setAt = useSetAt();
  return (
    <Space.Compact size="small">
      <Select
        size="small"
        value={typeof value}
        aria-label={t("tierEditor.valueType")}
        className="kam-tier-type"
        options={[
          { value: "string", label: t("tierEditor.typeText") },
          { value: "number", label: t("tierEditor.typeNumber") },
          { value: "boolean", label: t("tierEditor.typeBoolean") },
        ]}
        onChange={(type) =>
          setAt(
            path,
            type === "number"
              ? Number(value) || 0
              : type === "boolean"
                ? Boolean(value)
                : String(value),
          )
        }
      />
      {typeof value === "boolean" ? (
        <Select
          size="small"
          value={value}
          aria-label={t("tierEditor.value")}
          options={[
            { value: true, label: "true" },
            { value: false, label: "false" },
          ]}
          onChange={(v) => setAt(path, v)}
        />
      ) : (
        <Input
          size="small"
          value={String(value ?? "")}
          aria-label={t("tierEditor.value")}
          onChange={(e) =>
            setAt(path, typeof value === "number" ? Number(e.target.value) || 0 : e.target.value)
          }
        />
      )}
    </Space.Compact>
  );
}

export function ScaleEditor({ path }: { path: Path }) {
  const { t } = useTranslation();
  const store = useTierEditorStore();
  const scale = useValueAt<Scale>(path);
  const kindOptions = (["linear", "bands", "lookup"] as const).map((value) => ({
    value,
    label: t(`tierEditor.scale.${value}`),
  }));
  const includesOptions = (["min", "max", "both", "neither"] as const).map((value) => ({
    value,
    label: t(`tierEditor.includes.${value}`),
  }));

  return (
    <Flex vertical gap={6} className="kam-tier-scale" data-testid="scale-editor">
      <Space wrap>
        <Typography.Text>{t("tierEditor.scaleKind")}</Typography.Text>
        <Select
          size="small"
          value={scale.kind}
          options={kindOptions}
          aria-label={t("tierEditor.scaleKind")}
          className="kam-tier-select"
          onChange={(kind: ScaleKind) => store.getState().set(path, convertScale(scale, kind))}
        />
      </Space>
      {scale.kind === "linear" && (
        <Space wrap>
          <Typography.Text>{t("tierEditor.linearMin")}</Typography.Text>
          <NumberField path={[...path, "min"]} label={t("tierEditor.linearMin")} />
          <Typography.Text>{t("tierEditor.linearMax")}</Typography.Text>
          <NumberField path={[...path, "max"]} label={t("tierEditor.linearMax")} />
          <Checkbox
            checked={scale.reversed === true}
            onChange={(e) =>
              store.getState().set([...path, "reversed"], e.target.checked ? true : undefined)
            }
          >
            {t("tierEditor.reversed")}
          </Checkbox>
          <Typography.Text type="secondary">
            {t(scale.reversed ? "tierEditor.linearHintReversed" : "tierEditor.linearHint", {
              min: scale.min,
              max: scale.max,
            })}
          </Typography.Text>
        </Space>
      )}
      {scale.kind === "bands" && (
        <>
          <Table
            size="small"
            pagination={false}
            rowKey="index"
            dataSource={scale.bands.map((_, index) => ({ index }))}
            columns={[
              {
                title: t("tierEditor.min"),
                render: (_, { index }) => (
                  <NumberField
                    path={[...path, "bands", index, "min"]}
                    label={t("tierEditor.min")}
                    placeholder="−∞"
                  />
                ),
              },
              {
                title: t("tierEditor.max"),
                render: (_, { index }) => (
                  <NumberField
                    path={[...path, "bands", index, "max"]}
                    label={t("tierEditor.max")}
                    placeholder="+∞"
                  />
                ),
              },
              {
                title: t("tierEditor.includesTitle"),
                render: (_, { index }) => (
                  <SelectField
                    path={[...path, "bands", index, "includes"]}
                    label={t("tierEditor.includesTitle")}
                    options={includesOptions}
                    placeholder={t("tierEditor.includes.min")}
                    allowClear
                  />
                ),
              },
              {
                title: t("tierEditor.interval"),
                render: (_, { index }) => (
                  <Typography.Text code>{formatInterval(scale.bands[index] ?? {})}</Typography.Text>
                ),
              },
              {
                title: t("tierEditor.points"),
                render: (_, { index }) => (
                  <NumberField
                    path={[...path, "bands", index, "score"]}
                    label={t("tierEditor.points")}
                  />
                ),
              },
              {
                title: "",
                render: (_, { index }) => (
                  <Flex vertical>
                    <ItemActions
                      path={[...path, "bands"]}
                      index={index}
                      count={scale.bands.length}
                      minItems={1}
                      label={t("tierEditor.bandN", { n: index + 1 })}
                    />
                    <FieldIssues path={[...path, "bands", index]} />
                  </Flex>
                ),
              },
            ]}
          />
          <div>
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => store.getState().insert([...path, "bands"], { min: 0, score: 0 })}
            >
              {t("tierEditor.addBand")}
            </Button>
          </div>
        </>
      )}
      {scale.kind === "lookup" && (
        <>
          <Table
            size="small"
            pagination={false}
            rowKey="index"
            dataSource={scale.entries.map((_, index) => ({ index }))}
            columns={[
              {
                title: t("tierEditor.value"),
                render: (_, { index }) => (
                  <LookupValue path={[...path, "entries", index, "value"]} />
                ),
              },
              {
                title: t("tierEditor.points"),
                render: (_, { index }) => (
                  <NumberField
                    path={[...path, "entries", index, "score"]}
                    label={t("tierEditor.points")}
                  />
                ),
              },
              {
                title: "",
                render: (_, { index }) => (
                  <Flex vertical>
                    <ItemActions
                      path={[...path, "entries"]}
                      index={index}
                      count={scale.entries.length}
                      minItems={1}
                      label={t("tierEditor.entryN", { n: index + 1 })}
                    />
                    <FieldIssues path={[...path, "entries", index]} />
                  </Flex>
                ),
              },
            ]}
          />
          <Space wrap>
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => store.getState().insert([...path, "entries"], { value: "", score: 0 })}
            >
              {t("tierEditor.addEntry")}
            </Button>
            <Typography.Text>{t("tierEditor.otherwise")}</Typography.Text>
            <NumberField
              path={[...path, "otherwise"]}
              label={t("tierEditor.otherwise")}
              placeholder={t("tierEditor.otherwiseMissing")}
            />
          </Space>
        </>
      )}
      <FieldIssues path={path} exact />
    </Flex>
  );
}
