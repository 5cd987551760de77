// The one door to @kubernetes/client-node. It is ESM-only and about 1.5 MB bundled, so the
// build makes this file its own bundle (dist/kube.js), loaded on first use, never at activation.
export { KubeConfig } from '@kubernetes/client-node';
