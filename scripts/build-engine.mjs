// Builds the native engine with CMake (native/ → native/build/mtp-engine); with --test also runs
// ctest. Missing system tools are reported with the Debian/Ubuntu package that provides them.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { capture, commandExists, repoRoot, run } from './lib.mjs'

const buildDir = join(repoRoot, 'native', 'build')
const jobs = process.env.MTP_BUILD_JOBS || '2'

const EIGEN_HEADER_DIRS = ['/usr/include/eigen3', '/usr/local/include/eigen3', '/opt/homebrew/include/eigen3', '/usr/local/opt/eigen/include/eigen3']

/** Returns human-readable problems with the build tools, each naming the package to install. */
export function missingTools() {
  const problems = []
  if (!commandExists('cmake')) problems.push('cmake is not installed — install it with: sudo apt-get install cmake')
  const cxx = process.env.CXX
  if (cxx ? !commandExists(cxx) : !['c++', 'g++', 'clang++'].some(commandExists)) {
    problems.push(`no C++ compiler found${cxx ? ` (CXX=${cxx})` : ''} — install one with: sudo apt-get install g++`)
  }
  if (!process.env.Eigen3_DIR && !EIGEN_HEADER_DIRS.some((d) => existsSync(join(d, 'Eigen', 'Core')))) {
    problems.push('the Eigen 3 headers are not installed — install them with: sudo apt-get install libeigen3-dev')
  }
  return problems
}

/** Recognises CMake's own failure messages for the same tools. */
function explainCmakeFailure(output) {
  if (/Eigen3/.test(output) && /Could not find|not found/i.test(output)) return 'CMake could not find Eigen 3 — install it with: sudo apt-get install libeigen3-dev'
  if (/No CMAKE_CXX_COMPILER could be found|CMAKE_CXX_COMPILER.*not.*found/i.test(output)) return 'CMake found no C++ compiler — install one with: sudo apt-get install g++'
  return null
}

/** `target`: build only this target (npm start needs just the mtp-engine binary); default all, tests included. */
export async function buildEngine({ test = false, target = null } = {}) {
  const problems = missingTools()
  if (problems.length) {
    console.error(`\nCannot build the native engine:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`)
    return 3
  }
  if (!existsSync(join(buildDir, 'CMakeCache.txt'))) {
    const configure = await capture('cmake', ['-S', 'native', '-B', buildDir, '-DCMAKE_BUILD_TYPE=Release'], { echo: true })
    if (configure.code !== 0) {
      const why = explainCmakeFailure(configure.out)
      console.error(`\nCMake configuration failed${why ? `: ${why}` : ' (see above)'}\n`)
      return configure.code
    }
  }
  const build = await run('cmake', ['--build', buildDir, '-j', jobs, ...(target ? ['--target', target] : [])])
  if (build !== 0) {
    console.error('\nThe native engine did not compile (see the compiler messages above).\n')
    return build
  }
  if (test) return run('ctest', ['--output-on-failure', '-j', jobs], { cwd: buildDir })
  return 0
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await buildEngine({ test: process.argv.includes('--test') })
}
