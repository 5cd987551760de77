// Runs inside code-server's extension host. Each check uses the real vscode API against the
// installed illmlab extension; results go to $ILLMLAB_HARNESS_OUT for the e2e test to assert.
const vscode = require('vscode');
const fs = require('fs');
const path = require('path');

const checks = [];
const check = (name, fn) => checks.push({ name, fn });

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

async function waitFor(fn, what, ms = 20000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function labUri(name) {
  return vscode.Uri.file(path.join(process.env.ILLMLAB_HARNESS_WORKSPACE, name));
}

function outputText(cell) {
  const decoder = new TextDecoder();
  return cell.outputs
    .flatMap((o) => o.items)
    .map((i) =>
      i.mime === 'application/vnd.code.notebook.error'
        ? JSON.parse(decoder.decode(i.data)).message
        : decoder.decode(i.data),
    )
    .join('');
}

check('opens a .illmlab file as an illmlab notebook with its cells', async () => {
  const nb = await vscode.workspace.openNotebookDocument(labUri('harness.illmlab'));
  assert(nb.notebookType === 'illmlab', `notebook type ${nb.notebookType}`);
  const kinds = nb.getCells().map((c) => `${c.kind === 1 ? 'md' : 'code'}:${c.document.languageId}`);
  assert(
    JSON.stringify(kinds) ===
      JSON.stringify([
        'md:markdown',
        'code:shellscript',
        'code:shellscript',
        'code:promql',
        'md:markdown',
        'code:shellscript',
      ]),
    `cells ${kinds.join(', ')}`,
  );
  const meta = nb.cellAt(1).metadata.illmlab;
  assert(
    meta && meta.attributes.id === 'greet' && meta.attributes.timeout === '30',
    `cell metadata ${JSON.stringify(meta && meta.attributes)}`,
  );
  assert(nb.metadata.illmlab.frontMatter.data.id === 'harness', 'front matter in notebook metadata');
});

check('saves an unchanged notebook byte for byte (CRLF file)', async () => {
  const uri = labUri('crlf.illmlab');
  const before = fs.readFileSync(uri.fsPath);
  const nb = await vscode.workspace.openNotebookDocument(uri);
  // An edit and its undo make the notebook dirty with unchanged content, so save really writes.
  const edit = new vscode.WorkspaceEdit();
  edit.set(uri, [vscode.NotebookEdit.updateNotebookMetadata({ ...nb.metadata, touched: true })]);
  await vscode.workspace.applyEdit(edit);
  const undo = new vscode.WorkspaceEdit();
  const { touched: _t, ...meta } = nb.metadata;
  undo.set(uri, [vscode.NotebookEdit.updateNotebookMetadata(meta)]);
  await vscode.workspace.applyEdit(undo);
  await nb.save();
  const after = fs.readFileSync(uri.fsPath);
  assert(Buffer.compare(before, after) === 0, `bytes changed:\n${JSON.stringify(after.toString())}`);
});

check('an edit through VS Code changes only that cell’s bytes', async () => {
  const uri = labUri('edit.illmlab');
  const before = fs.readFileSync(uri.fsPath, 'utf8');
  const nb = await vscode.workspace.openNotebookDocument(uri);
  const cell = nb.cellAt(1);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(cell.document.uri, new vscode.Range(0, 0, cell.document.lineCount, 0), 'echo edited');
  await vscode.workspace.applyEdit(edit);
  await nb.save();
  const after = fs.readFileSync(uri.fsPath, 'utf8');
  const expected = before.replace('echo original', 'echo edited');
  assert(after === expected, `file after edit:\n${after}`);
});

check('a cell added through VS Code is written with its fence and read back', async () => {
  const uri = labUri('edit.illmlab');
  const nb = await vscode.workspace.openNotebookDocument(uri);
  const cellData = new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'echo "```"\necho added', 'shellscript');
  const edit = new vscode.WorkspaceEdit();
  edit.set(uri, [vscode.NotebookEdit.insertCells(nb.cellCount, [cellData])]);
  await vscode.workspace.applyEdit(edit);
  await nb.save();
  const after = fs.readFileSync(uri.fsPath, 'utf8');
  assert(after.endsWith('\n\n```sh\necho "```"\necho added\n```\n'), `file after insert:\n${after}`);
});

check('the ILLM Lab controller runs cells: outputs, state across cells, failure with exit code', async () => {
  const uri = labUri('harness.illmlab');
  const nb = await vscode.workspace.openNotebookDocument(uri);
  await vscode.window.showNotebookDocument(nb);
  await vscode.commands.executeCommand('notebook.execute', uri);
  const greet = nb.cellAt(1);
  const fails = nb.cellAt(2);
  const last = nb.cellAt(5);
  await waitFor(() => fails.executionSummary && fails.executionSummary.success === false, 'the failing cell to end');
  assert(greet.executionSummary.success === true, 'first cell succeeded');
  assert(outputText(greet).includes('hello from the harness, token=••••••'), `first cell output: ${outputText(greet)}`);
  const failText = outputText(fails);
  assert(/exited with code 4/.test(failText), `failing cell output: ${failText}`);
  await new Promise((r) => setTimeout(r, 1000));
  assert(!last.executionSummary || last.executionSummary.success === undefined, 'Run All stopped before the last cell');
  assert(last.outputs.length === 0, 'the last cell has no output');
});

