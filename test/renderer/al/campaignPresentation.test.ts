import { describe, expect, it } from 'vitest'
import { alCampaignStatus, alStep } from '../../../src-main/contract/al'
import {
  campaignActions,
  campaignStatusView,
  campaignSteps,
  errorText,
  progressFraction,
  stepIndex,
  stepTitle,
  waitingText,
} from '../../../src-renderer/al/campaignPresentation'

describe('campaign status', () => {
  it('has a label, colour and hint for every status of the contract', () => {
    for (const status of alCampaignStatus.options) {
      const v = campaignStatusView(status)
      expect(v.label.length).toBeGreaterThan(0)
      expect(v.hint.length).toBeGreaterThan(0)
    }
    expect(campaignStatusView('awaiting_dft').label).toBe('waiting for DFT')
    expect(campaignStatusView('failed').color).toBe('error')
  })

  it('offers the actions each status allows', () => {
    expect(campaignActions('draft')).toEqual(['start', 'cancel'])
    expect(campaignActions('running')).toEqual(['pause', 'cancel'])
    expect(campaignActions('awaiting_dft')).toEqual(['resume', 'cancel'])
    expect(campaignActions('interrupted')).toContain('resume')
    expect(campaignActions('converged')).toEqual([])
    expect(campaignActions('stopped')).toEqual([])
  })
})

describe('steps', () => {
  it('lists A–F in the contract’s order, done after the last', () => {
    expect(campaignSteps.map((s) => s.letter).join('')).toBe('ABCDEF')
    expect(campaignSteps.map((s) => s.step)).toEqual(alStep.options.filter((s) => s !== 'done'))
    expect(stepIndex('explore')).toBe(1)
    expect(stepIndex('done')).toBe(6)
    expect(stepIndex(null)).toBe(-1)
    expect(stepTitle('reference')).toBe('D · Reference')
    expect(stepTitle(null)).toBe('–')
  })
})

describe('waitingText', () => {
  it('says what the loop waits for', () => {
    expect(waitingText(null)).toBeNull()
    expect(waitingText({ kind: 'dft', batch: 'al-1-it2', folder: '/scratch/jobs', jobIds: [1, 2, 3], done: 1, total: 3 })).toBe(
      'DFT results of batch al-1-it2: 1 of 3 in (job folders in /scratch/jobs)',
    )
    expect(waitingText({ kind: 'training', runId: 4 })).toBe('Training run #4')
    expect(waitingText({ kind: 'engine', jobId: 'j7', command: 'relax' })).toBe('Engine job relax (j7)')
  })
})

describe('errorText and progressFraction', () => {
  it('names file, line and field', () => {
    expect(errorText({ message: 'bad value', file: 'pw.out', line: 12, field: 'etot' })).toBe('bad value (pw.out:12, field etot)')
    expect(errorText({ message: 'engine died', file: null, line: null, field: null })).toBe('engine died')
  })

  it('clamps progress and is indeterminate without a total', () => {
    expect(progressFraction({ done: 3, total: 4 })).toBe(0.75)
    expect(progressFraction({ done: 9, total: 4 })).toBe(1)
    expect(progressFraction({ done: 1, total: 0 })).toBeNull()
    expect(progressFraction(null)).toBeNull()
  })
})
