import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { use } from 'echarts/core';

// the statistics charts (and the rectification-metrics and questionnaire charts drawn the same way)
// are bars and lines on a grid with a legend and tooltips
use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent]);

/** The ECharts host with bars and lines registered; a click passes ECharts' own event parameters. */
export { EChart as StatEChart } from '../../components/echart';
