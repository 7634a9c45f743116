/**
 * @module designer/flows/inspector/fields/FieldFrame
 * The frame of a custom rjsf field: its label (tied to the first input by `htmlFor`), the
 * content, and the engine's issues under it (the field's `errorSchema`, nested paths included,
 * since a custom field draws its sub-fields itself). `data-kam-buffered` tells the config form
 * that this field emits only finished edits, so each is applied at once.
 */
import type { ErrorSchema } from "@rjsf/utils";
import { Typography } from "antd";
import type { ReactNode } from "react";
import { flattenErrors } from "../../../rjsf/error-schema.ts";

export interface FieldFrameProps {
  readonly id: string;
  readonly label?: string | undefined;
  readonly required?: boolean | undefined;
  readonly errorSchema?: ErrorSchema | undefined;
  readonly testId?: string;
  readonly children: ReactNode;
}

export function FieldFrame({
  id,
  label,
  required,
  errorSchema,
  testId,
  children,
}: FieldFrameProps) {
  const errors = flattenErrors(errorSchema);
  return (
    <div className="kam-field" data-kam-buffered="" data-testid={testId}>
      {label && (
        <label htmlFor={id} className="kam-field__label">
          {label}
          {required ? <span className="kam-field__required"> *</span> : null}
        </label>
      )}
      {children}
      {errors.length > 0 && (
        <ul className="kam-field__errors" data-testid="field-errors">
          {errors.map((e) => (
            <li key={`${e.path.join("/")}:${e.message}`}>
              <Typography.Text type="danger">
                {e.path.length ? <code>{e.path.join(".")}</code> : null} {e.message}
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
