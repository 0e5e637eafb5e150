import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { use } from 'echarts/core';

// only what the planning charts use, so the page does not carry all of ECharts
use([BarChart, LineChart, HeatmapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent]);

/** The ECharts host with the planning charts' types registered. */
export { EChart } from '../../../components/echart';
