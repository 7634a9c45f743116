/**
 * @module designer/flows/simulate/SimSetup
 * The simulator's setup form: a real record to copy, the sample record's fields, who starts the
 * flow, when, whether unresolved approvers get stand-ins, and which calendar the run counts on.
 */
import { Alert, Button, Form, Input, Select, Switch, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { FlowDefinition } from "../../../../schemas/index.ts";
import { FieldInput } from "./FieldInput.tsx";
import { withField } from "./record-data.ts";
import type { Workspace } from "./simulate-api.ts";
import type { SimulationSetup } from "./useSimulationSetup.ts";

/** Edits `setup`; `onStart` starts a run from it. */
export function SimSetup({
  definition,
  workspace,
  setup,
  userOptions,
  starting,
  onStart,
}: {
  definition: FlowDefinition;
  workspace: Workspace;
  setup: SimulationSetup;
  userOptions: { value: string; label: string }[];
  starting: boolean;
  onStart: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="kam-sim-setup" data-testid="sim-setup">
      <Typography.Paragraph type="secondary">{t("simulate.setupHint")}</Typography.Paragraph>
      <Form layout="vertical" className="kam-sim-form">
        {definition.form && workspace.records.length > 0 && (
          <Form.Item label={t("simulate.copyRecord")}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: "label" }}
              data-testid="sim-copy-record"
              placeholder={t("simulate.copyRecordPlaceholder")}
              value={setup.source}
              onChange={(id: string | undefined) => {
                setup.setSource(id);
                const picked = workspace.records.find((r) => r.id === id);
                if (picked) setup.setData({ ...picked.data });
              }}
              options={workspace.records.map((r) => ({
                value: r.id,
                label: String(r.data.title ?? r.data.name ?? r.id),
              }))}
            />
          </Form.Item>
        )}
        {definition.form ? (
          <fieldset className="kam-sim-fields" data-testid="sim-record-form">
            <legend>{t("simulate.sampleRecord", { form: definition.form })}</legend>
            {setup.fields.length === 0 && (
              <Typography.Text type="secondary">{t("simulate.noFormFields")}</Typography.Text>
            )}
            {setup.fields.map((field) => (
              <Form.Item
                key={field.name}
                label={field.label}
                required={field.required}
                htmlFor={`sim-field-${field.name}`}
              >
                <FieldInput
                  field={field}
                  value={setup.data[field.name]}
                  users={userOptions}
                  {...(setup.references[field.name]
                    ? { references: setup.references[field.name] }
                    : {})}
                  onChange={(value) => setup.setData((d) => withField(d, field.name, value))}
                />
              </Form.Item>
            ))}
          </fieldset>
        ) : (
          <Typography.Paragraph type="secondary">{t("simulate.noRecord")}</Typography.Paragraph>
        )}
        <Form.Item label={t("simulate.initiator")}>
          <Select
            showSearch={{ optionFilterProp: "label" }}
            value={setup.initiator}
            onChange={setup.setInitiator}
            options={userOptions}
            data-testid="sim-initiator"
          />
        </Form.Item>
        <Form.Item label={t("simulate.startAt")} htmlFor="sim-start-at">
          <Input
            id="sim-start-at"
            type="datetime-local"
            value={setup.startAt}
            onChange={(e) => setup.setStartAt(e.target.value)}
          />
        </Form.Item>
        <Form.Item label={t("simulate.standIns")} help={t("simulate.standInsHelp")}>
          <Switch checked={setup.standIns} onChange={setup.setStandIns} />
        </Form.Item>
        <CalendarNote workspace={workspace} />
        <Button type="primary" loading={starting} onClick={onStart} data-testid="sim-start">
          {t("simulate.start")}
        </Button>
      </Form>
    </div>
  );
}

/** Which calendar the run counts on: the default one, or the workspace's, and its time zone. */
function CalendarNote({ workspace }: { workspace: Workspace }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="info"
      showIcon
      className="kam-sim-note"
      title={
        workspace.calendarIsDefault
          ? t("simulate.calendarDefault", { zone: workspace.timeZone })
          : t("simulate.calendarWorkspace", { zone: workspace.timeZone })
      }
    />
  );
}
