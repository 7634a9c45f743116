/**
 * @module schemas/api/org
 * Bodies of the organisation, calendar and audit routes of the HTTP API.
 */

/** Every schema of this module, registered in schemas/schema-list. */
export const orgApiSchemas = [] as const;
