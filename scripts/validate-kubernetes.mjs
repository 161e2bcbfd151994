#!/usr/bin/env node
// Validates the Kubernetes manifests (deploy/kubernetes/**/*.yaml, or the folder given) offline:
//  1. every document against the Kubernetes OpenAPI schema of its apiVersion/kind (the ajv
//     validators of `kubernetes-models`; kubeconform is not installable here), and
//  2. the rules of this deployment the schemas cannot express: probes on /api/health/live and
//     /api/health/ready, non-root pods, resources, selectors that select, references that resolve,
//     kustomization resources that exist, the migration Job in a kustomization of its own (applied
//     first) with the same image as the Deployments', and pods that leave migrating to it.
// Prints one line per problem and exits 1 if there is any. Run by `npm run lint:kubernetes` and CI.
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

const dir = path.resolve(process.argv[2] ?? 'deploy/kubernetes');
const problems = [];
const problem = (where, message) => problems.push(`${where}: ${message}`);

/** The model class of `apiVersion`/`kind` (`apps/v1` → kubernetes-models/apps/v1), or undefined. */
async function modelOf(apiVersion, kind) {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  try {
    const models = await import(`kubernetes-models/${apiVersion}`);
    return models[kind];
  } catch {
    return undefined;
  }
}

/** The YAML files under `dir`, as paths relative to it (`migrate/migrate-job.yaml`). */
function yamlFiles() {
  return fs
    .readdirSync(dir, { recursive: true })
    .map((name) => String(name))
    .filter((name) => /\.ya?ml$/.test(name) && fs.statSync(path.join(dir, name)).isFile())
    .sort();
}

function readDocuments() {
  const files = yamlFiles();
  if (!files.length) problem(dir, 'no manifests found');
  const documents = [];
  for (const file of files) {
    const parsed = parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8'));
    parsed.forEach((document, index) => {
      const where = parsed.length > 1 ? `${file}#${index + 1}` : file;
      if (document.errors.length) return problem(where, `YAML: ${document.errors[0].message}`);
      const value = document.toJS();
      if (value !== null) documents.push({ file, where, value });
    });
  }
  return documents;
}

const matches = (selector = {}, labels = {}) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => labels[key] === value);

function podSpecOf(value) {
  if (value.kind === 'Deployment' || value.kind === 'Job') return value.spec?.template?.spec;
  return undefined;
}

/** The documents a kustomization lists (its resources that are files of this tree). */
function resourcesOf({ file, value }, documents) {
  const base = path.dirname(file);
  const listed = new Set((value.resources ?? []).map((resource) => path.join(base, resource)));
  return documents.filter((document) => listed.has(document.file));
}

function checkKustomization(kustomization, documents) {
  const { file, where, value } = kustomization;
  for (const resource of value.resources ?? []) {
    if (!fs.existsSync(path.join(dir, path.dirname(file), resource))) {
      problem(where, `resource ${resource} does not exist`);
    }
  }
  // A Job's pod template is immutable: re-applied with a new image beside the Deployments it
  // fails, and nothing orders it before them. It is deleted, applied and waited for on its own.
  const kinds = new Set(resourcesOf(kustomization, documents).map(({ value: resource }) => resource.kind));
  if (kinds.has('Job') && kinds.has('Deployment')) {
    problem(
      where,
      'lists a Job with the Deployments: the migration Job belongs in a kustomization of its own, applied first',
    );
  }
}

/** Every kustomization sets each image to the same name and tag (the Job runs the Deployments' version). */
function checkImagesAgree(documents) {
  const seen = new Map();
  for (const { where, value } of documents) {
    if (value.kind !== 'Kustomization') continue;
    for (const image of value.images ?? []) {
      const target = `${image.newName ?? image.name}:${image.newTag ?? image.digest ?? ''}`;
      const first = seen.get(image.name);
      if (!first) seen.set(image.name, { where, target });
      else if (first.target !== target) {
        problem(where, `sets image ${image.name} to ${target}, but ${first.where} to ${first.target}`);
      }
    }
  }
}

function checkPod(where, value, names) {
  const pod = podSpecOf(value);
  if (!pod) return;
  if (pod.securityContext?.runAsNonRoot !== true) problem(where, 'pod securityContext.runAsNonRoot must be true');
  for (const container of pod.containers ?? []) {
    const at = `${where} container ${container.name}`;
    if (!container.resources?.requests?.cpu || !container.resources?.requests?.memory) {
      problem(at, 'needs resources.requests.cpu and .memory');
    }
    if (!container.resources?.limits?.memory) problem(at, 'needs resources.limits.memory');
    if (container.securityContext?.allowPrivilegeEscalation !== false) {
      problem(at, 'securityContext.allowPrivilegeEscalation must be false');
    }
    if (typeof container.image !== 'string' || /:latest$/.test(container.image)) {
      problem(at, 'needs an image (not :latest)');
    }
    for (const source of container.envFrom ?? []) {
      if (source.configMapRef && !names.ConfigMap.has(source.configMapRef.name)) {
        problem(at, `envFrom references ConfigMap ${source.configMapRef.name}, which is not defined`);
      }
      if (source.secretRef && !names.Secret.has(source.secretRef.name)) {
        problem(at, `envFrom references Secret ${source.secretRef.name}, which is not defined`);
      }
    }
    for (const variable of container.env ?? []) {
      const ref = variable.valueFrom?.secretKeyRef;
      if (ref && !names.Secret.has(ref.name))
        problem(at, `env ${variable.name} references Secret ${ref.name}, which is not defined`);
    }
  }
}

