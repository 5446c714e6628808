// Checks on each service's Dockerfile (and, once built, its jar): multi-stage Maven build, Spring
// Boot's layered extraction, a Temurin JRE base, a numeric non-root user, the service's port, no
// secrets, and no test-only servers in what ships.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { runtimeOf } from './consistency.mjs';
import { FORBIDDEN_IN_IMAGES, SECRET_NAME } from './topology.mjs';

const require = createRequire(import.meta.url);
const { validate: lintDockerfile, ValidationSeverity } = require('dockerfile-utils');
const { DockerfileParser } = require('dockerfile-ast');

const LAYERS = ['dependencies', 'spring-boot-loader', 'snapshot-dependencies', 'application'];

/** Parses a service's Dockerfile; returns the facts the other checks need and the problems found. */
export function checkDockerfile(root, app, service) {
  const file = join(root, app, 'Dockerfile');
  const where = `${app}/Dockerfile`;
  if (!existsSync(file)) return { problems: [`${where}: missing`], image: undefined };
  const text = readFileSync(file, 'utf8');
  const problems = [];
  for (const d of lintDockerfile(text)) {
    if (d.severity === ValidationSeverity.ERROR) problems.push(`${where}:${d.range.start.line + 1}: ${d.message}`);
  }
  const dockerfile = DockerfileParser.parse(text);
  const instructions = dockerfile.getInstructions();
  const args = {};
  const firstFrom = instructions.findIndex((i) => i.getKeyword() === 'FROM');
  for (const arg of instructions.slice(0, firstFrom < 0 ? 0 : firstFrom).filter((i) => i.getKeyword() === 'ARG')) {
    const [name, value] = arg.getArgumentsContent().split('=');
    args[name.trim()] = value?.trim();
  }
  const expand = (s) => s.replace(/\$\{?(\w+)\}?/g, (m, n) => args[n] ?? m);
  const froms = dockerfile.getFROMs();
  if (froms.length < 2) problems.push(`${where}: must be a multi-stage build`);
  const images = froms.map((f) => expand(f.getImageName() ? `${f.getImageName()}:${f.getImageTag() ?? ''}` : f.getArgumentsContent()));
  const final = images.at(-1) ?? '';
  if (!/^eclipse-temurin:\d+(\.\d+)*-jre(-|$)/.test(final)) problems.push(`${where}: the runtime stage must be an Eclipse Temurin JRE (is ${final})`);
  if (!/^eclipse-temurin:\d+(\.\d+)*-jdk(-|$)/.test(images[0] ?? '')) problems.push(`${where}: the build stage must be an Eclipse Temurin JDK (is ${images[0]})`);

  const finalStart = froms.at(-1)?.getRange().start.line ?? 0;
  const inFinal = instructions.filter((i) => i.getRange().start.line >= finalStart);
  const runs = instructions.filter((i) => i.getKeyword() === 'RUN').map((i) => i.getArgumentsContent() ?? '');
  const build = runs.find((r) => /mvnw/.test(r));
  if (!build) problems.push(`${where}: must build with the Maven wrapper (./mvnw)`);
  else {
    if (!new RegExp(`-pl\\s+${app}(\\s|$)`).test(build)) problems.push(`${where}: the Maven build must select -pl ${app}`);
    if (service && !build.includes(`${app}/target/${service.finalName}.jar`)) {
      problems.push(`${where}: copies a jar other than ${app}/target/${service.finalName}.jar (the pom's finalName)`);
    }
  }
  if (!runs.some((r) => /-Djarmode=tools\b.*\bextract\b.*--layers\b.*--launcher\b/.test(r.replace(/\\\n/g, ' ')))) {
    problems.push(`${where}: must extract the layers with java -Djarmode=tools -jar … extract --layers --launcher`);
  }
  const copies = inFinal.filter((i) => i.getKeyword() === 'COPY').map((i) => i.getArgumentsContent());
  const layerOrder = copies.map((c) => LAYERS.find((l) => c.includes(`/${l}/`))).filter(Boolean);
  if (layerOrder.join() !== LAYERS.join()) problems.push(`${where}: the runtime stage must copy the layers in order ${LAYERS.join(', ')}`);

  const user = inFinal.filter((i) => i.getKeyword() === 'USER').at(-1)?.getArgumentsContent()?.trim();
  const uid = user?.match(/^(\d+)(:\d+)?$/) ? Number(user.split(':')[0]) : undefined;
  if (uid === undefined) problems.push(`${where}: the runtime stage needs a numeric USER (Kubernetes runAsNonRoot cannot verify a name)`);
  else if (uid === 0) problems.push(`${where}: runs as root`);

  const entrypoint = inFinal.filter((i) => i.getKeyword() === 'ENTRYPOINT').at(-1)?.getArgumentsContent() ?? '';
  if (!entrypoint.includes('org.springframework.boot.loader.launch.JarLauncher')) {
    problems.push(`${where}: ENTRYPOINT must start org.springframework.boot.loader.launch.JarLauncher`);
  }
  const exposed = inFinal.filter((i) => i.getKeyword() === 'EXPOSE').flatMap((i) => i.getArgumentsContent().split(/\s+/)).map((p) => Number(p.split('/')[0]));
  if (service) {
    const port = runtimeOf(service, {}).port;
    if (!exposed.includes(port)) problems.push(`${where}: EXPOSE ${exposed.join(' ') || 'nothing'}, but ${app} listens on server.port ${port}`);
  }
  for (const instruction of instructions.filter((i) => ['ENV', 'ARG'].includes(i.getKeyword()))) {
    const names = instruction.getArgumentsContent().split(/\s+/).map((s) => s.split('=')[0]);
    for (const name of names.filter((n) => SECRET_NAME.test(n))) problems.push(`${where}: ${instruction.getKeyword()} ${name}: no secrets in images`);
  }
  if (/COPY\s+[^\n]*\.env\b/.test(text)) problems.push(`${where}: copies an .env file`);
  return { problems, image: { uid } };
}

/** The built jar (after `mvn package`), if present: layered, and without test-only servers. */
export function checkJar(root, app, service) {
  const jar = join(root, app, 'target', `${service.finalName}.jar`);
  if (!existsSync(jar)) return { problems: [], note: `${app}: ${app}/target/${service.finalName}.jar not built, jar contents not checked` };
  let listing;
  try {
    listing = execFileSync('jar', ['tf', jar], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\n');
  } catch {
    return { problems: [], note: `${app}: no jar tool on PATH, jar contents not checked` };
  }
  const problems = [];
  if (!listing.includes('BOOT-INF/layers.idx')) problems.push(`${app}: ${service.finalName}.jar has no BOOT-INF/layers.idx (extract --layers needs it)`);
  for (const entry of listing.filter((e) => e.startsWith('BOOT-INF/lib/'))) {
    const name = entry.slice('BOOT-INF/lib/'.length);
    if (FORBIDDEN_IN_IMAGES.some((pattern) => pattern.test(name))) problems.push(`${app}: ${service.finalName}.jar ships ${name}, a test/launcher-only artifact`);
  }
  return { problems, note: null };
}

export function checkDockerignore(root) {
  const file = join(root, '.dockerignore');
  if (!existsSync(file)) return ['.dockerignore: missing (the build context would carry target/, .git and .env)'];
  const lines = readFileSync(file, 'utf8').split('\n').map((l) => l.trim());
  return ['**/target', '.git', '.env']
    .filter((needed) => !lines.includes(needed))
    .map((needed) => `.dockerignore: must exclude ${needed}`);
}
