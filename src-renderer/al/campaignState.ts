import type { AlCampaignDetail, AlCampaignSummary, AlIterationView } from '../../src-main/contract/al'

/**
 * Pure updates of what the cockpit shows, applied as the core's 'al:*' events arrive, so iterations
 * appear live without polling and a late event never reorders or duplicates anything.
 */

/** Inserts or replaces a campaign; newest (highest id) first, as 'al/list' returns them. */
export function upsertCampaign(list: readonly AlCampaignSummary[], campaign: AlCampaignSummary): AlCampaignSummary[] {
  const rest = list.filter((c) => c.id !== campaign.id)
  return [...rest, campaign].sort((a, b) => b.id - a.id)
}

/** The detail with one iteration inserted or replaced, iterations in number order. */
export function withIteration(detail: AlCampaignDetail, iteration: AlIterationView): AlCampaignDetail {
  const iterations = detail.iterations.filter((it) => it.number !== iteration.number)
  iterations.push(iteration)
  iterations.sort((a, b) => a.number - b.number)
  return { ...detail, iterations }
}

/** The detail with a newer summary (status, step, training-set size …). */
export function withSummary(detail: AlCampaignDetail, summary: AlCampaignSummary): AlCampaignDetail {
  return summary.id === detail.summary.id ? { ...detail, summary } : detail
}

/** Iterations whose exploration was graded (they have a histogram), newest first, for the grades panel. */
export function gradedIterations(iterations: readonly AlIterationView[]): number[] {
  return iterations
    .filter((it) => it.gradeHistogram !== null && it.explored > 0)
    .map((it) => it.number)
    .sort((a, b) => b - a)
}

/** Reliability as "87.5 %", or an en dash. */
export function percentText(fraction: number | null): string {
  return fraction === null ? '–' : `${(Math.round(fraction * 1000) / 10).toFixed(1)} %`
}

/** Duration between two ISO times as "1 h 02 min", "3 min 05 s" or "12 s"; null end = until `now`. */
export function durationText(startIso: string, endIso: string | null, now: Date = new Date()): string {
  const start = new Date(startIso).getTime()
  const end = endIso === null ? now.getTime() : new Date(endIso).getTime()
  if (!Number.isFinite(start) || !Number.isFinite(end)) return '–'
  const s = Math.max(0, Math.round((end - start) / 1000))
  const pad = (n: number) => String(n).padStart(2, '0')
  if (s >= 3600) return `${Math.floor(s / 3600)} h ${pad(Math.floor((s % 3600) / 60))} min`
  if (s >= 60) return `${Math.floor(s / 60)} min ${pad(s % 60)} s`
  return `${s} s`
}
