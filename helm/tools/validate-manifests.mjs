// Validates rendered Kubernetes manifests against the JSON schemas of the npm packages
// kubernetes-models (core API) and @kubernetes-models/keda (ScaledObject, TriggerAuthentication),
// offline: no cluster, no kubectl discovery. Unknown kinds are an error, so nothing passes unchecked.
//
// Install the schemas outside the repository's sources (deploy/validate.sh install does this):
//   npm install --prefix artifacts/tools/kube-models kubernetes-models@5.1.0 @kubernetes-models/keda@2.0.0 yaml@2.9.1
// Use:  node helm/tools/validate-manifests.mjs artifacts/tools/kube-models rendered.yaml...
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [modelsDir, ...files] = process.argv.slice(2);
if (!modelsDir || files.length === 0) {
  console.error("usage: node validate-manifests.mjs MODELS_DIR manifest.yaml...");
  process.exit(2);
}
const modules = resolve(modelsDir, "node_modules");
const load = (file) => import(pathToFileURL(join(modules, file)).href);
const { parseAllDocuments } = await load("yaml/dist/index.js");

// apiVersion -> where its models live (file per kind, class named like the kind).
function modelFile(apiVersion, kind) {
  if (apiVersion.startsWith("keda.sh/")) {
    return join("@kubernetes-models/keda", apiVersion, `${kind}.js`);
  }
  return join("kubernetes-models", apiVersion, `${kind}.js`);
}

let failures = 0;
let checked = 0;
for (const file of files) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length > 0) {
      console.error(`${file}: YAML error: ${doc.errors[0].message}`);
      failures++;
      continue;
    }
    const object = doc.toJS();
    if (object == null) {
      continue;
    }
    const what = `${file}: ${object.kind ?? "?"}/${object.metadata?.name ?? "?"}`;
    if (typeof object.apiVersion !== "string" || typeof object.kind !== "string") {
      console.error(`${what}: no apiVersion or kind`);
      failures++;
      continue;
    }
    let Model;
    try {
      Model = (await load(modelFile(object.apiVersion, object.kind)))[object.kind];
    } catch {
      console.error(`${what}: no schema for ${object.apiVersion} ${object.kind}`);
      failures++;
      continue;
    }
    try {
      new Model(object).validate();
      checked++;
    } catch (error) {
      console.error(`${what}: ${error.message}`);
      failures++;
    }
  }
}
console.log(`validate-manifests: ${checked} objects valid, ${failures} invalid`);
process.exit(failures === 0 ? 0 : 1);
