import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCluster, contextMatches, readKubeContexts } from '../../../src/kernels/kube/kubeContext';
import { runLab } from '../../../src/kernels/labRunner';
import { isAlive } from '../../../src/kernels/processTree';
import { createExecutors } from '../../../src/kernels/registry';
import { parseLab } from '../../../src/notebook/format';
import { newSession, pidsIn } from '../../support/shell';

/** A kubeconfig with two contexts and no reachable server: the guard only reads it. */
function writeKubeconfig(dir: string, current: string): string {
  const path = join(dir, 'kubeconfig');
  const context = (name: string) => `- name: ${name}\n  context: {cluster: ${name}, user: ${name}}\n`;
  const cluster = (name: string) => `- name: ${name}\n  cluster: {server: "https://127.0.0.1:1"}\n`;
  const user = (name: string) => `- name: ${name}\n  user: {token: "t-${name}"}\n`;
  writeFileSync(
    path,
    `apiVersion: v1\nkind: Config\ncurrent-context: ${current}\n` +
      `contexts:\n${context('kind-lab')}${context('prod-eu')}` +
      `clusters:\n${cluster('kind-lab')}${cluster('prod-eu')}` +
      `users:\n${user('kind-lab')}${user('prod-eu')}`,
  );
  return path;
}

describe('kernels: running a lab', function () {
  this.timeout(20_000);

  it('stops at the first failure and skips the rest, saying why; keepGoing runs them', async () => {
    const doc = parseLab(
      '```sh {id=a}\necho a\n```\n\n```sh {id=b}\nexit 4\n```\n\n```sh {id=c}\necho c\n```\n\n```vega-lite {id=q}\n{}\n```\n',
    );
    for (const keepGoing of [false, true]) {
      const session = newSession();
      const runs = await runLab(doc.cells, { session, executors: createExecutors(), keepGoing });
      await session.dispose();
      assert.deepEqual(
        runs.map((r) => [r.cell.id, r.result.status]),
        [
          ['a', 'ok'],
          ['b', 'failed'],
          ['c', keepGoing ? 'ok' : 'skipped'],
          ['q', 'skipped'],
        ],
      );
      assert.match(runs[3].result.error!, keepGoing ? /cannot run vega-lite cells yet/ : /an earlier cell failed/);
    }
  });

  it('runs background cells alongside the others and stops them, whole tree, when the run ends', async () => {
    const doc = parseLab(
      '```sh {id=forward background}\necho "pid $$"; sleep 1000 & echo "pid $!"; while true; do echo tick; sleep 0.1; done\n```\n\n' +
        '```sh {id=after}\nsleep 0.5; echo after\n```\n',
    );
    const session = newSession();
    const runs = await runLab(doc.cells, { session, executors: createExecutors() });
    await session.dispose();
    const bg = runs.find((r) => r.cell.id === 'forward')!;
    assert.equal(bg.result.status, 'ok');
    assert.match(bg.stdout, /tick\ntick/);
    assert.equal(runs.find((r) => r.cell.id === 'after')!.stdout, 'after\n');
    assert.deepEqual(pidsIn(bg.stdout).filter(isAlive), []);
  });

  it('refuses to run a lab pinned to another cluster, and runs it once the context matches', async () => {
    const session0 = newSession();
    const kubeconfig = writeKubeconfig(mkdtempSync(join(tmpdir(), 'illmlab-kube-')), 'prod-eu');
    assert.deepEqual(await readKubeContexts({ kubeconfig }), { current: 'prod-eu', contexts: ['kind-lab', 'prod-eu'] });
    assert.ok(contextMatches('kind-*', 'kind-lab'));
    assert.ok(!contextMatches('kind-*', 'prod-eu'));

    const mismatch = await checkCluster('kind-*', { kubeconfig });
    assert.equal(mismatch.ok, false);
    assert.match(!mismatch.ok ? mismatch.message : '', /cluster "kind-\*", but the kube context is "prod-eu"/);

    const doc = parseLab('```sh {id=ctx}\nkubectl config current-context\n```\n');
    const refused = await runLab(doc.cells, {
      session: session0,
      executors: createExecutors(),
      checkCluster: () => checkCluster('kind-*', { kubeconfig }),
    });
    await session0.dispose();
    assert.equal(refused[0].result.status, 'failed');
    assert.match(refused[0].result.error!, /kube context is "prod-eu"/);

    // With the context chosen (setting or --context), cells see it; the kubeconfig is untouched.
    const session = newSession({ baseEnv: { ...process.env, KUBECONFIG: kubeconfig }, kube: { context: 'kind-lab' } });
    const ran = await runLab(doc.cells, {
      session,
      executors: createExecutors(),
      checkCluster: () => checkCluster('kind-*', { context: 'kind-lab', kubeconfig }),
    });
    await session.dispose();
    assert.equal(ran[0].result.status, 'ok', ran[0].stderr);
    assert.equal(ran[0].stdout, 'kind-lab\n');
    assert.equal(
      (await readKubeContexts({ kubeconfig })).current,
      'prod-eu',
      'the user’s current-context is left alone',
    );
  });

  it('an unreadable kubeconfig counts as a mismatch for a pinned lab', async () => {
    const check = await checkCluster('minikube', { kubeconfig: '/nonexistent/kubeconfig' });
    assert.equal(check.ok, false);
    assert.match(!check.ok ? check.message : '', /could not be read/);
  });
});