/** The value `name` gets in `container`: its env, else the ConfigMaps it loads. */
function variableOf(container, name, configMaps) {
  const direct = (container.env ?? []).find((variable) => variable.name === name);
  if (direct) return direct.value;
  for (const source of container.envFrom ?? []) {
    const data = source.configMapRef && configMaps.get(source.configMapRef.name);
    if (data && name in data) return data[name];
  }
  return undefined;
}

function checkMigrateOnStart(where, value, configMaps) {
  for (const container of value.spec?.template?.spec?.containers ?? []) {
    if (variableOf(container, 'MIGRATE_ON_START', configMaps) !== 'false') {
      problem(where, `container ${container.name} must run with MIGRATE_ON_START=false (the migration Job migrates)`);
    }
  }
}

function checkApi(where, value, configMaps) {
  const container = value.spec?.template?.spec?.containers?.[0];
  if (!container) return;
  if (variableOf(container, 'WORKER_IN_PROCESS', configMaps) !== 'false') {
    problem(where, 'the API must run with WORKER_IN_PROCESS=false (the workers have their own Deployment)');
  }
  const probe = (name) => container[name]?.httpGet?.path;
  if (probe('livenessProbe') !== '/api/health/live') problem(where, 'livenessProbe must GET /api/health/live');
  if (probe('readinessProbe') !== '/api/health/ready') problem(where, 'readinessProbe must GET /api/health/ready');
  const command = (container.command ?? []).join(' ');
  if (!/dist\/main\.js/.test(command)) problem(where, 'the API runs node dist/main.js');
}

async function main() {
  const documents = readDocuments();
  const names = { ConfigMap: new Set(), Secret: new Set() };
  const configMaps = new Map();
  for (const { value } of documents) {
    if (value.kind in names && value.metadata?.name) names[value.kind].add(value.metadata.name);
    if (value.kind === 'ConfigMap') configMaps.set(value.metadata?.name, value.data ?? {});
  }
  const commands = documents
    .map(({ value }) => podSpecOf(value)?.containers?.map((container) => (container.command ?? []).join(' ')) ?? [])
    .flat();
  for (const [entry, what] of [
    ['dist/worker.js', 'a worker Deployment (node dist/worker.js)'],
    ['dist/cli.js migrate', 'a migration Job (node dist/cli.js migrate)'],
  ]) {
    if (!commands.some((command) => command.includes(entry))) problem(dir, `missing ${what}`);
  }
  const podLabels = [];
  for (const document of documents) {
    const { where, value } = document;
    if (value.kind === 'Kustomization') {
      checkKustomization(document, documents);
      continue;
    }
    const Model = await modelOf(value.apiVersion, value.kind);
    if (!Model) {
      problem(where, `unknown apiVersion/kind ${value.apiVersion}/${value.kind}`);
      continue;
    }
    try {
      new Model(value).validate();
    } catch (error) {
      const details = error.errors?.map((item) => `${item.instancePath || '/'} ${item.message}`) ?? [error.message];
      for (const detail of details) problem(where, `schema: ${detail}`);
    }
    if (!value.metadata?.name) problem(where, 'metadata.name is required');
    if (value.kind === 'Deployment') {
      const labels = value.spec?.template?.metadata?.labels;
      if (!matches(value.spec?.selector?.matchLabels, labels)) {
        problem(where, 'spec.selector.matchLabels must match spec.template.metadata.labels');
      }
      podLabels.push(labels ?? {});
      checkMigrateOnStart(where, value, configMaps);
      if (value.spec?.template?.metadata?.labels?.['app.kubernetes.io/component'] === 'api')
        checkApi(where, value, configMaps);
    }
    checkPod(where, value, names);
  }
  checkImagesAgree(documents);
  for (const { where, value } of documents) {
    const selector =
      value.kind === 'Service'
        ? value.spec?.selector
        : value.kind === 'PodDisruptionBudget'
          ? value.spec?.selector?.matchLabels
          : undefined;
    if (selector !== undefined && !podLabels.some((labels) => matches(selector, labels))) {
      problem(where, 'selects no pods of the Deployments here');
    }
  }
  if (problems.length) {
    for (const line of problems) console.error(line);
    console.error(`${problems.length} problem(s) in ${path.relative(process.cwd(), dir) || dir}`);
    process.exit(1);
  }
  console.log(`${documents.length} manifests valid in ${path.relative(process.cwd(), dir) || dir}`);
}

await main();
