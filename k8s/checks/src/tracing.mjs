// Span export (issue 16). The services send spans over OTLP/HTTP only when a deployment sets the exporter's
// endpoint; where one does, the checks follow that URL: it must be read by the service, lead to a collector,
// on OTLP/HTTP's port and path, through the NetworkPolicies (Kubernetes) or to a service of the project (compose),
// and be set for all three services or none, since a trace missing one hop is misleading.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { composeSchemaValidator } from './compose.mjs';
import { bindingOf, variableBinds } from './spring.mjs';
import { loadCompose } from './targets.mjs';
import { APPS, STORES } from './topology.mjs';

/** Spring Boot's property for the collector's URL (jar spring-boot-micrometer-tracing-opentelemetry). */
export const ENDPOINT_PROPERTY = 'management.opentelemetry.tracing.export.otlp.endpoint';

/** OTLP over HTTP: the port collectors serve it on and the path the exporter posts traces to (it adds none). */
export const OTLP_HTTP = { port: 4318, path: '/v1/traces' };

/**
 * The collector outside our namespace, as the NetworkPolicies see it: a namespace labelled
 * exactly-once.dev/tracing=true (called observability here), listening on OTLP's gRPC and HTTP ports, so a
 * policy that opens more than HTTP shows.
 */
export const TRACING_PEER = {
  namespace: { 'kubernetes.io/metadata.name': 'observability', 'exactly-once.dev/tracing': 'true' },
  pod: {},
  ports: [{ port: 4317, protocol: 'TCP' }, { port: OTLP_HTTP.port, protocol: 'TCP' }],
};

/** The override file README's "Tracing and logs" starts compose with. */
export const COMPOSE_TRACING_FILE = 'docker-compose.tracing.yml';

/** The variable that sets the endpoint in one environment, and its value; undefined when export is off. */
function endpointOf(env) {
  const name = Object.keys(env).find((variable) => variableBinds(variable, ENDPOINT_PROPERTY));
  return name && { name, value: String(env[name]) };
}

/** Problems of one endpoint URL that hold wherever it is deployed; `url` is set when it parses. */
function endpointProblems(where, { name, value }) {
  let url;
  try {
    url = new URL(value);
  } catch {
    return { problems: [`${where}: ${name} is ${value}, which is not a URL`] };
  }
  const problems = [];
  if (!['http:', 'https:'].includes(url.protocol)) problems.push(`${where}: ${name} is ${value}, but OTLP/HTTP needs http or https`);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  if (port !== OTLP_HTTP.port) problems.push(`${where}: ${name} reaches port ${port}, but collectors receive OTLP/HTTP on ${OTLP_HTTP.port}`);
  if (url.pathname !== OTLP_HTTP.path) {
    problems.push(`${where}: ${name} posts to ${url.pathname}, but the exporter uses the URL as given and collectors take traces at ${OTLP_HTTP.path}`);
  }
  return { problems, url, port };
}

/** All three services or none: one that does not export leaves a hole in every trace it is part of. */
function allOrNone(targetName, exporting, deployedApps) {
  if (!exporting.length) return [];
  return deployedApps.filter((app) => !exporting.includes(app))
    .map((app) => `${targetName}: ${exporting.join(', ')} export spans but ${app} sets no ${ENDPOINT_PROPERTY}, so its hops would be missing from their traces`);
}

