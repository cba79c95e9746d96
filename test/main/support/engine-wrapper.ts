import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { enginePath } from '../../../src-main/engine/locate'
import { tempDir } from './temp'

/**
 * The engine behind a shell script: `before` (sh) runs first with the subcommand in $1 and the job's
 * working directory as $PWD, then the real engine takes over (exec). Tests use it to slow chosen
 * jobs down so a cancel or a pause finds them running, or to make jobs end in a chosen order.
 */
export function wrappedEngine(before: string): string {
  const wrapper = join(tempDir(), 'mtp-engine')
  writeFileSync(wrapper, `#!/bin/sh\n${before}\nexec '${enginePath()}' "$@"\n`)
  chmodSync(wrapper, 0o755)
  return wrapper
}
