import { describe, expect, it } from 'vitest'
import { unknownPlaceholders } from '../../../src-renderer/settings/templateCheck'

describe('unknownPlaceholders', () => {
  it('lists each unknown name once, allowing spaces inside the braces', () => {
    expect(unknownPlaceholders('#SBATCH --array=1-{{ count }}%{{max_parallel}}\n{{run}}', ['count', 'max_parallel', 'run'])).toEqual([])
    expect(unknownPlaceholders('{{cuont}} {{cuont}} {{batch}} {{ wall }}', ['count', 'batch'])).toEqual(['cuont', 'wall'])
  })
})
