package org.civicdesk.portal.internal.selfservice;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.civicdesk.billing.UsagePoint;

/**
 * One metered service's usage over its last 13 bill periods beside the same period a year before, drawn as a
 * server-side SVG bar chart (no script) with the same figures in a table for screen readers and for reading.
 */
final class UsageChart {

    /** A period and, if there was a bill period ending within 20 days of a year before, that period's use. */
    record Row(LocalDate periodFrom, LocalDate periodTo, BigDecimal consumption, boolean estimated, BigDecimal lastYear) {
    }

    private static final int WIDTH = 640;
    private static final int HEIGHT = 220;
    private static final int LEFT = 48;
    private static final int BOTTOM = 28;
    private static final int TOP = 12;

    final String serviceType;
    final String unit;
    final List<Row> rows;

    private UsageChart(String serviceType, String unit, List<Row> rows) {
        this.serviceType = serviceType;
        this.unit = unit;
        this.rows = rows;
    }

    public String getServiceType() {
        return serviceType;
    }

    public String getUnit() {
        return unit;
    }

    public List<Row> getRows() {
        return rows;
    }

    /** The charts of each service found in the points (current and a year before, in any order). */
    static List<UsageChart> of(List<UsagePoint> points) {
        List<String> services = points.stream().map(UsagePoint::serviceType).distinct().sorted().toList();
        List<UsageChart> charts = new ArrayList<>();
        for (String service : services) {
            List<UsagePoint> all = points.stream().filter(p -> p.serviceType().equals(service))
                    .sorted(Comparator.comparing(UsagePoint::periodTo)).distinct().toList();
            List<UsagePoint> recent = all.subList(Math.max(0, all.size() - 13), all.size());
            List<Row> rows = new ArrayList<>();
            for (UsagePoint p : recent) {
                LocalDate yearBefore = p.periodTo().minusYears(1);
                BigDecimal last = all.stream()
                        .filter(q -> Math.abs(ChronoUnit.DAYS.between(q.periodTo(), yearBefore)) <= 20)
                        .min(Comparator.comparingLong(q -> Math.abs(ChronoUnit.DAYS.between(q.periodTo(), yearBefore))))
                        .map(UsagePoint::consumption).orElse(null);
                rows.add(new Row(p.periodFrom(), p.periodTo(), p.consumption(), p.estimated(), last));
            }
            charts.add(new UsageChart(service, recent.isEmpty() ? "" : recent.get(recent.size() - 1).unit(), rows));
        }
        return charts;
    }

    /**
     * The chart as SVG markup: for each period a dark bar (this period) and a light bar (a year before), month
     * labels under them; the picture is described by the table next to it (aria-describedby), so it is hidden
     * from screen readers as a figure with a title only.
     */
    String svg(String title, String monthPattern, Locale locale) {
        BigDecimal max = BigDecimal.ONE;
        for (Row r : rows) {
            max = max.max(r.consumption() == null ? BigDecimal.ZERO : r.consumption());
            if (r.lastYear() != null) {
                max = max.max(r.lastYear());
            }
        }
        int plotHeight = HEIGHT - BOTTOM - TOP;
        int n = Math.max(1, rows.size());
        double slot = (WIDTH - LEFT - 8) / (double) n;
        double bar = Math.max(2, slot * 0.36);
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"usage-chart\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT).append("\" aria-label=\"").append(escape(title)).append("\">");
        s.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(HEIGHT - BOTTOM).append("\" x2=\"").append(WIDTH - 4)
                .append("\" y2=\"").append(HEIGHT - BOTTOM).append("\" stroke=\"#555\"/>");
        s.append("<text x=\"4\" y=\"").append(TOP + 10).append("\" font-size=\"11\" fill=\"#222\">")
                .append(escape(max.setScale(0, RoundingMode.UP).toPlainString())).append("</text>");
        java.time.format.DateTimeFormatter month = java.time.format.DateTimeFormatter.ofPattern(monthPattern, locale);
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            double x = LEFT + i * slot + slot * 0.12;
            if (r.lastYear() != null) {
                double h = height(r.lastYear(), max, plotHeight);
                s.append(rect(x, HEIGHT - BOTTOM - h, bar, h, "usage-last-year"));
            }
            double h = height(r.consumption(), max, plotHeight);
            s.append(rect(x + bar, HEIGHT - BOTTOM - h, bar, h, r.estimated() ? "usage-estimated" : "usage-this-year"));
            s.append("<text x=\"").append(fmt(x + bar)).append("\" y=\"").append(HEIGHT - 10)
                    .append("\" font-size=\"10\" text-anchor=\"middle\" fill=\"#222\">")
                    .append(escape(month.format(r.periodTo()))).append("</text>");
        }
        return s.append("</svg>").toString();
    }

    private static double height(BigDecimal value, BigDecimal max, int plotHeight) {
        if (value == null || value.signum() <= 0) {
            return 0;
        }
        return value.doubleValue() / max.doubleValue() * plotHeight;
    }

    private static String rect(double x, double y, double w, double h, String css) {
        return "<rect class=\"" + css + "\" x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" width=\"" + fmt(w) + "\" height=\""
                + fmt(h) + "\"/>";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
