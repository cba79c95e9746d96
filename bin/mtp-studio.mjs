#!/usr/bin/env node
// The mtp-studio command. The core is TypeScript run through tsx's loader, so there is no build
// step to forget and no stale output to run.
const [major, minor] = process.versions.node.split('.').map(Number)
if (major < 20 || (major === 20 && minor < 6)) {
  process.stderr.write(`mtp-studio needs Node.js 20.6 or newer (this is ${process.versions.node}).\n`)
  process.exit(1)
}
// `npm run cli -- …` runs in the package root; take relative paths from where the user typed it.
if (process.env.npm_lifecycle_event === 'cli' && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD)
const { register } = await import('tsx/esm/api')
// The repository's tsconfig, whatever the working directory is.
register({ tsconfig: new URL('../tsconfig.json', import.meta.url).pathname })
const { main } = await import('../src-main/cli/main.ts')
await main()
