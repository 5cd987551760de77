import * as assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import { isAlive } from '../../../src/kernels/processTree';
import { cell, newSession, pidsIn, runCell } from '../../support/shell';

describe('kernels: shell executor (real bash)', function () {
  this.timeout(20_000);

  it('starts in the lab folder and carries exports, unsets and cd from cell to cell', async () => {
    const session = newSession({
      labEnv: { FROM_LAB: 'lab' },
      settingsEnv: { FROM_LAB: 'settings', FROM_SETTINGS: 'yes' },
    });
    try {
      const first = await runCell(session, cell('pwd; export A=1 B="two words"; mkdir -p sub; cd sub'));
      assert.equal(first.result.status, 'ok');
      assert.equal(realpathSync(first.stdout.trim()), realpathSync(session.options.labDir));
      const second = await runCell(session, cell('echo "$A|$B|$(basename "$PWD")|$FROM_LAB|$FROM_SETTINGS"; unset A'));
      assert.equal(second.stdout, '1|two words|sub|lab|yes\n');
      const third = await runCell(session, cell('echo "${A-unset}|$B"'));
      assert.equal(third.stdout, 'unset|two words\n');
    } finally {
      await session.dispose();
    }
  });

  it('keeps state a failing cell exported before it failed, and says the exit code', async () => {
    const session = newSession();
    try {
      const failed = await runCell(session, cell('export KEPT=yes\nfalse\necho not reached'));
      assert.equal(failed.result.status, 'failed');
      assert.equal(failed.result.exitCode, 1);
      assert.match(failed.result.error!, /exited with code 1/);
      assert.equal(failed.stdout, '', '-e stops at the first failing command');
      assert.equal((await runCell(session, cell('exit 3'))).result.exitCode, 3);
      assert.equal((await runCell(session, cell('echo $KEPT'))).stdout, 'yes\n');
    } finally {
      await session.dispose();
    }
  });

  it('streams output as it comes, stdout and stderr apart, ANSI colours kept', async () => {
    const session = newSession();
    try {
      const ran = await runCell(session, cell(`printf '\\033[31mred\\033[0m\\n'; echo oops >&2; sleep 0.6; echo late`));
      const red = ran.events.find((e) => e.kind === 'stdout' && e.text.includes('red'))!;
      const end = ran.events.find((e) => e.kind === 'end')!;
      assert.ok(end.at - red.at >= 500, `first output came ${end.at - red.at} ms before the end, not streamed`);
      assert.ok(ran.stdout.includes('\u001b[31mred\u001b[0m'));
      assert.equal(ran.stderr, 'oops\n');
    } finally {
      await session.dispose();
    }
  });

  it('closes stdin: a command that reads input ends instead of hanging', async () => {
    const session = newSession();
    try {
      const ran = await runCell(session, cell('cat; echo "cat saw end of input"'));
      assert.equal(ran.stdout, 'cat saw end of input\n');
    } finally {
      await session.dispose();
    }
  });

  it('passes 10 MB of output through whole', async () => {
    const session = newSession();
    try {
      const ran = await runCell(session, cell(`head -c 10000000 /dev/zero | tr '\\0' x; echo`));
      assert.equal(ran.result.status, 'ok');
      assert.equal(ran.stdout.length, 10_000_001);
    } finally {
      await session.dispose();
    }
  });

  it('timeout ends the whole process tree within 2 s, children and grandchildren', async () => {
    const session = newSession();
    try {
      const source =
        'echo "pid $$"; sleep 1000 & echo "pid $!"; (sleep 1000 & echo "pid $!"; wait) & setsid sleep 1000 & echo "pid $!"; sleep 1000; wait';
      const ran = await runCell(session, cell(source, { timeout: '1' }));
      assert.equal(ran.result.status, 'timeout');
      assert.match(ran.result.error!, /timed out after 1s/);
      assert.ok(ran.result.durationMs < 3000, `took ${ran.result.durationMs} ms`);
      const pids = pidsIn(ran.stdout);
      assert.equal(pids.length, 4);
      assert.deepEqual(pids.filter(isAlive), [], 'processes left running');
    } finally {
      await session.dispose();
    }
  });

  it('cancel ends the whole process tree within 2 s and says cancelled', async () => {
    const session = newSession();
    try {
      const abort = new AbortController();
      setTimeout(() => abort.abort(), 500);
      const ran = await runCell(
        session,
        cell('sleep 1000 & echo "pid $!"; sleep 1000 & echo "pid $!"; wait'),
        abort.signal,
      );
      assert.equal(ran.result.status, 'cancelled');
      assert.ok(ran.result.durationMs < 2500, `took ${ran.result.durationMs} ms`);
      assert.deepEqual(pidsIn(ran.stdout).filter(isAlive), []);
    } finally {
      await session.dispose();
    }
  });

  it('a cell that leaves a process behind ends with it, instead of hanging on the open pipe', async () => {
    const session = newSession();
    try {
      const ran = await runCell(session, cell('sleep 1000 & echo "pid $!"'));
      assert.equal(ran.result.status, 'ok');
      assert.ok(ran.result.durationMs < 2500);
      await new Promise((r) => setTimeout(r, 1200));
      assert.deepEqual(pidsIn(ran.stdout).filter(isAlive), []);
    } finally {
      await session.dispose();
    }
  });

  it('masks secrets from the lab env and from exports of earlier cells, even split across chunks', async () => {
    const session = newSession({ labEnv: { API_TOKEN: 'tok-123456' } });
    try {
      await runCell(session, cell('export DB_PASSWORD=hunter2hunter2'));
      const ran = await runCell(
        session,
        cell(`echo "$API_TOKEN"; printf 'hunter2'; sleep 0.2; printf 'hunter2\\n'; echo "$DB_PASSWORD" >&2`),
      );
      assert.equal(ran.stdout, '••••••\n••••••\n');
      assert.equal(ran.stderr, '••••••\n');
    } finally {
      await session.dispose();
    }
  });

  it('runs kubectl, client side', async () => {
    const session = newSession();
    try {
      const ran = await runCell(session, cell('kubectl version --client'));
      assert.equal(ran.result.status, 'ok', ran.stderr);
      assert.match(ran.stdout, /Client Version: v1\./);
    } finally {
      await session.dispose();
    }
  });
});
