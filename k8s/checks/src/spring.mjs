// What a service's own files say about how it is configured: its application*.yml (all profiles), the
// configuration metadata its build generated, and the dependencies in its pom.xml (followed through
// the repository's own modules). The deployment checks compare everything else against this.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * Properties Spring Boot itself binds, which a deployment may set without the service's yml naming
 * them, and the dependency that must be on the service's classpath for each to mean anything.
 */
const STANDARD_PROPERTIES = [
  { names: ['spring.profiles.active', 'server.port', 'server.shutdown', 'spring.lifecycle.timeout-per-shutdown-phase'], requires: [] },
  {
    names: ['spring.datasource.url', 'spring.datasource.username', 'spring.datasource.password'],
    requires: ['spring-boot-starter-jdbc', 'spring-boot-starter-data-jdbc', 'spring-boot-starter-data-jpa'],
  },
  {
    names: ['spring.data.redis.host', 'spring.data.redis.port', 'spring.data.redis.username', 'spring.data.redis.password',
      'spring.data.redis.database', 'spring.data.redis.ssl.enabled'],
    requires: ['spring-boot-starter-data-redis', 'spring-boot-starter-data-redis-reactive'],
  },
  {
    // A cluster-mode Redis (issue 15): set, it wins over host and port.
    names: ['spring.data.redis.cluster.nodes', 'spring.data.redis.cluster.max-redirects',
      'spring.data.redis.lettuce.cluster.refresh.adaptive', 'spring.data.redis.lettuce.cluster.refresh.period'],
    requires: ['spring-boot-starter-data-redis', 'spring-boot-starter-data-redis-reactive'],
  },
  {
    names: ['management.endpoint.health.probes.enabled', 'management.server.port'],
    requires: ['spring-boot-starter-actuator'],
  },
  {
    // Declared in that jar's own configuration metadata (OtlpTracingProperties): the collector spans go to
    // over OTLP/HTTP. Unset, nothing is exported.
    names: ['management.opentelemetry.tracing.export.otlp.endpoint'],
    requires: ['spring-boot-micrometer-tracing-opentelemetry'],
  },
];

/** Environment variables read by the JVM or the image, not by Spring's binder. */
export const JVM_VARIABLES = new Set(['JAVA_TOOL_OPTIONS', 'JDK_JAVA_OPTIONS', 'TZ']);

/** Loads one Maven module's configuration. Returns null when the module does not exist (yet). */
export function loadModule(root, module) {
  const dir = join(root, module);
  if (!existsSync(join(dir, 'pom.xml'))) return null;
  const resources = join(dir, 'src/main/resources');
  const documents = [];
  if (existsSync(resources)) {
    for (const file of readdirSync(resources).sort()) {
      const match = file.match(/^application(?:-([\w.-]+))?\.ya?ml$/);
      if (!match) continue;
      for (const doc of parseAllDocuments(readFileSync(join(resources, file), 'utf8'))) {
        if (doc.errors.length) throw new Error(`${module}/${file}: ${doc.errors[0].message}`);
        const data = doc.toJS() ?? {};
        const onProfile = data?.spring?.config?.activate?.['on-profile'];
        documents.push({ file: `${module}/src/main/resources/${file}`, profile: match[1] ?? onProfile ?? null, data });
      }
    }
  }
  const dependencies = runtimeDependencies(root, module);
  const metadata = buildMetadata(root, module, dependencies);
  return { module, dir, documents, dependencies, metadata, finalName: finalName(dir) ?? module };
}

/** Flattens nested maps into dotted keys; `{}` values are kept as open maps. */
export function flatten(data, prefix = '', out = new Map()) {
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const entries = Object.entries(data);
    if (entries.length === 0 && prefix) out.set(prefix, {});
    for (const [key, value] of entries) flatten(value, prefix ? `${prefix}.${key}` : key, out);
  } else if (Array.isArray(data)) {
    data.forEach((value, i) => flatten(value, `${prefix}[${i}]`, out));
  } else {
    out.set(prefix, data);
  }
  return out;
}

