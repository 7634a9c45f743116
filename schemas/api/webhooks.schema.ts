/**
 * @module schemas/api/webhooks
 * Bodies of the webhooks routes of the HTTP API.
 */

/** Every schema of this module, registered in schemas/schema-list. */
export const webhooksApiSchemas = [] as const;
