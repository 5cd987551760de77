import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyCurriculum } from '../../../src/labs/curriculumCopy';

/** "Start the Curriculum": what lands in the user's folder, and what is never touched there. */
function shippedFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'illmlab-shipped-'));
  mkdirSync(join(dir, 'labs', '01-basics'), { recursive: true });
  writeFileSync(join(dir, 'labs', '01-basics', '01-first.illmlab'), '---\nid: first\n---\n');
  mkdirSync(join(dir, 'manifests', 'first'), { recursive: true });
  writeFileSync(join(dir, 'manifests', 'first', 'app.yaml'), 'kind: Deployment\n');
  mkdirSync(join(dir, 'images', 'app', 'node_modules', 'dep'), { recursive: true });
  writeFileSync(join(dir, 'images', 'app', 'server.js'), '// app\n');
  writeFileSync(join(dir, 'images', 'app', 'node_modules', 'dep', 'index.js'), '// dep\n');
  writeFileSync(join(dir, 'Taskfile.yml'), 'version: "3"\n');
  writeFileSync(join(dir, 'package.json'), '{}\n'); // the extension's own files stay behind
  return dir;
}

describe('labs: copying the curriculum into the user’s folder', () => {
  it('copies labs, manifests, images (without node_modules) and the Taskfile, nothing else', () => {
    const to = mkdtempSync(join(tmpdir(), 'illmlab-mine-'));
    assert.equal(copyCurriculum(shippedFolder(), to), 'copied');
    assert.ok(existsSync(join(to, 'labs', '01-basics', '01-first.illmlab')));
    assert.ok(existsSync(join(to, 'manifests', 'first', 'app.yaml')));
    assert.ok(existsSync(join(to, 'images', 'app', 'server.js')));
    assert.ok(!existsSync(join(to, 'images', 'app', 'node_modules')), 'node_modules are not the curriculum');
    assert.ok(existsSync(join(to, 'Taskfile.yml')));
    assert.ok(!existsSync(join(to, 'package.json')));
  });

  it('never overwrites a file the folder already has', () => {
    const to = mkdtempSync(join(tmpdir(), 'illmlab-mine-'));
    mkdirSync(join(to, 'manifests', 'first'), { recursive: true });
    writeFileSync(join(to, 'manifests', 'first', 'app.yaml'), 'mine\n');
    writeFileSync(join(to, 'Taskfile.yml'), 'mine too\n');
    assert.equal(copyCurriculum(shippedFolder(), to), 'copied');
    assert.equal(readFileSync(join(to, 'manifests', 'first', 'app.yaml'), 'utf8'), 'mine\n');
    assert.equal(readFileSync(join(to, 'Taskfile.yml'), 'utf8'), 'mine too\n');
    assert.ok(existsSync(join(to, 'labs', '01-basics', '01-first.illmlab')), 'the rest is copied');
  });

  it('uses a folder that already holds labs as it is: nothing is copied into it', () => {
    const to = mkdtempSync(join(tmpdir(), 'illmlab-mine-'));
    mkdirSync(join(to, 'labs', '03-mine'), { recursive: true });
    writeFileSync(join(to, 'labs', '03-mine', '01-mine.illmlab'), '---\nid: mine\n---\n');
    assert.equal(copyCurriculum(shippedFolder(), to), 'existing');
    assert.ok(!existsSync(join(to, 'labs', '01-basics')));
    assert.ok(!existsSync(join(to, 'manifests')));
    assert.ok(!existsSync(join(to, 'Taskfile.yml')));
  });
});