/** The documents that apply under the given active profiles, in override order. */
export function activeDocuments(service, profiles) {
  const active = (d) => d.profile === null || profiles.includes(d.profile)
    || (typeof d.profile === 'string' && d.profile.split(',').some((p) => profiles.includes(p.trim())));
  const base = service.documents.filter((d) => d.profile === null);
  const specific = service.documents.filter((d) => d.profile !== null && active(d));
  return [...base, ...specific];
}

/** The canonical form Spring's relaxed binding compares: lower case, no dashes, indices as segments. */
export function canonicalProperty(name) {
  return name.toLowerCase().replace(/-/g, '').replace(/\[(\d+)\]/g, '.$1');
}

/** The property an environment variable binds to, in canonical form (SPRING_DATA_REDIS_HOST -> spring.data.redis.host). */
export function canonicalVariable(name) {
  return name.toLowerCase().replace(/_/g, '.');
}

/**
 * Whether Spring binds the environment variable to the property. Both of Spring Boot's forms count:
 * dashes dropped (GATEWAY_BANKURI) and, its legacy form, dashes as underscores (GATEWAY_BANK_URI),
 * either way for gateway.bank-uri.
 */
export function variableBinds(variable, property) {
  const wanted = canonicalVariable(variable);
  return canonicalProperty(property) === wanted || legacyProperty(property) === wanted;
}

/** Whether the variable names an entry below the (map) property. */
export function variableBindsEntryOf(variable, property) {
  const wanted = canonicalVariable(variable);
  return wanted.startsWith(`${canonicalProperty(property)}.`) || wanted.startsWith(`${legacyProperty(property)}.`);
}

function legacyProperty(name) {
  return name.toLowerCase().replace(/-/g, '.').replace(/\[(\d+)\]/g, '.$1');
}

/**
 * Whether Spring would bind the environment variable to something this service reads. Returns a short
 * reason when it does, or null.
 */
export function bindingOf(service, variable) {
  if (JVM_VARIABLES.has(variable)) return 'read by the JVM';
  for (const doc of service.documents) {
    for (const [key, value] of flatten(doc.data)) {
      if (typeof value === 'string' && placeholders(value).some((p) => p.name === variable)) {
        return `\${${variable}} in ${doc.file}`;
      }
      if (variableBinds(variable, key)) return `${key} in ${doc.file}`;
      if (isOpenMap(value) && variableBindsEntryOf(variable, key)) return `an entry of the map ${key} in ${doc.file}`;
    }
  }
  for (const property of service.metadata) {
    if (variableBinds(variable, property.name)) return `${property.name} (configuration metadata)`;
    if (property.map && variableBindsEntryOf(variable, property.name)) return `an entry of the map ${property.name} (configuration metadata)`;
  }
  for (const group of STANDARD_PROPERTIES) {
    const name = group.names.find((n) => variableBinds(variable, n));
    if (!name) continue;
    if (group.requires.length === 0 || group.requires.some((a) => service.dependencies.has(a))) return `Spring Boot's ${name}`;
    return null;
  }
  return null;
}

function isOpenMap(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0;
}

/** `${NAME}`, `${NAME:default}` placeholders in a configuration value. */
export function placeholders(value) {
  const found = [];
  for (const [, name, , fallback] of String(value).matchAll(/\$\{([A-Za-z0-9_.-]+)(:([^}]*))?\}/g)) {
    found.push({ name, default: fallback });
  }
  return found;
}

/**
 * The value a property takes for a deployment: the environment wins over the yml (relaxed binding),
 * later profile documents over earlier ones, and `${...}` placeholders resolve against the
 * environment or their defaults. Returns undefined when nothing sets it.
 */
