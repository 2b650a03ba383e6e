// Build the prebuilt (federated) JupyterLab extension into ../build/labextension:
//   1. esbuild bundles src/ with the map view from ../js/src into lib/index.js, leaving
//      @jupyterlab/* and @lumino/* as imports (they are JupyterLab's shared singletons);
//   2. @jupyterlab/builder's build-labextension makes the federated bundle from lib/.
// Usage: node scripts/build.mjs <JupyterLab's staging folder> (the core package.json
// that says which packages JupyterLab shares; hatch_build.py and the Makefile find it).

import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const corePath = process.argv[2];
if (!corePath) {
  console.error("usage: node scripts/build.mjs <jupyterlab staging folder>");
  process.exit(2);
}

await esbuild.build({
  entryPoints: [path.join(here, "src", "index.ts")],
  outfile: path.join(here, "lib", "index.js"),
  bundle: true,
  format: "esm",
  target: "es2020",
  loader: { ".css": "text" },
  external: ["@jupyterlab/*", "@lumino/*"],
  logLevel: "warning",
});

const require = createRequire(import.meta.url);
const builder = path.join(path.dirname(require.resolve("@jupyterlab/builder/package.json")), "lib", "build-labextension.js");
const result = spawnSync(process.execPath, [builder, "--core-path", corePath, here], { stdio: "inherit" });
process.exit(result.status ?? 1);
