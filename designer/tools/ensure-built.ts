/**
 * `npm start`'s prestart step: builds the designer (designer/dist) when it is missing or older
 * than its sources, so `npm install && npm start` serves it on a fresh clone. Does nothing,
 * quickly, when the build is current.
 */
import { ensureDesignerBuilt } from "./designer-build.ts";

if (await ensureDesignerBuilt()) console.log("kamflow: built the designer (designer/dist)");
