/**
 * @module schemas/api/kpis
 * Bodies of the kpis routes of the HTTP API.
 */

/** Every schema of this module, registered in schemas/schema-list. */
export const kpisApiSchemas = [] as const;
