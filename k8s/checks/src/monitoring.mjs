// The Grafana dashboard (k8s/base/monitoring): a valid dashboard whose every query reads the Prometheus data
// source chosen in its `datasource` variable, rendered into each overlay as the ConfigMap Grafana's sidecar
// loads. Whether the services emit the metrics it queries is checked against the running services by the
// chaos run (chaos/.../dashboard/DashboardCheck), since only they know.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const DASHBOARD = 'k8s/base/monitoring/exactly-once-dashboard.json';

/** The label Grafana's dashboard sidecar selects ConfigMaps by (the Helm chart's default). */
export const SIDECAR_LABEL = ['grafana_dashboard', '1'];

const TEMPLATED = '${datasource}';

/** Problems of the dashboard file itself. */
export function checkDashboardFile(root) {
  const file = join(root, DASHBOARD);
  if (!existsSync(file)) return [`${DASHBOARD}: missing`];
  return dashboardProblems(readFileSync(file, 'utf8'), DASHBOARD);
}

/** Problems of a dashboard's JSON text; `where` starts each. */
export function dashboardProblems(text, where) {
  let dashboard;
  try {
    dashboard = JSON.parse(text);
  } catch (error) {
    return [`${where}: not valid JSON (${error.message})`];
  }
  const problems = [];
  const say = (problem) => problems.push(`${where}: ${problem}`);
  if (typeof dashboard.uid !== 'string' || !dashboard.uid) say('needs a fixed uid, so links and provisioning survive a reload');
  if (typeof dashboard.title !== 'string' || !dashboard.title) say('needs a title');
  const variable = (dashboard.templating?.list ?? []).find((v) => v.name === 'datasource');
  if (!variable || variable.type !== 'datasource' || variable.query !== 'prometheus') {
    say('needs a template variable `datasource` of type datasource for Prometheus, so it works with any data source name');
  }
  const panels = [];
  const collect = (list) => { for (const panel of list ?? []) { panels.push(panel); collect(panel.panels); } };
  collect(dashboard.panels);
  const queried = panels.filter((p) => p.type !== 'row');
  if (!queried.length) say('has no panels');
  const ids = new Set();
  for (const panel of panels) {
    const name = `panel '${panel.title ?? '(untitled)'}'`;
    if (ids.has(panel.id)) say(`${name}: id ${panel.id} is used twice`);
    ids.add(panel.id);
    if (!panel.gridPos) say(`${name}: no gridPos`);
    if (panel.type === 'row') continue;
    if (!panel.title) say('a panel without a title');
    if (panel.datasource?.uid !== TEMPLATED) say(`${name}: its data source must be ${TEMPLATED}, not ${JSON.stringify(panel.datasource)}`);
    if (!panel.targets?.length) say(`${name}: no queries`);
    for (const target of panel.targets ?? []) {
      if (typeof target.expr !== 'string' || !target.expr.trim()) say(`${name}: query ${target.refId ?? '?'} has no PromQL expression`);
      if (target.datasource && target.datasource.uid !== TEMPLATED) say(`${name}: query ${target.refId ?? '?'} reads ${JSON.stringify(target.datasource)}, not ${TEMPLATED}`);
    }
  }
  return problems;
}

/** The overlay renders the dashboard, unchanged, into a ConfigMap carrying the sidecar's label. */
export function checkDashboardConfigMap(root, target) {
  const [label, value] = SIDECAR_LABEL;
  const maps = target.byKind('ConfigMap').filter((map) => map.metadata?.labels?.[label] === value);
  if (!maps.length) return [`${target.name}: no ConfigMap labelled ${label}: "${value}", so Grafana's sidecar loads no dashboard`];
  const file = join(root, DASHBOARD);
  const shipped = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  const problems = [];
  for (const map of maps) {
    const where = `${target.name}, ConfigMap ${map.metadata.name}`;
    const entries = Object.entries(map.data ?? {}).filter(([key]) => key.endsWith('.json'));
    if (!entries.length) problems.push(`${where}: no .json entry for the sidecar to load`);
    for (const [key, text] of entries) {
      problems.push(...dashboardProblems(text, `${where} ${key}`));
      if (shipped !== undefined && text !== shipped) problems.push(`${where} ${key}: differs from ${DASHBOARD}`);
    }
  }
  return problems;
}
