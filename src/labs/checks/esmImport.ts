/**
 * A native dynamic import(), hidden from both tsc (which would turn import() into require())
 * and esbuild (which would try to bundle the target). For ESM-only packages that need their
 * own files at run time (kubernetes-models loads a .wasm), loaded from node_modules as is.
 */
export const esmImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;
