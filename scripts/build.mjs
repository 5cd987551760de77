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

// vega (about 1.2 MB) renders k6 charts to SVG for `illmlab k6 report --chart`: loaded only then.
const lazyChartSvg = {
  name: 'lazy-chart-svg',
  setup(b) {
    b.onResolve({ filter: /\/chartSvg$/ }, () => ({ path: './chart-svg.js', external: true }));
  },
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    plugins: [lazyKubeClient, lazyChartSvg],
  }),
  build({
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [lazyKubeClient, lazyChartSvg],
  }),
  build({ ...common, entryPoints: ['src/kernels/kube/clientNode.ts'], outfile: 'dist/kube.js' }),
  build({ ...common, entryPoints: ['src/kernels/k6/chartSvg.ts'], outfile: 'dist/chart-svg.js' }),
  // The notebook renderer: a browser bundle with vega inside, loaded only when a chart is shown.
  build({
    entryPoints: ['src/notebook/renderer/chartRenderer.ts'],
    outfile: 'dist/renderer.js',
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: production,
    sourcemap: production ? false : 'linked',
    logLevel: 'warning',
    legalComments: 'none',
  }),
]);
