/**
 * How Debian's Chromium is launched for the end-to-end tests and the renderer benchmarks (Playwright's
 * own browser download is not used).
 */
export const chromiumExecutable = process.env.MTP_CHROMIUM ?? '/usr/bin/chromium'

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // WebGL (the NGL structure view) runs on SwiftShader without a GPU; Chromium wants this to be explicit.
  '--enable-unsafe-swiftshader',
]
