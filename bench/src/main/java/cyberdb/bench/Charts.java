package cyberdb.bench;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/** Grouped bar charts for the README, drawn by JFreeChart without a display. */
final class Charts {

    private static final Color[] SERIES = {new Color(0x1f77b4), new Color(0x6baed6), new Color(0xd62728),
        new Color(0xff9896), new Color(0x7f7f7f), new Color(0x2ca02c)};

    static {
        System.setProperty("java.awt.headless", "true");
        ChartFactory.setChartTheme(StandardChartTheme.createLegacyTheme());
    }

    private Charts() {
    }

    /**
     * Draws a grouped bar chart: one group per category, one bar per series.
     *
     * @param file       the PNG to write
     * @param title      the chart's title
     * @param valueAxis  the label of the value axis
     * @param categories the groups, in order
     * @param series     each series' values by category; missing values leave a gap
     * @throws IOException if the file cannot be written
     */
    static void bars(Path file, String title, String valueAxis, List<String> categories,
                     Map<String, Map<String, Double>> series) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        series.forEach((name, values) -> categories.forEach(category -> {
            Double value = values.get(category);
            if (value != null) {
                data.addValue(value, name, category);
            }
        }));
        JFreeChart chart = ChartFactory.createBarChart(title, null, valueAxis, data, PlotOrientation.VERTICAL,
                true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        for (int i = 0; i < series.size(); i++) {
            renderer.setSeriesPaint(i, SERIES[i % SERIES.length]);
        }
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 420);
    }
}
