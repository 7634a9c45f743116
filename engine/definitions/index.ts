/**
 * @module definitions
 * Definition documents of every kind, validated through one entry.
 */
export {
  type DefinitionContext,
  definitionKinds,
  validateDefinition,
} from "./validate-definition.ts";
