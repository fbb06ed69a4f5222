import { build } from 'esbuild';

/** Imports a TypeScript module by bundling it in memory (Node 20 cannot import .ts itself). */
export async function importTs(entry) {
  const bundle = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'error',
  });
  const code = bundle.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}