/** One rendered overlay: the endpoint is a Service in the tracing namespace, on a port the policies open. */
export function checkTracingOverlay(target, network) {
  const problems = [];
  const deployedApps = APPS.filter((app) => target.services[app]);
  const exporting = deployedApps.filter((app) => endpointOf(target.services[app].env));
  problems.push(...allOrNone(target.name, exporting, deployedApps));
  const namespace = TRACING_PEER.namespace['kubernetes.io/metadata.name'];
  for (const app of exporting) {
    const endpoint = endpointOf(target.services[app].env);
    if (/^<.*>$/.test(endpoint.value)) continue; // from a Secret created outside the repository: unknown here
    const where = `${target.name}, ${app}`;
    const { problems: found, url, port } = endpointProblems(where, endpoint);
    problems.push(...found);
    if (!url) continue;
    // <service>.<namespace>[.svc[.cluster.local]]: a name without a namespace is in ours, and anything else is
    // outside the cluster; the default-deny policy lets neither be reached.
    const parts = url.hostname.split('.');
    const inNamespace = parts.length >= 2 && (parts.length === 2 || parts[2] === 'svc') ? parts[1] : undefined;
    if (inNamespace !== namespace) {
      problems.push(`${where}: ${endpoint.name} names host ${url.hostname}, which is not a Service in the tracing namespace ${namespace} `
        + '(labelled exactly-once.dev/tracing=true), the only place the NetworkPolicies let spans go');
      continue;
    }
    const admitted = network.ports.get(`${app}->tracing`) ?? [];
    if (!admitted.includes(port)) {
      problems.push(`${where}: ${endpoint.name} sends spans to port ${port} of the tracing namespace, but the NetworkPolicies `
        + `${admitted.length ? `let ${app} reach only ${admitted.join(', ')} there` : `keep ${app} from it`}`);
    }
  }
  for (const app of deployedApps) {
    for (const port of network.ports.get(`${app}->tracing`) ?? []) {
      if (port !== OTLP_HTTP.port) problems.push(`${target.name}: NetworkPolicies let ${app} reach port ${port} of the tracing namespace; only OTLP/HTTP's ${OTLP_HTTP.port} is needed`);
    }
  }
  return problems;
}

/**
 * docker-compose.yml with docker-compose.tracing.yml over it: both valid Compose, each service's variable bound
 * by the service, and its host a collector service of the merged project that the service waits for.
 */
export function checkTracingCompose(root, services) {
  if (!existsSync(join(root, COMPOSE_TRACING_FILE))) return [`${COMPOSE_TRACING_FILE}: missing (README's "Tracing and logs" starts the collector with it)`];
  const project = loadCompose(root, ['docker-compose.yml', COMPOSE_TRACING_FILE]);
  if (!project) return [];
  const problems = [];
  const validate = composeSchemaValidator();
  // The file alone, then (when that passes, so nothing is said twice) what it makes of docker-compose.yml.
  for (const [document, name] of [[project.documents.at(-1), COMPOSE_TRACING_FILE], [project.document, project.name]]) {
    if (validate(document)) continue;
    for (const error of validate.errors) {
      problems.push(`${name}: schema: ${error.instancePath || '/'} ${error.message}${error.params?.additionalProperty ? ` (${error.params.additionalProperty})` : ''}`);
    }
    break;
  }
  const defined = project.document.services ?? {};
  const deployedApps = APPS.filter((app) => project.services[app]);
  const exporting = deployedApps.filter((app) => endpointOf(project.services[app].env));
  if (!exporting.length) problems.push(`${project.name}: no service sets ${ENDPOINT_PROPERTY}, so the tracing file exports nothing`);
  problems.push(...allOrNone(project.name, exporting, deployedApps));
  const added = project.documents.at(-1).services ?? {};
  for (const app of deployedApps) {
    const where = `${project.name}, ${app}`;
    // What the tracing file adds must bind, like every variable of a deployment (a misspelt name is ignored by Spring).
    if (services[app]) {
      const environment = added[app]?.environment ?? {};
      const variables = Array.isArray(environment) ? environment.map((e) => String(e).split('=')[0]) : Object.keys(environment);
      for (const variable of variables) {
        if (!bindingOf(services[app], variable)) problems.push(`${where}: sets ${variable}, but ${app} binds no such property`);
      }
    }
    const endpoint = endpointOf(project.services[app].env);
    if (!endpoint) continue;
    const { problems: found, url } = endpointProblems(where, endpoint);
    problems.push(...found);
    if (!url) continue;
    const host = url.hostname;
    if (!defined[host] || APPS.includes(host) || host in STORES) {
      problems.push(`${where}: ${endpoint.name} names host ${host}, which is not a collector service of ${project.name}`);
    } else if (![].concat(Array.isArray(defined[app].depends_on) ? defined[app].depends_on : Object.keys(defined[app].depends_on ?? {})).includes(host)) {
      problems.push(`${where}: exports spans to ${host} but does not depend_on it, so its first spans may find no collector`);
    }
  }
  return problems;
}
