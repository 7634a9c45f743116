/**
 * @module errors
 * Public entry of kamflow's typed errors.
 */
export { catalog, type ErrorCode, errorCodes } from "./codes.ts";
export {
  DefinitionError,
  type Issue,
  issue,
  KamError,
  localizeIssue,
  type Validation,
} from "./kam-error.ts";
export { type Locale, locales, renderMessage } from "./messages.ts";
export { escapeToken, parsePointer, ptr, ptrAt } from "./pointer.ts";
