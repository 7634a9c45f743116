/**
 * @module server/main
 * `npm start`: the server on port 8787 (or PORT).
 */
import { startServer } from "./serve.ts";

await startServer({ port: Number(process.env.PORT ?? 8787) });
