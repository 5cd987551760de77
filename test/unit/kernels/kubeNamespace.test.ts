import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKubeConfig } from '../../../src/kernels/kube/kubeApi';
import { cell, newSession, runCell } from '../../support/shell';

/**
 * The namespace chosen for lab cells (status bar, illmlab.namespace, --namespace) reaches
 * kubectl in shell cells through the session's kubeconfig overlay, checked with the real
 * kubectl (`config view --minify` reads the merged kubeconfig offline); the user's files stay
 * byte for byte as they were.
 */
const VIEW = [
  'kubectl config current-context',
  'kubectl config view --minify -o jsonpath=\'{.contexts[0].context.namespace}{"|"}{.clusters[0].cluster.server}{"\\n"}\'',
  'echo "ns=${ILLMLAB_NAMESPACE:-unset}"',
].join('\n');

function kubeconfigFile(body: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'illmlab-ns-')), 'config');
  writeFileSync(file, body.join('\n') + '\n');
  return file;
}

function userConfig(): string {
  return kubeconfigFile([
    'apiVersion: v1',
    'kind: Config',
    'current-context: kind-lab',
    'clusters:',
    '- {name: kind-lab, cluster: {server: "https://127.0.0.1:6443"}}',
    '- {name: prod, cluster: {server: "https://prod.example:6443"}}',
    'users:',
    '- {name: kind-lab, user: {token: lab-token}}',
    '- {name: prod, user: {token: prod-token}}',
    'contexts:',
    '- {name: kind-lab, context: {cluster: kind-lab, user: kind-lab}}',
    '- {name: prod, context: {cluster: prod, user: prod, namespace: payments}}',
  ]);
}

async function view(kube: Parameters<typeof newSession>[0]) {
  const session = newSession(kube);
  try {
    return await runCell(session, cell(VIEW));
  } finally {
    await session.dispose();
  }
}

describe('kube: the namespace chosen for lab cells', () => {
  it('reaches kubectl as the current context’s namespace; the kubeconfig file is untouched', async () => {
    const kubeconfig = userConfig();
    const before = readFileSync(kubeconfig);
    const ran = await view({ baseEnv: { ...process.env, KUBECONFIG: kubeconfig }, kube: { namespace: 'lab-x' } });
    assert.equal(ran.result.status, 'ok', ran.stderr);
    assert.equal(ran.stdout, 'kind-lab\nlab-x|https://127.0.0.1:6443\nns=lab-x\n');
    assert.deepEqual(readFileSync(kubeconfig), before);
  });

  it('with a context chosen too, goes on that context (its cluster and user kept)', async () => {
    const kubeconfig = userConfig();
    const ran = await view({
      baseEnv: process.env,
      kube: { kubeconfig, context: 'prod', namespace: 'lab-y' },
    });
    assert.equal(ran.result.status, 'ok', ran.stderr);
    assert.equal(ran.stdout, 'prod\nlab-y|https://prod.example:6443\nns=lab-y\n');
  });

  it('without one, cells get the context’s own namespace and no ILLMLAB_NAMESPACE', async () => {
    const kubeconfig = userConfig();
    const ran = await view({ baseEnv: process.env, kube: { kubeconfig, context: 'prod' } });
    assert.equal(ran.stdout, 'prod\npayments|https://prod.example:6443\nns=unset\n');
  });

  it('a choice made while the lab is open applies to the next cell, over what cells exported', async () => {
    const kubeconfig = userConfig();
    const session = newSession({ baseEnv: { ...process.env, KUBECONFIG: kubeconfig }, kube: { namespace: 'first' } });
    try {
      assert.match((await runCell(session, cell(VIEW))).stdout, /\nfirst\|/);
      await runCell(session, cell('export ILLMLAB_NAMESPACE=from-a-cell'));
      session.setKube({ context: 'prod', namespace: 'second' });
      assert.equal((await runCell(session, cell(VIEW))).stdout, 'prod\nsecond|https://prod.example:6443\nns=second\n');
      session.setKube({});
      assert.equal(
        (await runCell(session, cell(VIEW))).stdout,
        'kind-lab\n|https://127.0.0.1:6443\nns=unset\n',
        'back to the kubeconfig as it is',
      );
    } finally {
      await session.dispose();
    }
  });

  it('a namespace that cannot be applied fails the cell, saying why, and runs nothing', async () => {
    const marker = join(mkdtempSync(join(tmpdir(), 'illmlab-ns-')), 'ran');
    const missing = newSession({
      baseEnv: process.env,
      kube: { kubeconfig: '/nonexistent/kubeconfig', namespace: 'lab-x' },
    });
    const ran = await runCell(missing, cell(`touch ${marker}`));
    await missing.dispose();
    assert.equal(ran.result.status, 'failed');
    assert.match(
      ran.result.error!,
      /the namespace "lab-x" is chosen for lab cells, but cannot read the kubeconfig \/nonexistent\/kubeconfig/,
    );
    assert.throws(() => readFileSync(marker), 'the cell did not run');

    const unknown = newSession({
      baseEnv: process.env,
      kube: { kubeconfig: userConfig(), context: 'gone', namespace: 'lab-x' },
    });
    const ran2 = await runCell(unknown, cell('true'));
    await unknown.dispose();
    assert.match(ran2.result.error!, /but the kubeconfig has no context "gone"/);

    const invalid = newSession({ baseEnv: process.env, kube: { kubeconfig: userConfig(), namespace: 'Not_Valid' } });
    const ran3 = await runCell(invalid, cell('true'));
    await invalid.dispose();
    assert.match(ran3.result.error!, /"Not_Valid" is chosen for lab cells, but it is not a namespace name/);
  });

  it('reads several kubeconfig files as kubectl does: the first to name an entry or set current-context wins', async () => {
    const first = kubeconfigFile([
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{name: dup, cluster: {server: "https://first:6443"}}]',
      'users: [{name: u, user: {token: t}}]',
      'contexts: [{name: dup, context: {cluster: dup, user: u}}]',
    ]);
    const second = kubeconfigFile([
      'apiVersion: v1',
      'kind: Config',
      'current-context: dup',
      'clusters: [{name: dup, cluster: {server: "https://second:6443"}}, {name: more, cluster: {server: "https://more:6443"}}]',
      'users: [{name: u, user: {token: t2}}]',
      'contexts: [{name: dup, context: {cluster: more, user: u}}]',
    ]);
    const KUBECONFIG = `${first}:${second}`;
    const { kc } = await loadKubeConfig({}, { KUBECONFIG });
    assert.equal(kc.getCurrentContext(), 'dup');
    assert.equal(kc.getContextObject('dup')?.cluster, 'dup');
    assert.equal(kc.getCluster('dup')?.server, 'https://first:6443');
    assert.equal(kc.getCluster('more')?.server, 'https://more:6443');
    // kubectl agrees, and so does the overlay built on it.
    const ran = await view({ baseEnv: { ...process.env, KUBECONFIG }, kube: { namespace: 'lab-z' } });
    assert.equal(ran.stdout, 'dup\nlab-z|https://first:6443\nns=lab-z\n');
  });
});
