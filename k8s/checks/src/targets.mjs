// Loads the deployment files into one shape, so the same checks run against docker-compose.yml and
// every rendered Kubernetes overlay: for each service, its environment (name -> value, and where each
// value comes from), its port, and which host names reach which service.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/** Renders one kustomization with `kubectl kustomize`; throws with kubectl's message when it fails. */
export function renderKustomization(dir) {
  let output;
  try {
    output = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    if (error.code === 'ENOENT') throw new Error('kubectl is not installed: it is needed to render k8s/ (kubectl kustomize)');
    throw new Error(`kubectl kustomize ${dir} failed: ${String(error.stderr || error.message).trim()}`);
  }
  return parseAllDocuments(output).map((d) => d.toJS()).filter(Boolean);
}

export function overlayNames(root) {
  const dir = join(root, 'k8s/overlays');
  return existsSync(dir) ? readdirSync(dir).filter((n) => existsSync(join(dir, n, 'kustomization.yaml'))).sort() : [];
}

/** `KEY=value` lines of an env file (.env.example). */
export function readEnvFile(file) {
  const values = {};
  if (!existsSync(file)) return values;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = line.match(/^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/);
    if (match) values[match[1]] = match[2].trim();
  }
  return values;
}

/** Compose's `${VAR}`, `${VAR:-default}`, `${VAR:?message}` and `$$`, against the given variables. */
export function interpolate(value, variables) {
  const used = [];
  const resolved = String(value).replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g, (match, name, op, arg) => {
    if (match === '$$') return '$';
    used.push(name);
    const set = variables[name];
    if (op?.endsWith('-')) return set === undefined || (op === ':-' && set === '') ? arg : set;
    return set ?? '';
  });
  return { resolved, used };
}

/**
 * docker-compose.yml, or the project `docker compose -f docker-compose.yml -f <override>…` runs: each file
 * merged onto the ones before it. Null when a file is missing.
 */
export function loadCompose(root, files = ['docker-compose.yml']) {
  const paths = files.map((f) => join(root, f));
  if (!paths.every((path) => existsSync(path))) return null;
  const texts = paths.map((path) => readFileSync(path, 'utf8'));
  const documents = texts.map((text) => parse(text, { merge: true }) ?? {});
  const document = documents.reduce((merged, next) => mergeCompose(merged, next));
  const envExample = readEnvFile(join(root, '.env.example'));
  const services = {};
  for (const [name, service] of Object.entries(document?.services ?? {})) {
    const env = {};
    const sources = {};
    for (const [key, value] of Object.entries(environmentMap(service.environment))) {
      const { resolved, used } = interpolate(value ?? '', envExample);
      env[key] = resolved;
      sources[key] = used.length ? used.map((u) => `.env ${u}`).join('+') : `literal`;
    }
    services[name] = { env, sources, unknownEnvFrom: [], definition: service };
  }
  return {
    kind: 'compose', name: files.join(' + '), file: paths[0], text: texts.join('\n'), document, documents, envExample, services,
  };
}

/** A service's `environment:`, in either of Compose's forms (map, or `KEY=value` list), as a map. */
function environmentMap(environment) {
  if (!Array.isArray(environment)) return environment ?? {};
  return Object.fromEntries(environment.map((e) => { const i = String(e).indexOf('='); return i < 0 ? [e, null] : [e.slice(0, i), e.slice(i + 1)]; }));
}

/** Sequences an override replaces; Compose merges every other sequence (ports, volumes, dns…) with the base's. */
const REPLACED_SEQUENCES = new Set(['command', 'entrypoint', 'test']);

/** Compose's merge of an override file onto a base: mappings key by key, environments by variable. */
export function mergeCompose(base, override, key = '') {
  if (key === 'environment') return { ...environmentMap(base), ...environmentMap(override) };
  if (Array.isArray(base) && Array.isArray(override) && !REPLACED_SEQUENCES.has(key)) {
    const seen = new Set(base.map((item) => JSON.stringify(item)));
    return [...base, ...override.filter((item) => !seen.has(JSON.stringify(item)))];
  }
  if (!isMapping(base) || !isMapping(override)) return override === undefined ? base : override;
  const merged = { ...base };
  for (const [name, value] of Object.entries(override)) merged[name] = name in base ? mergeCompose(base[name], value, name) : value;
  return merged;
}

function isMapping(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** One rendered overlay, with each workload's effective environment resolved from its ConfigMaps and Secrets. */
export function loadOverlay(root, overlay, objects = renderKustomization(join(root, 'k8s/overlays', overlay))) {
  const byKind = (kind) => objects.filter((o) => o.kind === kind);
  const find = (kind, name) => objects.find((o) => o.kind === kind && o.metadata?.name === name);
  const dataOf = (object) => {
    if (!object) return undefined;
    if (object.kind === 'Secret') {
      const decoded = Object.fromEntries(Object.entries(object.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
      return { ...decoded, ...(object.stringData ?? {}) };
    }
    return object.data ?? {};
  };
  const services = {};
  for (const workload of [...byKind('Deployment'), ...byKind('StatefulSet')]) {
    for (const container of workload.spec?.template?.spec?.containers ?? []) {
      const env = {};
      const sources = {};
      const unknownEnvFrom = [];
      for (const from of container.envFrom ?? []) {
        const ref = from.configMapRef ?? from.secretRef;
        const kind = from.configMapRef ? 'ConfigMap' : 'Secret';
        const data = dataOf(find(kind, ref?.name));
        if (!data) { unknownEnvFrom.push(`${kind} ${ref?.name}`); continue; }
        for (const [key, value] of Object.entries(data)) {
          env[`${from.prefix ?? ''}${key}`] = value;
          sources[`${from.prefix ?? ''}${key}`] = `${kind} ${ref.name}/${key}`;
        }
      }
      for (const variable of container.env ?? []) {
        const ref = variable.valueFrom?.configMapKeyRef ?? variable.valueFrom?.secretKeyRef;
        if (ref) {
          const kind = variable.valueFrom.configMapKeyRef ? 'ConfigMap' : 'Secret';
          // A Secret created outside the repository (production): the value is unknown, but it is set.
          env[variable.name] = dataOf(find(kind, ref.name))?.[ref.key] ?? `<${kind} ${ref.name}/${ref.key}>`;
          sources[variable.name] = `${kind} ${ref.name}/${ref.key}`;
        } else if (variable.valueFrom) {
          env[variable.name] = '<downward API>';
          sources[variable.name] = 'downward API';
        } else {
          env[variable.name] = variable.value ?? '';
          sources[variable.name] = 'literal';
        }
      }
      services[workload.metadata.name === container.name ? container.name : `${workload.metadata.name}/${container.name}`] = {
        env, sources, unknownEnvFrom, workload, container,
      };
    }
  }
  return { kind: 'k8s', name: `k8s overlay ${overlay}`, overlay, objects, services, find, byKind, dataOf };
}
