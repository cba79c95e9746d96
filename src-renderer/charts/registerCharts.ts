import { use, type ComposeOption } from 'echarts/core'
import { BarChart, LineChart, ScatterChart, CustomChart, type BarSeriesOption, type LineSeriesOption, type ScatterSeriesOption, type CustomSeriesOption } from 'echarts/charts'
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  ToolboxComponent,
  TooltipComponent,
  VisualMapComponent,
  type DataZoomComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkLineComponentOption,
  type TitleComponentOption,
  type ToolboxComponentOption,
  type TooltipComponentOption,
  type VisualMapComponentOption,
} from 'echarts/components'
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers'

/**
 * The only place ECharts modules are registered (tree-shaken build). Canvas draws 10^5-point
 * scatter plots; SVG is registered for vector export of figures.
 */
use([
  BarChart,
  LineChart,
  ScatterChart,
  CustomChart,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  ToolboxComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
  SVGRenderer,
])

/** The option type every builder in charts/options returns: only the registered modules. */
export type StudioChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | ScatterSeriesOption
  | CustomSeriesOption
  | DataZoomComponentOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TitleComponentOption
  | ToolboxComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>