/** Activation time of an extension that is not active yet, as VS Code loads and activates it. */
async function timeActivation(id) {
  const ext = vscode.extensions.getExtension(id);
  if (!ext || ext.isActive) return undefined;
  const start = performance.now();
  await ext.activate();
  return performance.now() - start;
}

check('a background cell streams while Run All goes on, and stopping the cell ends its process tree', async () => {
  const uri = labUri('background.illmlab');
  const nb = await vscode.workspace.openNotebookDocument(uri);
  await vscode.window.showNotebookDocument(nb);
  await vscode.commands.executeCommand('notebook.execute', uri);
  const forward = nb.cellAt(0);
  const after = nb.cellAt(1);
  await waitFor(
    () => after.executionSummary && after.executionSummary.success === true,
    'the cell after the background cell to run',
  );
  assert(outputText(after).includes('ran while the background cell runs'), `after: ${outputText(after)}`);
  const text = await waitFor(
    () => (/tick\ntick/.test(outputText(forward)) ? outputText(forward) : undefined),
    'ticks from the background cell',
  );
  const pid = Number(/pid (\d+)/.exec(text)[1]);
  const alive = (p) => {
    try {
      process.kill(p, 0);
      return true;
    } catch {
      return false;
    }
  };
  assert(alive(pid), 'the background cell runs');
  await vscode.commands.executeCommand('notebook.cell.cancelExecution', {
    ranges: [{ start: 0, end: 1 }],
    document: uri,
  });
  await waitFor(() => !alive(pid), 'the background cell to stop when cancelled', 5000);
  await waitFor(
    () => forward.executionSummary && forward.executionSummary.success !== undefined,
    'the background cell to end',
  );
});

check(
  'a verify cell that succeeds ticks its task in the notebook; a failed one leaves its task and says why',
  async () => {
    const uri = labUri('verify.illmlab');
    const nb = await vscode.workspace.openNotebookDocument(uri);
    await vscode.window.showNotebookDocument(nb);
    await vscode.commands.executeCommand('notebook.execute', uri);
    const fails = nb.cellAt(2);
    await waitFor(
      () => fails.executionSummary && fails.executionSummary.success === false,
      'the failing verify cell to end',
    );
    const tasks = await waitFor(
      () => (nb.cellAt(0).document.getText().includes('- [x] Greet') ? nb.cellAt(0).document.getText() : undefined),
      'the verified task to be ticked',
    );
    assert(tasks.includes('- [ ] Never verified'), `the failed cell's task changed: ${tasks}`);
    assert(/stays unticked: this cell failed/.test(outputText(fails)), `failing cell output: ${outputText(fails)}`);
    assert(nb.isDirty, 'the tick is an edit of the open notebook (unsaved)');
  },
);

check('a namespace picked for lab cells (illmlab.namespace) reaches kubectl from the next cell on', async () => {
  const uri = labUri('namespace.illmlab');
  const kubeconfig = fs.readFileSync(process.env.KUBECONFIG);
  const nb = await vscode.workspace.openNotebookDocument(uri);
  await vscode.window.showNotebookDocument(nb);
  const cell = nb.cellAt(0);
  const run = async () => {
    const before = cell.executionSummary && cell.executionSummary.executionOrder;
    await vscode.commands.executeCommand('notebook.execute', uri);
    await waitFor(
      () =>
        cell.executionSummary &&
        cell.executionSummary.executionOrder !== before &&
        cell.executionSummary.success !== undefined,
      'the cell to run',
    );
    return outputText(cell);
  };
  const settings = () => vscode.workspace.getConfiguration('illmlab');
  try {
    await settings().update('namespace', 'lab-one', vscode.ConfigurationTarget.Workspace);
    let out = await run(); // the session starts with the setting
    assert(out === 'lab/lab-one', `with lab-one: ${out}`);
    await settings().update('namespace', 'lab-two', vscode.ConfigurationTarget.Workspace);
    out = await run(); // the open session takes the new choice
    assert(out === 'lab/lab-two', `with lab-two: ${out}`);
    await settings().update('namespace', undefined, vscode.ConfigurationTarget.Workspace);
    out = await run();
    assert(out === 'lab/own-namespace', `without the setting: ${out}`);
    assert(Buffer.compare(kubeconfig, fs.readFileSync(process.env.KUBECONFIG)) === 0, 'the kubeconfig changed');
  } finally {
    await settings().update('namespace', undefined, vscode.ConfigurationTarget.Workspace);
  }
});

async function main() {
  const out = process.env.ILLMLAB_HARNESS_OUT;
  if (!out) return; // installed somewhere else by mistake: do nothing
  // Measured first, before any check opens a lab and activates illmlab on its own.
  const activation = {
    baselineMs: await timeActivation('illmlab-tests.illmlab-baseline'),
    illmlabMs: await timeActivation('illmlab.illmlab'),
  };
  const results = [];
  for (const { name, fn } of checks) {
    try {
      await fn();
      results.push({ name, passed: true });
    } catch (e) {
      results.push({ name, passed: false, error: String((e && e.stack) || e) });
    }
  }
  fs.writeFileSync(out, JSON.stringify({ activation, results }, null, 2));
}

exports.activate = () => {
  void main();
};
exports.deactivate = () => {};
