// Runs every deployment check against a repository checkout and groups what it finds.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCompose, redisConfProblems } from './compose.mjs';
import { checkDockerfile, checkDockerignore, checkJar } from './images.mjs';
import { checkOverlay } from './kubernetes.mjs';
import { checkDashboardConfigMap, checkDashboardFile } from './monitoring.mjs';
import { loadModule } from './spring.mjs';
import { loadCompose, loadOverlay, overlayNames, renderKustomization } from './targets.mjs';
import { APPS } from './topology.mjs';
import { checkTracingCompose } from './tracing.mjs';

export const REQUIRED_OVERLAYS = ['local', 'production'];

/**
 * @returns {{ groups: Record<string, string[]>, notes: string[] }} problems by check, and notes on what
 *          could not be checked (a module not in the repository yet, a jar not built).
 */
export async function runChecks(root) {
  const groups = { render: [], schema: [], kubernetes: [], compose: [], images: [], wiring: [], monitoring: [] };
  const notes = [];

  const services = {};
  for (const app of APPS) {
    services[app] = loadModule(root, app);
    if (!services[app]) notes.push(`${app}: no ${app}/pom.xml yet, so its deployment is checked without its configuration`);
  }

  const images = {};
  for (const app of APPS) {
    const { problems, image } = checkDockerfile(root, app, services[app]);
    groups.images.push(...problems);
    images[app] = image;
    if (services[app]) {
      const jar = checkJar(root, app, services[app]);
      groups.images.push(...jar.problems);
      if (jar.note) notes.push(jar.note);
    }
  }
  groups.images.push(...checkDockerignore(root));

  const compose = loadCompose(root);
  if (!compose) groups.compose.push('docker-compose.yml: missing');
  else groups.compose.push(...checkCompose(root, compose, services), ...checkTracingCompose(root, services));

  const documentedSecrets = readmeSecrets(root);
  const overlays = overlayNames(root);
  for (const name of REQUIRED_OVERLAYS) if (!overlays.includes(name)) groups.render.push(`k8s/overlays/${name}: missing`);
  groups.monitoring.push(...checkDashboardFile(root));
  const targets = [];
  for (const overlay of overlays) {
    let objects;
    try {
      objects = renderKustomization(join(root, 'k8s/overlays', overlay));
    } catch (error) {
      groups.render.push(error.message);
      continue;
    }
    if (!objects.length) { groups.render.push(`k8s/overlays/${overlay}: renders nothing`); continue; }
    const target = loadOverlay(root, overlay, objects);
    targets.push(target);
    for (const problem of await checkOverlay(target, services, images, documentedSecrets)) {
      (/: \/|is not a Kubernetes API type|apiVersion and kind/.test(problem) ? groups.schema : groups.kubernetes).push(problem);
    }
    groups.wiring.push(...redisInCluster(target));
    groups.monitoring.push(...checkDashboardConfigMap(root, target));
  }
  if (compose) groups.wiring.push(...credentials(root, compose, targets));
  return { groups, notes };
}

function redisInCluster(target) {
  const set = target.find('StatefulSet', 'redis');
  if (!set) return [];
  const container = set.spec.template.spec.containers[0];
  const volume = (set.spec.template.spec.volumes ?? []).find((v) => v.configMap);
  const mount = (container.volumeMounts ?? []).find((m) => m.name === volume?.name);
  const map = target.find('ConfigMap', volume?.configMap?.name);
  const file = Object.keys(map?.data ?? {}).find((k) => k.endsWith('.conf'));
  if (!file || !mount) return [`${target.name}: redis must mount its redis.conf from a ConfigMap`];
  const problems = redisConfProblems(map.data[file], `${target.name}, redis ${file}`);
  const startedWith = [...(container.command ?? []), ...(container.args ?? [])].join(' ');
  if (!startedWith.includes(`${mount.mountPath}/${file}`)) problems.push(`${target.name}: redis does not start with ${mount.mountPath}/${file}`);
  return problems;
}

