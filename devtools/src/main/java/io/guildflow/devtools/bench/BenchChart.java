package io.guildflow.devtools.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * {@code chart.png}, drawn with Java2D (headless): answer latency percentiles of every run side by side (log
 * scale), then each run's p99 per second and the throughput per second over time.
 */
final class BenchChart {
    private static final int WIDTH = 1200;
    private static final int PANEL = 360;
    private static final int LEFT = 80;
    private static final int RIGHT = 80;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b)};

    private BenchChart() {
    }

    static void write(Map<String, LatencyRun> runs, String title, Path file) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, 60 + 2 * PANEL + 60, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, LEFT, 28);
            List<String> names = new ArrayList<>(runs.keySet());
            legend(g, names.stream().map(name -> runs.get(name).answered() == 0 ? name + " (no answers)" : name)
                    .toList(), LEFT, 44);
            percentiles(g, runs, names, 60);
            overTime(g, runs, names, 60 + PANEL + 40);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JVM");
        }
    }

    /** Grouped bars: one group per percentile, one bar per run, on a log scale of milliseconds. */
    private static void percentiles(Graphics2D g, Map<String, LatencyRun> runs, List<String> names, int top) {
        String[] labels = {"p50", "p90", "p99", "p99.9", "max"};
        double max = 1;
        double min = Double.MAX_VALUE;
        List<double[]> values = new ArrayList<>();
        for (String name : names) {
            LatencyRun run = runs.get(name);
            double[] v = new double[labels.length];
            for (int i = 0; i < 4; i++) {
                v[i] = LatencyRun.millis(run.answer(), BenchResults.PERCENTILES[i]);
            }
            v[4] = run.answer().getTotalCount() == 0 ? Double.NaN : run.answer().getMaxValue() / 1000.0;
            for (double x : v) {
                if (!Double.isNaN(x)) {
                    max = Math.max(max, x);
                    min = Math.min(min, Math.max(x, 0.1));
                }
            }
            values.add(v);
        }
        LogAxis axis = new LogAxis(Math.min(min, 1), max, top + PANEL - 40, top + 20);
        int plotWidth = WIDTH - LEFT - RIGHT;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.BLACK);
        g.drawString("answer latency (ms, log scale) from due time", LEFT, top + 12);
        axis.draw(g, LEFT, LEFT + plotWidth);
        int groupWidth = plotWidth / labels.length;
        int barWidth = Math.max(4, (groupWidth - 20) / Math.max(1, names.size()));
        for (int p = 0; p < labels.length; p++) {
            int x0 = LEFT + p * groupWidth + 10;
            g.setColor(Color.BLACK);
            g.drawString(labels[p], x0 + (groupWidth - 20) / 2 - 10, top + PANEL - 22);
            for (int r = 0; r < names.size(); r++) {
                double v = values.get(r)[p];
                if (Double.isNaN(v)) {
                    continue;
                }
                int y = axis.y(Math.max(v, axis.low));
                g.setColor(COLORS[r % COLORS.length]);
                g.fillRect(x0 + r * barWidth, y, barWidth - 2, axis.bottom - y);
                g.setColor(Color.DARK_GRAY);
                g.drawString(number(v), x0 + r * barWidth, y - 3);
            }
        }
    }

    /** Lines: each run's per-second p99 (left axis, log) and the first run's answers per second (right axis). */
    private static void overTime(Graphics2D g, Map<String, LatencyRun> runs, List<String> names, int top) {
        int seconds = 1;
        double max = 1;
        double min = Double.MAX_VALUE;
        int maxRate = 1;
        for (LatencyRun run : runs.values()) {
            seconds = Math.max(seconds, run.timeline().size());
            for (LatencyRun.Second s : run.timeline()) {
                if (!Double.isNaN(s.p99Millis())) {
                    max = Math.max(max, s.p99Millis());
                    min = Math.min(min, Math.max(0.1, s.p99Millis()));
                }
                maxRate = Math.max(maxRate, Math.max(s.answersArrived(), s.due()));
            }
        }
        LogAxis axis = new LogAxis(Math.min(min, 1), max, top + PANEL - 40, top + 20);
        int plotWidth = WIDTH - LEFT - RIGHT;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.BLACK);
        g.drawString("per second: p99 answer latency (ms, log, solid) and answers arrived per second (right axis, dashed)",
                LEFT, top + 12);
        axis.draw(g, LEFT, LEFT + plotWidth);
        double xStep = plotWidth / (double) Math.max(1, seconds - 1);
        for (int s = 0; s < seconds; s += Math.max(1, seconds / 20)) {
            g.setColor(Color.BLACK);
            g.drawString(Integer.toString(s), (int) (LEFT + s * xStep) - 4, axis.bottom + 16);
        }
        g.drawString("second", LEFT + plotWidth / 2, axis.bottom + 32);
        int rateTop = top + 20;
        int rateBottom = axis.bottom;
        g.drawLine(LEFT + plotWidth, rateTop, LEFT + plotWidth, rateBottom);
        for (int i = 0; i <= 4; i++) {
            int value = maxRate * i / 4;
            int y = rateBottom - (rateBottom - rateTop) * i / 4;
            g.drawString(Integer.toString(value), LEFT + plotWidth + 6, y + 4);
        }
        for (int r = 0; r < names.size(); r++) {
            List<LatencyRun.Second> timeline = runs.get(names.get(r)).timeline();
            g.setColor(COLORS[r % COLORS.length]);
            g.setStroke(new BasicStroke(2f));
            int px = -1;
            int py = -1;
            int rx = -1;
            int ry = -1;
            for (LatencyRun.Second s : timeline) {
                int x = (int) (LEFT + s.second() * xStep);
                if (!Double.isNaN(s.p99Millis())) {
                    int y = axis.y(Math.max(axis.low, s.p99Millis()));
                    if (px >= 0) {
                        g.drawLine(px, py, x, y);
                    }
                    px = x;
                    py = y;
                }
                int y2 = rateBottom - (int) ((rateBottom - rateTop) * (s.answersArrived() / (double) maxRate));
                g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
                if (rx >= 0) {
                    g.drawLine(rx, ry, x, y2);
                }
                g.setStroke(new BasicStroke(2f));
                rx = x;
                ry = y2;
            }
        }
        g.setStroke(new BasicStroke(1f));
    }

    /** One row under the title: a colour per run, the same in both panels. */
    private static void legend(Graphics2D g, List<String> names, int x, int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int at = x;
        for (int r = 0; r < names.size(); r++) {
            g.setColor(COLORS[r % COLORS.length]);
            g.fillRect(at, y - 10, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(names.get(r), at + 16, y);
            at += 16 + g.getFontMetrics().stringWidth(names.get(r)) + 18;
        }
    }

    private static String number(double millis) {
        return millis >= 100 ? String.format(Locale.ROOT, "%.0f", millis) : String.format(Locale.ROOT, "%.1f", millis);
    }

    /** Milliseconds on a decade log scale between two pixel rows. */
    private static final class LogAxis {
        final double low;
        final double high;
        final int bottom;
        final int top;

        LogAxis(double low, double high, int bottom, int top) {
            this.low = Math.pow(10, Math.floor(Math.log10(low)));
            this.high = Math.pow(10, Math.ceil(Math.log10(Math.max(high, this.low * 10))));
            this.bottom = bottom;
            this.top = top;
        }

        int y(double value) {
            double f = (Math.log10(value) - Math.log10(low)) / (Math.log10(high) - Math.log10(low));
            return (int) Math.round(bottom - f * (bottom - top));
        }

        void draw(Graphics2D g, int left, int right) {
            g.setColor(Color.BLACK);
            g.drawLine(left, top, left, bottom);
            g.drawLine(left, bottom, right, bottom);
            for (double v = low; v <= high * 1.0001; v *= 10) {
                int y = y(v);
                g.setColor(new Color(0xdddddd));
                g.drawLine(left + 1, y, right, y);
                g.setColor(Color.BLACK);
                g.drawString(number(v), left - 8 - g.getFontMetrics().stringWidth(number(v)), y + 4);
            }
        }
    }
}
