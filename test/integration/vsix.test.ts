import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { repoRoot } from '../support/paths';

const vsixPath = join(repoRoot, 'dist', 'illmlab.vsix');

/** Entries of the packaged extension, read from the zip itself (built by `npm run package`). */
function entries(): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(vsixPath, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const out = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.readEntry();
    });
  });
}

/** What .vscodeignore allows, restated independently: a file outside this list is a leak. */
const ALLOWED = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/(package\.json|readme\.md|LICENSE\.txt|changelog\.md)$/i,
  /^extension\/dist\/(extension|cli|kube|renderer|chart-svg)\.js$/,
  /^extension\/syntaxes\/[a-z]+\.(tmLanguage|language-configuration)\.json$/,
  /^extension\/media\/[\w./-]+\.(svg|png|md)$/,
  /^extension\/Taskfile\.yml$/,
  /^extension\/labs\/\d\d-[a-z-]+\/\d\d-[a-z0-9-]+\.illmlab$/,
  /^extension\/manifests\/.+$/,
  /^extension\/images\/[a-z0-9-]+\/(Dockerfile|\.dockerignore|README\.md|package(-lock)?\.json|src\/.+)$/,
];

describe('packaging: the .vsix', function () {
  before(function () {
    assert.ok(existsSync(vsixPath), `${vsixPath} is missing: run npm run package first`);
  });

  it('contains only what the allow-list names', async () => {
    const names = [...(await entries()).keys()];
    const leaks = names.filter((n) => !ALLOWED.some((re) => re.test(n)));
    assert.deepEqual(leaks, []);
    assert.ok(
      !names.some((n) => /node_modules|\.map$|\.ts$|\/test\//.test(n)),
      'no sources, maps, tests or node_modules',
    );
  });

  it('contains the bundles, the grammars its manifest names, and every lab', async () => {
    const files = await entries();
    const manifest = JSON.parse(files.get('extension/package.json')!.toString('utf8')) as {
      main: string;
      bin: Record<string, string>;
      contributes: { grammars: Array<{ path: string }>; languages: Array<{ configuration: string }> };
    };
    const inPackage = (p: string) => files.has(join('extension', p));
    assert.ok(inPackage(manifest.main), manifest.main);
    assert.ok(inPackage(manifest.bin.illmlab), manifest.bin.illmlab);
    for (const g of manifest.contributes.grammars) assert.ok(inPackage(g.path), g.path);
    for (const l of manifest.contributes.languages) assert.ok(inPackage(l.configuration), l.configuration);
    const labsOnDisk = readdirSync(join(repoRoot, 'labs'), { recursive: true }).filter((f) =>
      String(f).endsWith('.illmlab'),
    );
    const labsInVsix = [...files.keys()].filter((n) => n.endsWith('.illmlab'));
    assert.equal(labsInVsix.length, labsOnDisk.length);
  });

  it('ships a CLI bundle that runs on its own, without node_modules', async () => {
    const cli = (await entries()).get('extension/dist/cli.js')!.toString('utf8');
    assert.ok(cli.startsWith('#!/usr/bin/env node'));
    assert.doesNotMatch(cli, /require\(["'](markdown-it|yaml|ajv)["']\)/, 'dependencies are bundled');
  });
});