/** Secret names that README's Deployment section lists (in backticks), for overlays that render none. */
export function readmeSecrets(root) {
  const file = join(root, 'README.md');
  if (!existsSync(file)) return new Set();
  const text = readFileSync(file, 'utf8');
  const start = text.search(/^## Deployment\b/m);
  if (start < 0) return new Set();
  const rest = text.slice(start + 3);
  const end = rest.search(/^## /m);
  const section = end < 0 ? rest : rest.slice(0, end);
  return new Set([...section.matchAll(/`([a-z0-9][a-z0-9.-]*)`/g)].map((m) => m[1]));
}

/**
 * The same credential on both ends: each service's database login is the one create-databases.sh
 * creates for its database; Redis clients use Redis's password; each dashboard user's bank token is
 * a token the bank accepts.
 */
function credentials(root, compose, targets) {
  const problems = [];
  const mount = [].concat(compose.document.services?.postgres?.volumes ?? []).map(String).find((v) => v.includes('/docker-entrypoint-initdb.d'));
  const scriptPath = mount?.split(':')[0];
  const scriptFile = scriptPath && join(root, scriptPath);
  if (!scriptFile || !existsSync(scriptFile)) return ['docker-compose.yml: the database creation script it mounts does not exist'];
  const script = readFileSync(scriptFile, 'utf8');
  const databases = databaseLogins(script);

  for (const target of [compose, ...targets]) {
    if (target.kind === 'k8s') {
      const postgres = target.find('StatefulSet', 'postgres');
      const volume = (postgres?.spec.template.spec.volumes ?? []).find((v) => v.configMap);
      const data = target.find('ConfigMap', volume?.configMap?.name)?.data ?? {};
      if (!Object.values(data).includes(script)) problems.push(`${target.name}: postgres's init script differs from ${scriptPath}, which compose uses`);
    }
    const postgres = target.services.postgres;
    const redis = target.services.redis;
    for (const app of APPS) {
      const deployed = target.services[app];
      if (!deployed) continue;
      const url = deployed.env.SPRING_DATASOURCE_URL;
      if (url && postgres) {
        const database = String(url).match(/^jdbc:postgresql:\/\/[^/]+\/([^?]+)/)?.[1];
        const login = databases[database];
        if (!login) problems.push(`${target.name}: ${app} uses database ${database}, which ${scriptPath} does not create`);
        else {
          for (const [property, variable] of [['SPRING_DATASOURCE_USERNAME', login.user], ['SPRING_DATASOURCE_PASSWORD', login.password]]) {
            if (deployed.sources[property] !== postgres.sources[variable]) {
              problems.push(`${target.name}: ${app}'s ${property} comes from ${deployed.sources[property] ?? 'nowhere'}, `
                + `but postgres creates the ${database} login from ${postgres.sources[variable] ?? 'nowhere'} (${variable})`);
            }
          }
        }
      }
      if (deployed.env.SPRING_DATA_REDIS_HOST && redis && deployed.sources.SPRING_DATA_REDIS_PASSWORD !== redis.sources.REDIS_PASSWORD) {
        problems.push(`${target.name}: ${app}'s SPRING_DATA_REDIS_PASSWORD comes from ${deployed.sources.SPRING_DATA_REDIS_PASSWORD ?? 'nowhere'}, `
          + `but Redis's password from ${redis.sources.REDIS_PASSWORD ?? 'nowhere'}`);
      }
    }
    // Dashboard users call the bank with their own token: the bank must know it.
    const bank = target.services['bank-service'];
    const client = target.services['client-app'];
    if (bank && client && client.unknownEnvFrom.length === 0 && bank.unknownEnvFrom.length === 0) {
      for (const [name, value] of Object.entries(client.env)) {
        const user = name.match(/^CLIENT_USERS_(\w+)_TOKEN$/)?.[1];
        if (!user) continue;
        const bankSide = `BANK_SECURITY_CLIENTS_${user}`;
        const same = target.kind === 'compose' ? bank.sources[bankSide] === client.sources[name] : bank.env[bankSide] === value;
        if (!same) problems.push(`${target.name}: client-app user ${user.toLowerCase()} sends a token that bank-service does not accept as ${bankSide}`);
      }
    }
  }
  return problems;
}

/** Database name -> the environment variables its owner's login is created from. */
function databaseLogins(script) {
  const variables = {};
  for (const [, psqlVariable, envVariable] of script.matchAll(/--set (\w+)="\$(\w+)"/g)) variables[psqlVariable] = envVariable;
  const logins = {};
  for (const [, database, owner] of script.matchAll(/CREATE DATABASE %I OWNER %I', '(\w+)', :'(\w+)'/g)) {
    const prefix = owner.replace(/_user$/, '');
    logins[database] = { user: variables[`${prefix}_user`], password: variables[`${prefix}_password`] };
  }
  return logins;
}
