/** The package version (the engine and the server ship as one package). */
export { engineVersion as version } from "../engine/version.ts";
