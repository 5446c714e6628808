// Offline schema validation of rendered Kubernetes objects.
//
// kubernetes-models validates types, formats, enums and required fields, but its JSON schemas allow any
// extra field, so a misspelt `readinessprobe:` would pass (and be silently dropped by the API server).
// The strict pass below closes that gap: it reads the property names that kubernetes-models declares
// for every API type (its TypeScript declarations) and rejects a field the type does not have.
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const MODELS_DIR = dirname(require.resolve('kubernetes-models/package.json'));
const MACHINERY_DIR = dirname(require.resolve('@kubernetes-models/apimachinery/package.json'));

/** Validates one object; returns problem strings (empty when valid). */
export async function validateObject(object) {
  const where = describe(object);
  const { apiVersion, kind } = object ?? {};
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    return [`${where}: apiVersion and kind are required`];
  }
  let model;
  try {
    model = (await import(`kubernetes-models/${apiVersion}`))[kind];
  } catch {
    model = undefined;
  }
  if (typeof model !== 'function') {
    return [`${where}: ${apiVersion} ${kind} is not a Kubernetes API type known to kubernetes-models`];
  }
  const problems = [];
  try {
    new model(object).validate();
  } catch (error) {
    const details = error.errors?.map((e) => `${e.instancePath || '/'} ${e.message}`) ?? [error.message];
    problems.push(...details.map((d) => `${where}: ${d}`));
  }
  problems.push(...unknownFields(object, declarationOf(apiVersion, kind)).map((p) => `${where}: ${p}`));
  return problems;
}

export function describe(object) {
  const ns = object?.metadata?.namespace ? `${object.metadata.namespace}/` : '';
  return `${object?.kind ?? '?'} ${ns}${object?.metadata?.name ?? '?'}`;
}

function declarationOf(apiVersion, kind) {
  return join(MODELS_DIR, apiVersion, `${kind}.d.ts`);
}

const interfaces = new Map();

/** Property name -> type expression of the interface declared in a .d.ts file, or null for aliases. */
function readInterface(file) {
  if (interfaces.has(file)) return interfaces.get(file);
  let parsed = null;
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    const imports = new Map();
    for (const [, name, from] of text.matchAll(/import \{ (\w+) \} from "([^"]+)";/g)) {
      imports.set(name, from);
    }
    const start = text.search(/export interface \w+[^{]*\{/);
    if (start >= 0) {
      const body = text.slice(text.indexOf('{', start) + 1);
      parsed = { file, imports, properties: parseMembers(body) };
    }
  }
  interfaces.set(file, parsed);
  return parsed;
}

/** Reads `"name"?: type;` members up to the interface's closing brace, nesting-aware. */
function parseMembers(body) {
  const properties = new Map();
  let i = 0;
  while (i < body.length) {
    const rest = body.slice(i);
    const member = rest.match(/^\s*"([^"]+)"\??:\s*/);
    if (!member) break;
    i += member[0].length;
    let depth = 0;
    let type = '';
    for (; i < body.length; i++) {
      const c = body[i];
      if (c === '{' || c === '<' || c === '(') depth++;
      if (c === '}' || c === '>' || c === ')') depth--;
      if (c === ';' && depth === 0) break;
      type += c;
    }
    i++;
    properties.set(member[1], type.trim());
  }
  return properties;
}

function resolveImport(fromFile, specifier) {
  const path = specifier.replace(/\.js$/, '');
  if (path.startsWith('.')) return resolve(dirname(fromFile), `${path}.d.ts`);
  if (path.startsWith('@kubernetes-models/apimachinery/')) {
    return join(MACHINERY_DIR, path.slice('@kubernetes-models/apimachinery/'.length) + '.d.ts');
  }
  return null;
}

function unknownFields(value, file, path = '') {
  const shape = readInterface(file);
  if (!shape || !isPlainObject(value)) return [];
  const problems = [];
  for (const [key, child] of Object.entries(value)) {
    const type = shape.properties.get(key);
    if (type === undefined) {
      problems.push(`${path}/${key}: unknown field (not in the ${file.split('/').pop().replace('.d.ts', '')} schema)`);
      continue;
    }
    problems.push(...checkType(child, type, shape, `${path}/${key}`));
  }
  return problems;
}

function checkType(value, type, shape, path) {
  const array = type.match(/^Array<(.+)>$/s);
  if (array) {
    return Array.isArray(value) ? value.flatMap((item, i) => checkType(item, array[1].trim(), shape, `${path}/${i}`)) : [];
  }
  const map = type.match(/^\{\s*\[key: string\]:\s*(.+?);?\s*\}$/s);
  if (map) {
    return isPlainObject(value)
      ? Object.entries(value).flatMap(([k, v]) => checkType(v, map[1].trim(), shape, `${path}/${k}`))
      : [];
  }
  if (/^I\w+$/.test(type) && shape.imports.has(type)) {
    const target = resolveImport(shape.file, shape.imports.get(type));
    return target ? unknownFields(value, target, path) : [];
  }
  return [];
}

function isPlainObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
