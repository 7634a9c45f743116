/**
 * @module schemas/api/records
 * Bodies of the definitions and records routes of the HTTP API.
 */

/** Every schema of this module, registered in schemas/schema-list. */
export const recordApiSchemas = [] as const;
