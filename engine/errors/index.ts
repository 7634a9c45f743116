/**
 * @module errors
 * Public entry of kamflow's typed errors.
 */

export {
  type AjvErrorLike,
  type AjvIssueOptions,
  ajvErrorsToIssues,
  type ClassifiedError,
} from "./ajv-issues.ts";
export { catalog, type ErrorCode, errorCodes } from "./codes.ts";
export {
  DefinitionError,
  type Issue,
  issue,
  KamError,
  localizeIssue,
  type Validation,
} from "./kam-error.ts";
export { type Locale, type LocalizedParam, locales, renderMessage } from "./messages.ts";
export { escapeToken, parsePointer, ptr, ptrAt } from "./pointer.ts";
export { classifyCommon } from "./shape-codes.ts";