export function effectiveValue(service, property, environment) {
  const wanted = canonicalProperty(property);
  for (const [name, value] of Object.entries(environment)) {
    if (variableBinds(name, property) && value !== undefined) return value;
  }
  const profiles = activeProfiles(environment);
  let result;
  for (const doc of activeDocuments(service, profiles)) {
    for (const [key, value] of flatten(doc.data)) {
      if (canonicalProperty(key) === wanted) result = value;
    }
  }
  if (typeof result === 'string') {
    result = result.replace(/\$\{([A-Za-z0-9_.-]+)(?::([^}]*))?\}/g, (_, name, fallback) =>
      environment[name] ?? effectiveValue(service, name, environment) ?? fallback ?? '');
  }
  return result;
}

export function activeProfiles(environment) {
  const value = Object.entries(environment).find(([name]) => canonicalVariable(name) === 'spring.profiles.active')?.[1];
  return value ? String(value).split(',').map((p) => p.trim()).filter(Boolean) : [];
}

/** Spring's Duration format as used in yml: 20s, 500ms, 1m, or plain milliseconds. */
export function durationSeconds(value) {
  if (value === undefined || value === null || value === '') return undefined;
  const match = String(value).trim().match(/^(\d+(?:\.\d+)?)(ns|us|ms|s|m|h|d)?$/);
  if (!match) return undefined;
  const factor = { ns: 1e-9, us: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600, d: 86400 }[match[2] ?? 'ms'];
  return Number(match[1]) * factor;
}

/** Artifact ids on the service's runtime classpath, following the repository's own modules. */
function runtimeDependencies(root, module, seen = new Set()) {
  const found = new Set();
  if (seen.has(module)) return found;
  seen.add(module);
  const pom = join(root, module, 'pom.xml');
  if (!existsSync(pom)) return found;
  for (const dependency of pomDependencies(readFileSync(pom, 'utf8'))) {
    if (['test', 'provided', 'system'].includes(dependency.scope)) continue;
    if (seen.size > 1 && dependency.optional) continue;
    found.add(dependency.artifactId);
    if (existsSync(join(root, dependency.artifactId, 'pom.xml'))) {
      for (const nested of runtimeDependencies(root, dependency.artifactId, seen)) found.add(nested);
    }
  }
  return found;
}

/** The <dependencies> of a pom (not dependencyManagement, not plugins). */
export function pomDependencies(xml) {
  const text = xml.replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<dependencyManagement>[\s\S]*?<\/dependencyManagement>/g, '')
    .replace(/<build>[\s\S]*?<\/build>/g, '')
    .replace(/<profiles>[\s\S]*?<\/profiles>/g, '');
  const block = text.match(/<dependencies>([\s\S]*?)<\/dependencies>/);
  if (!block) return [];
  return [...block[1].matchAll(/<dependency>([\s\S]*?)<\/dependency>/g)].map(([, d]) => ({
    artifactId: d.match(/<artifactId>\s*([^<\s]+)\s*<\/artifactId>/)?.[1],
    scope: d.match(/<scope>\s*([^<\s]+)\s*<\/scope>/)?.[1] ?? 'compile',
    optional: /<optional>\s*true\s*<\/optional>/.test(d),
  }));
}

function finalName(dir) {
  const xml = readFileSync(join(dir, 'pom.xml'), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
  return xml.match(/<build>[\s\S]*?<finalName>\s*([^<\s]+)\s*<\/finalName>/)?.[1];
}

/**
 * Property names from the configuration metadata the build generated (target/classes), for this module
 * and the repository modules it uses. Absent before a build; then the yml files alone count.
 */
function buildMetadata(root, module, dependencies) {
  const properties = [];
  for (const name of [module, ...dependencies]) {
    const file = join(root, name, 'target/classes/META-INF/spring-configuration-metadata.json');
    if (!existsSync(file)) continue;
    for (const property of JSON.parse(readFileSync(file, 'utf8')).properties ?? []) {
      properties.push({ name: property.name, map: /^java\.util\.(Map|SortedMap|LinkedHashMap)</.test(property.type ?? '') });
    }
  }
  return properties;
}
