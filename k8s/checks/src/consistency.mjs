// Does each deployment (docker-compose.yml, every Kubernetes overlay) run each service the way the
// service's own configuration expects? Ports, probe paths, graceful shutdown, the names of the
// environment variables it sets, and where the host names in those variables lead.
import {
  activeDocuments, activeProfiles, bindingOf, canonicalProperty, durationSeconds, effectiveValue, flatten, placeholders, variableBindsEntryOf,
} from './spring.mjs';
import { ALLOWED_PATHS, APPS, DEMO_PROFILES, STORES } from './topology.mjs';

/** Facts about one service under one deployment's environment. */
export function runtimeOf(service, env) {
  const value = (property) => effectiveValue(service, property, env);
  const port = Number(value('server.port') ?? 8080);
  const managementPort = Number(value('management.server.port') ?? port);
  const basePath = String(value('management.endpoints.web.base-path') ?? '/actuator').replace(/\/$/, '');
  const health = String(value('management.endpoints.web.path-mapping.health') ?? 'health').replace(/^\//, '');
  const include = listValue(service, 'management.endpoints.web.exposure.include', env);
  return {
    port,
    managementPort,
    liveness: `${basePath}/${health}/liveness`,
    readiness: `${basePath}/${health}/readiness`,
    healthExposed: include === undefined || include.includes('health') || include.includes('*'),
    prometheusExposed: include !== undefined && (include.includes('prometheus') || include.includes('*')),
    probesEnabled: String(value('management.endpoint.health.probes.enabled') ?? 'false') === 'true',
    shutdown: String(value('server.shutdown') ?? 'graceful').toLowerCase(),
    shutdownPhaseSeconds: durationSeconds(value('spring.lifecycle.timeout-per-shutdown-phase')) ?? 30,
    profiles: activeProfiles(env),
  };
}

function listValue(service, property, env) {
  const single = effectiveValue(service, property, env);
  if (typeof single === 'string') return single.split(',').map((s) => s.trim());
  const items = [];
  for (const doc of activeDocuments(service, activeProfiles(env))) {
    for (const [key, value] of flatten(doc.data)) {
      if (key.startsWith(`${property}[`)) items.push(String(value));
    }
  }
  return items.length ? items : undefined;
}

/**
 * Checks every app of one deployment target against its service configuration.
 * `services` maps app name -> loaded module (or null when the module is not in the repository yet).
 */
export function checkTarget(target, services, hosts) {
  const problems = [];
  const edges = [];
  for (const app of APPS) {
    const service = services[app];
    const deployed = target.services[app];
    const where = `${target.name}, ${app}`;
    if (!deployed) { problems.push(`${where}: not deployed`); continue; }
    if (!service) continue; // reported once by the caller
    const env = deployed.env;
    const rt = runtimeOf(service, env);

    // Every variable must bind to something the service reads.
    for (const name of Object.keys(env)) {
      if (!bindingOf(service, name)) {
        problems.push(`${where}: sets ${name}, but ${app} binds no such property (its application*.yml, `
          + 'configuration metadata and the Spring Boot properties its dependencies enable say nothing of it)');
      }
    }

    // Profiles: never the demo ones.
    if (rt.profiles.length === 0) problems.push(`${where}: SPRING_PROFILES_ACTIVE is not set`);
    for (const profile of rt.profiles.filter((p) => DEMO_PROFILES.includes(p))) {
      problems.push(`${where}: activates the '${profile}' profile, which ships demo credentials`);
    }

    const clusterNodes = effectiveValue(service, 'spring.data.redis.cluster.nodes', env);
    // Placeholders without a default, and anything still pointing at localhost, must be set.
    for (const doc of activeDocuments(service, rt.profiles)) {
      for (const [key, value] of flatten(doc.data)) {
        for (const p of placeholders(value)) {
          if (p.default === undefined && env[p.name] === undefined && effectiveValue(service, p.name, env) === undefined) {
            problems.push(`${where}: ${doc.file} needs \${${p.name}} (for ${key}), which is not set`);
          }
        }
        const effective = effectiveValue(service, key, env);
        // On a cluster-mode Redis the standalone host is never used.
        if (clusterNodes !== undefined && canonicalProperty(key) === canonicalProperty('spring.data.redis.host')) continue;
        if (typeof effective === 'string' && /(\/\/|@|^)(localhost|127\.0\.0\.1)([:/]|$)/.test(effective)) {
          problems.push(`${where}: ${key} is still ${effective} (from ${doc.file}); set it for this deployment`);
        }
      }
    }
    if (service.dependencies.has('spring-boot-starter-jdbc') || service.dependencies.has('spring-boot-starter-data-jpa')
      || service.dependencies.has('spring-boot-starter-data-jdbc')) {
      for (const property of ['spring.datasource.url', 'spring.datasource.username', 'spring.datasource.password']) {
        if (effectiveValue(service, property, env) === undefined) {
          problems.push(`${where}: uses a database but ${property} is not set`);
        }
      }
    }
    if (service.dependencies.has('spring-boot-starter-data-redis') || service.dependencies.has('spring-boot-starter-data-redis-reactive')) {
      if (clusterNodes !== undefined) {
        problems.push(...clusterNodeProblems(where, clusterNodes));
      } else if (effectiveValue(service, 'spring.data.redis.host', env) === undefined) {
        problems.push(`${where}: uses Redis but spring.data.redis.host is not set (it would try localhost)`);
      }
      if (effectiveValue(service, 'spring.data.redis.password', env) === undefined) {
        problems.push(`${where}: uses Redis, which requires a password, but spring.data.redis.password is not set`);
      }
    }
    // An empty map in the yml (bank.security.clients, client.users) is filled only by the deployment.
    for (const doc of service.documents.filter((d) => d.profile === null)) {
      for (const [key, value] of flatten(doc.data)) {
        if (value === null || typeof value !== 'object') continue;
        const filled = Object.keys(env).some((name) => variableBindsEntryOf(name, key));
        if (!filled && deployed.unknownEnvFrom.length === 0) {
          problems.push(`${where}: nothing fills ${key} (an empty map in ${doc.file})`);
        }
      }
    }

    // Actuator probes.
    if (!service.dependencies.has('spring-boot-starter-actuator')) problems.push(`${where}: probes need spring-boot-starter-actuator`);
    if (!rt.healthExposed) problems.push(`${where}: management.endpoints.web.exposure.include does not expose health`);
    if (rt.shutdown !== 'graceful') problems.push(`${where}: server.shutdown is ${rt.shutdown}, not graceful`);

    // Where the host names lead.
    for (const link of links(env)) {
      const to = hosts.resolve(link.host);
      if (!to) {
        if (!link.host.includes('.')) problems.push(`${where}: ${link.variable} names host '${link.host}', which is not a service here`);
        continue;
      }
      edges.push([app, to.service, link.variable]);
      if (!to.ports.includes(link.port)) {
        problems.push(`${where}: ${link.variable} reaches ${to.service} on port ${link.port}, but it listens on ${to.ports.join(', ')}`);
      }
      if (!ALLOWED_PATHS.some(([a, b]) => a === app && b === to.service)) {
        problems.push(`${where}: ${link.variable} connects ${app} to ${to.service}, a path the design does not allow`);
      }
    }
  }
  return { problems, edges };
}

/**
 * spring.data.redis.cluster.nodes: comma-separated host:port seeds, none of them this pod itself. Spring Boot
 * refuses a node without a port only when the service starts; this says so before.
 */
export function clusterNodeProblems(where, value) {
  const nodes = String(value).split(',').map((n) => n.trim()).filter(Boolean);
  if (!nodes.length) return [`${where}: spring.data.redis.cluster.nodes is empty`];
  const problems = [];
  for (const node of nodes) {
    const match = node.match(/^([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/);
    if (!match || Number(match[2]) < 1 || Number(match[2]) > 65535) {
      problems.push(`${where}: spring.data.redis.cluster.nodes has '${node}', not host:port`);
    } else if (/^(localhost|127\.0\.0\.1|\[::1\])$/.test(match[1])) {
      problems.push(`${where}: spring.data.redis.cluster.nodes still names ${node}; set your cluster's nodes`);
    }
  }
  return problems;
}

const DEFAULT_PORTS = { http: 80, https: 443, postgresql: 5432, redis: 6379, rediss: 6379 };

/** Host references in an environment: URLs, and FOO_HOST with an optional FOO_PORT. */
export function links(env) {
  const found = [];
  for (const [variable, value] of Object.entries(env)) {
    if (typeof value !== 'string') continue;
    const url = value.match(/^(?:jdbc:)?([a-z][a-z0-9+.-]*):\/\/(?:[^@/]*@)?([^/:?#,]+)(?::(\d+))?/i);
    if (url) {
      found.push({ variable, host: url[2], port: Number(url[3] ?? DEFAULT_PORTS[url[1].toLowerCase()]) });
    } else if (variable.endsWith('_HOST') && value) {
      const portVariable = variable.replace(/_HOST$/, '_PORT');
      const port = env[portVariable] ?? (variable.includes('REDIS') ? STORES.redis : undefined);
      found.push({ variable, host: value, port: Number(port) });
    }
  }
  return found;
}
