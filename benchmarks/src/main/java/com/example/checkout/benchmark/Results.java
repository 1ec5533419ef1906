package com.example.checkout.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.HdrHistogram.Histogram;

/** The table on stdout, {@code results.csv}, and {@code latency.html}: one SVG chart, no scripts, no downloads. */
final class Results {

    private final List<String> header = new ArrayList<>();
    private final List<StepReport> steps = new ArrayList<>();

    void note(String line) {
        header.add(line);
    }

    void add(StepReport step) {
        steps.add(step);
    }

    List<StepReport> steps() {
        return steps;
    }

    void printTable(PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(StepReport.COLUMNS);
        steps.forEach(step -> rows.add(step.cells()));
        int[] widths = new int[StepReport.COLUMNS.length];
        rows.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        header.forEach(out::println);
        out.println();
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder("|");
            String[] row = rows.get(r);
            for (int i = 0; i < row.length; i++) {
                line.append(' ').append(i == 0 ? pad(row[i], widths[i]) : leftPad(row[i], widths[i])).append(" |");
            }
            out.println(line);
            if (r == 0) {
                StringBuilder rule = new StringBuilder("|");
                for (int width : widths) {
                    rule.append('-').append("-".repeat(width)).append("-|");
                }
                out.println(rule);
            }
        }
    }

    void writeCsv(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", StepReport.COLUMNS));
        steps.forEach(step -> lines.add(String.join(",", Arrays.stream(step.cells())
                .map(cell -> cell.contains(",") || cell.contains(" ") ? "\"" + cell + "\"" : cell).toList())));
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
    }

    /** Checkout latency (p50, p99, max of each second) and rejections per second over the whole run. */
    void writeChart(Path file) throws IOException {
        int width = 1100;
        int height = 420;
        int left = 60;
        int top = 30;
        int plotWidth = width - left - 20;
        int plotHeight = height - top - 60;
        int seconds = steps.stream().mapToInt(step -> step.step().placedPerSecond.length).sum();
        double logMin = Math.log10(0.5);
        double logMax = Math.log10(Math.max(100, maxMillis() * 1.5));
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif' font-size='11'>"
                .formatted(width, height));
        int x0 = 0;
        boolean shade = false;
        for (StepReport step : steps) {
            int n = step.step().placedPerSecond.length;
            double x = left + plotWidth * (double) x0 / seconds;
            double w = plotWidth * (double) n / seconds;
            svg.append("<rect x='%.1f' y='%d' width='%.1f' height='%d' fill='%s'/>".formatted(x, top, w, plotHeight,
                    shade ? "#f2f2f2" : "#fafafa"));
            svg.append("<text x='%.1f' y='%d' text-anchor='middle'>%s</text>".formatted(x + w / 2, top - 8,
                    step.step().label));
            shade = !shade;
            x0 += n;
        }
        for (double ms : new double[] {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000}) {
            if (Math.log10(ms) > logMax) {
                break;
            }
            double y = top + plotHeight * (1 - (Math.log10(ms) - logMin) / (logMax - logMin));
            svg.append("<line x1='%d' x2='%d' y1='%.1f' y2='%.1f' stroke='#ddd'/>".formatted(left, left + plotWidth, y, y));
            svg.append("<text x='%d' y='%.1f' text-anchor='end'>%s ms</text>".formatted(left - 4, y + 4,
                    ms >= 1000 ? (int) (ms / 1000) + "000" : Integer.toString((int) ms)));
        }
        String[] colours = {"#2b7bba", "#e0892b", "#c0392b"};
        double[] percentiles = {50, 99, 100};
        for (int p = 0; p < percentiles.length; p++) {
            StringBuilder points = new StringBuilder();
            int second = 0;
            for (StepReport step : steps) {
                for (Histogram histogram : step.step().placedPerSecond) {
                    if (histogram.getTotalCount() > 0) {
                        double ms = Math.max(0.5, histogram.getValueAtPercentile(percentiles[p]) / 1000.0);
                        double x = left + plotWidth * (second + 0.5) / seconds;
                        double y = top + plotHeight * (1 - (Math.log10(ms) - logMin) / (logMax - logMin));
                        points.append("%.1f,%.1f ".formatted(x, y));
                    }
                    second++;
                }
            }
            svg.append("<polyline fill='none' stroke='%s' stroke-width='1.5' points='%s'/>".formatted(colours[p], points));
        }
        long maxRejected = steps.stream().flatMapToLong(step -> Arrays.stream(step.step().rejectedPerSecond)).max().orElse(0);
        int barTop = top + plotHeight + 10;
        int barHeight = 30;
        int second = 0;
        for (StepReport step : steps) {
            for (long rejected : step.step().rejectedPerSecond) {
                if (rejected > 0) {
                    double h = barHeight * (double) rejected / maxRejected;
                    double x = left + plotWidth * (double) second / seconds;
                    svg.append("<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='#999'/>".formatted(x,
                            barTop + barHeight - h, Math.max(1, plotWidth / (double) seconds - 0.5), h));
                }
                second++;
            }
        }
        svg.append("<text x='%d' y='%d'>503/s (max %d)</text>".formatted(left + 4, barTop + barHeight + 14, maxRejected));
        svg.append("<text x='%d' y='%d' fill='%s'>p50</text><text x='%d' y='%d' fill='%s'>p99</text><text x='%d' y='%d' fill='%s'>max</text>"
                .formatted(width - 150, height - 6, colours[0], width - 110, height - 6, colours[1], width - 70,
                        height - 6, colours[2]));
        svg.append("</svg>");
        String html = """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Checkout benchmark</title>
                <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}</style>
                </head><body>
                <h1>Checkout latency over the run</h1>
                <p>%s</p>
                <p>Each point is one second of placed (201) checkouts, latency counted from when the request was due
                (open loop, log scale). Grey bars: checkouts turned away with 503.</p>
                %s
                %s
                </body></html>
                """.formatted(String.join("<br>", header.stream().map(Results::escape).toList()), svg, htmlTable());
        Files.createDirectories(file.getParent());
        Files.writeString(file, html);
    }

    private String htmlTable() {
        StringBuilder table = new StringBuilder("<table><tr>");
        for (String column : StepReport.COLUMNS) {
            table.append("<th>").append(escape(column)).append("</th>");
        }
        table.append("</tr>");
        for (StepReport step : steps) {
            table.append("<tr>");
            for (String cell : step.cells()) {
                table.append("<td>").append(escape(cell)).append("</td>");
            }
            table.append("</tr>");
        }
        return table.append("</table>").toString();
    }

    private double maxMillis() {
        return steps.stream().mapToDouble(step -> step.step().placed.getMaxValue() / 1000.0).max().orElse(100);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }

    private static String leftPad(String text, int width) {
        return " ".repeat(width - text.length()) + text;
    }
}
