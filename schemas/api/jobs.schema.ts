/**
 * @module schemas/api/jobs
 * Bodies of the jobs routes of the HTTP API.
 */

/** Every schema of this module, registered in schemas/schema-list. */
export const jobsApiSchemas = [] as const;
