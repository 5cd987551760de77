// Bundles the extension host code, the CLI, and the Kubernetes client with esbuild (DESIGN.md).
import { build } from 'esbuild';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

// @kubernetes/client-node is ~1.5 MB bundled: it gets its own file, required on first use,
// so activating the extension or starting the CLI does not load it.
const lazyKubeClient = {
  name: 'lazy-kube-client',
  setup(b) {
    b.onResolve({ filter: /\/clientNode$/ }, () => ({ path: './kube.js', external: true }));
  },
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    plugins: [lazyKubeClient],
  }),
  build({
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [lazyKubeClient],
  }),
  build({ ...common, entryPoints: ['src/kernels/kube/clientNode.ts'], outfile: 'dist/kube.js' }),
]);
