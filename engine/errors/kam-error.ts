/**
 * @module errors/kam-error
 * The one typed error family of kamflow. Every user-facing failure carries a catalog code,
 * a JSON pointer into the document the user edited, and optional parameters that the
 * message catalog uses to render the sentence in zh-CN or en.
 */
import type { ErrorCode } from "./codes.ts";
import { type Locale, renderMessage } from "./messages.ts";

/** One located problem in a definition, record or request. */
export interface Issue {
  readonly code: ErrorCode;
  /** English sentence; `localizeIssue` renders it in another locale from `params`. */
  readonly message: string;
  /** RFC 6901 pointer into the offending document, e.g. `/nodes/3/config/rule`. */
  readonly pointer: string;
  /** Values the catalog interpolates (field names, limits, operator names). */
  readonly params?: Readonly<Record<string, unknown>>;
  /** Stable node id for canvas highlighting (indices shift while editing). */
  readonly nodeId?: string;
  /** "error" blocks saving; "warning" is shown but does not (e.g. an overlapping table row). */
  readonly severity?: "error" | "warning";
}

/** Builds an issue whose message comes from the catalog. */
export function issue(
  code: ErrorCode,
  pointer: string,
  params: Record<string, unknown> = {},
  extra: { nodeId?: string; severity?: "error" | "warning" } = {},
): Issue {
  return { code, pointer, params, message: renderMessage(code, "en", params), ...extra };
}

/** Renders an issue's message in the given locale (the stored `message` is English). */
export function localizeIssue(value: Issue, locale: Locale): Issue {
  return { ...value, message: renderMessage(value.code, locale, value.params ?? {}) };
}

/** Base class: a fault the user can fix. Anything that is not a KamError is a bug. */
export class KamError extends Error {
  override readonly name: string = "KamError";
  readonly code: ErrorCode;
  readonly pointer: string;
  readonly params: Readonly<Record<string, unknown>>;

  constructor(
    code: ErrorCode,
    pointer = "",
    params: Record<string, unknown> = {},
    options: { cause?: unknown } = {},
  ) {
    super(renderMessage(code, "en", params), { cause: options.cause });
    this.code = code;
    this.pointer = pointer;
    this.params = params;
  }

  /** The error as a located issue, the shape the API and the CLI print. */
  toIssue(): Issue {
    return { code: this.code, pointer: this.pointer, params: this.params, message: this.message };
  }
}

/** A definition (form, tier model, flow, pack) failed validation; carries every issue found. */
export class DefinitionError extends KamError {
  override readonly name = "DefinitionError";
  readonly issues: readonly Issue[];

  constructor(issues: readonly Issue[]) {
    const first = issues[0];
    super(first?.code ?? "DEFINITION_INVALID", first?.pointer ?? "", first?.params ?? {});
    this.issues = issues;
  }
}

/** Result of a validator: validation returns, only `assert*` and execution throw. */
export type Validation<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly Issue[] }
  | { readonly ok: false; readonly issues: readonly Issue[] };
