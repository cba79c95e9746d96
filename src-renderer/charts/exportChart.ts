import './registerCharts'
import { init } from 'echarts/core'
import type { StudioChartOption } from './registerCharts'

export interface ChartImageOptions {
  type: 'png' | 'svg'
  /** CSS pixels of the figure. */
  width: number
  height: number
  /** PNG only: device pixels per CSS pixel (2 gives print-friendly raster). */
  pixelRatio?: number
}

/** Light, print-friendly text and axis colours: an exported figure does not follow the app theme. */
const text = '#1b1f27'
const line = '#c4c8d0'

/**
 * Renders an option off screen and returns the image as a data URL: PNG from the canvas renderer,
 * SVG (vector, for papers) from the SVG renderer. The option should have animation off, so the
 * first frame is the final one.
 */
export function chartImage(option: StudioChartOption, opts: ChartImageOptions): string {
  const host = document.createElement('div')
  const chart = init(host, undefined, { renderer: opts.type === 'svg' ? 'svg' : 'canvas', width: opts.width, height: opts.height, devicePixelRatio: opts.pixelRatio ?? 2 })
  try {
    const axis = { axisLine: { lineStyle: { color: line } }, splitLine: { lineStyle: { color: line } }, axisLabel: { color: text }, nameTextStyle: { color: text } }
    const merge = (a: unknown) => (Array.isArray(a) ? a.map((x) => ({ ...axis, ...x })) : a ? { ...axis, ...(a as object) } : a)
    chart.setOption({
      textStyle: { color: text, fontFamily: 'Helvetica, Arial, sans-serif' },
      ...option,
      xAxis: merge(option.xAxis) as StudioChartOption['xAxis'],
      yAxis: merge(option.yAxis) as StudioChartOption['yAxis'],
      animation: false,
      backgroundColor: '#ffffff',
    })
    return chart.getDataURL({ type: opts.type, pixelRatio: opts.pixelRatio ?? 2, backgroundColor: '#ffffff' })
  } finally {
    chart.dispose()
  }
}

/** Saves text or a data URL as a file through the browser's download (also works under Electron). */
export function downloadFile(name: string, content: string, mime?: string): void {
  const url = mime ? URL.createObjectURL(new Blob([content], { type: mime })) : content
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  if (mime) setTimeout(() => URL.revokeObjectURL(url), 1000)
}
