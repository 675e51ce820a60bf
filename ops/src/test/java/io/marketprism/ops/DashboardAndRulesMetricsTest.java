/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.marketprism.engine.EngineConfiguration;
import io.marketprism.engine.EngineCounters;
import io.marketprism.engine.MarketDataPipeline;
import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.Venues;
import io.marketprism.feeds.capture.CapturePacer;
import io.marketprism.feeds.capture.CaptureReader;
import io.marketprism.feeds.capture.CaptureRun;
import io.marketprism.feeds.capture.SnapshotSource;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped Grafana dashboard ({@code ops/grafana}) and Prometheus rules ({@code ops/prometheus}) against a running
 * engine: every metric name their PromQL uses must be exported at {@code /metrics} by an engine run on the demo's
 * recordings; names of recording rules must be defined in the rules file; {@code up} is the only series Prometheus
 * itself makes that they may use. Also checks the shape the operators rely on (severities, runbooks, panels,
 * variables) and, when promtool is on the PATH, the scrape and the dashboard's expressions with it.
 */
class DashboardAndRulesMetricsTest
{
    static final Path RULES = Path.of("prometheus", "marketprism-alerts.yml");
    static final Path RULE_TESTS = Path.of("prometheus", "marketprism-alerts.test.yml");
    static final Path DASHBOARD = Path.of("grafana", "marketprism-overview.json");

    /** Series Prometheus makes for every target, not exported by the engine. */
    private static final Set<String> PROMETHEUS_SERIES = Set.of("up");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
        "on", "ignoring", "group_left", "group_right", "inf", "nan", "atan2");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*]");
    private static final Pattern LABEL_LIST = Pattern.compile(
        "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![A-Za-z0-9_:.$])[A-Za-z_:][A-Za-z0-9_:]*");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([A-Za-z_:][A-Za-z0-9_:]*)");
    private static final Pattern SAMPLE_NAME = Pattern.compile("^([A-Za-z_:][A-Za-z0-9_:]*)[{ ]");

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    @Test
    void shouldExtractMetricNamesFromPromQl()
    {
        assertEquals(Set.of("a_bucket", "b", "ns:c:rate5m"), metricNames(
            "histogram_quantile(0.99, sum by (le, stage) (rate(a_bucket{stage=\"x\",le!=\"+Inf\"}[5m]))) " +
            "> 3 * b offset 1h and on (job) ns:c:rate5m > 1e3"));
        assertEquals(Set.of("x_total"), metricNames(
            "sum without (gc) (increase(x_total{venue=~\"$venue\"}[$__rate_interval])) / ignoring(kind) " +
            "group_left(type) vector(1) > bool 0.5"));
        assertEquals(Set.of("up"), metricNames("absent(up{job=\"marketprism\"}) or time() - 5m > inf"));
        assertEquals(Set.of("m"), metricNames("label_replace(m, \"dst\", \"$1\", \"src\", \"(.*)\")"));
    }

    @Test
    void shouldShipRulesWithSeveritiesRunbooksAndAHistoryDerivedThreshold() throws IOException
    {
        final JsonNode rules = yaml.readTree(RULES.toFile());
        final String tests = Files.readString(RULE_TESTS, StandardCharsets.UTF_8);
        int alerts = 0;
        boolean historyDerived = false;
        final List<String> p1 = new ArrayList<>();
        for (final JsonNode group : rules.get("groups"))
        {
            for (final JsonNode rule : group.get("rules"))
            {
                if (!rule.has("alert"))
                {
                    continue;
                }
                alerts++;
                final String name = rule.get("alert").asText();
                final String severity = rule.path("labels").path("severity").asText();
                assertTrue(Set.of("P1", "P2", "P3").contains(severity), name + " severity " + severity);
                assertFalse(rule.path("annotations").path("summary").asText().isBlank(), name + " summary");
                final String runbook = rule.path("annotations").path("runbook").asText();
                assertTrue(runbook.contains("Means:") && runbook.contains("Check:") && runbook.contains("Do:"),
                    name + " runbook says what it means, what to check, what to do: " + runbook);
                final String expr = rule.get("expr").asText();
                historyDerived |= expr.matches("(?s).*(avg|quantile)_over_time\\(.*\\[1d].*");
                if ("P1".equals(severity))
                {
                    p1.add(name);
                    assertTrue(tests.contains("alertname: " + name), "a promtool test fires " + name);
                }
            }
        }
        System.out.println("rules: " + alerts + " alerts, P1 " + p1);
        assertTrue(alerts >= 15, "at least 15 alerts: " + alerts);
        assertTrue(p1.size() >= 3, "P1 alerts: " + p1);
        assertTrue(historyDerived, "an alert compares a metric with its own history over a day");
    }

    @Test
    void shouldShipAnImportableDashboard() throws IOException
    {
        final JsonNode dashboard = json.readTree(DASHBOARD.toFile());
        assertTrue(dashboard.path("schemaVersion").asInt() >= 36, "schemaVersion");
        final Set<String> variables = new TreeSet<>();
        for (final JsonNode variable : dashboard.path("templating").path("list"))
        {
            variables.add(variable.get("name").asText() + ":" + variable.get("type").asText());
        }
        assertTrue(variables.containsAll(Set.of("datasource:datasource", "venue:query")), variables.toString());
        int panels = 0;
        for (final JsonNode panel : dashboard.get("panels"))
        {
            if ("row".equals(panel.get("type").asText()))
            {
                continue;
            }
            panels++;
            assertEquals("${datasource}", panel.path("datasource").path("uid").asText(), panel.get("title").asText());
            assertTrue(panel.path("targets").size() > 0, panel.get("title").asText());
        }
        assertTrue(panels >= 11, "at least 11 panels: " + panels);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldExportEveryMetricTheDashboardAndTheRulesUse() throws Exception
    {
        final TreeMap<String, String> used = new TreeMap<>();
        final Set<String> recorded = new TreeSet<>();
        final List<String> dashboardExpressions = new ArrayList<>();
        final JsonNode rules = yaml.readTree(RULES.toFile());
        for (final JsonNode group : rules.get("groups"))
        {
            for (final JsonNode rule : group.get("rules"))
            {
                final String where = RULES + " " + (rule.has("alert") ? rule.get("alert") : rule.get("record"));
                if (rule.has("record"))
                {
                    recorded.add(rule.get("record").asText());
                }
                metricNames(rule.get("expr").asText()).forEach(name -> used.putIfAbsent(name, where));
            }
        }
        final JsonNode dashboard = json.readTree(DASHBOARD.toFile());
        collectDashboard(dashboard, dashboardExpressions, used);
        assertTrue(dashboardExpressions.size() >= 11, "dashboard expressions found: " + dashboardExpressions.size());
        assertTrue(used.size() >= 30, "metric names found: " + used.keySet());

        final String scrape = scrapeEngineOnDemoInput();
        final Set<String> exported = new TreeSet<>();
        for (final String line : scrape.split("\n"))
        {
            final Matcher sample = SAMPLE_NAME.matcher(line);
            if (!line.startsWith("#") && sample.find())
            {
                exported.add(sample.group(1));
            }
        }
        assertFalse(exported.contains("marketprism_not_exported_total"), "the check can fail");
        final List<String> missing = new ArrayList<>();
        for (final var entry : used.entrySet())
        {
            final String name = entry.getKey();
            final boolean known = name.contains(":") ? recorded.contains(name) :
                PROMETHEUS_SERIES.contains(name) || exported.contains(name);
            if (!known)
            {
                missing.add(name + " (" + entry.getValue() + ")");
            }
        }
        System.out.println("dashboard and rules use " + used.size() + " names (" + recorded.size() +
            " recorded, " + exported.size() + " exported by the engine): missing " + missing);
        assertEquals(List.of(), missing, "names used but neither exported, recorded nor made by Prometheus");

        final String promtool = promtool();
        if (promtool == null)
        {
            System.out.println("promtool checks: SKIPPED, promtool is not on PATH (Debian package prometheus)");
            return;
        }
        final String metricsCheck = run(dir, scrape, promtool, "check", "metrics");
        System.out.println("promtool check metrics: " + metricsCheck);
        final Path dashboardRules = dir.resolve("dashboard-expressions.yml");
        final StringBuilder text = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < dashboardExpressions.size(); i++)
        {
            // Grafana's variables replaced by what they expand to, so that promtool parses the PromQL itself
            final String expr = dashboardExpressions.get(i)
                .replace("$__rate_interval", "1m").replace("$__range", "1h")
                .replace("$instance", ".*").replace("$venue", ".*");
            text.append("      - record: dashboard:expr").append(i).append("\n        expr: ")
                .append(json.writeValueAsString(expr)).append('\n');
        }
        Files.writeString(dashboardRules, text, StandardCharsets.UTF_8);
        final String rulesCheck = run(dir, "", promtool, "check", "rules", dashboardRules.toString());
        System.out.println("promtool check rules (dashboard expressions): " + rulesCheck.replace('\n', ' '));
    }

    /**
     * Names of the series a PromQL expression selects: strings, label matchers, ranges and label lists are removed,
     * then every identifier that is not a function (followed by a parenthesis) nor a keyword is a metric name.
     */
    static Set<String> metricNames(final String expression)
    {
        String text = STRING.matcher(expression).replaceAll(" ");
        text = MATCHERS.matcher(text).replaceAll(" ");
        text = RANGE.matcher(text).replaceAll(" ");
        text = LABEL_LIST.matcher(text).replaceAll(" ");
        final Set<String> names = new TreeSet<>();
        final Matcher identifier = IDENTIFIER.matcher(text);
        while (identifier.find())
        {
            final String name = identifier.group();
            int next = identifier.end();
            while (next < text.length() && Character.isWhitespace(text.charAt(next)))
            {
                next++;
            }
            final boolean function = next < text.length() && text.charAt(next) == '(';
            if (!function && !KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT)))
            {
                names.add(name);
            }
        }
        return names;
    }

    private static void collectDashboard(
        final JsonNode node, final List<String> expressions, final TreeMap<String, String> used)
    {
        if (node.isObject())
        {
            final JsonNode expr = node.get("expr");
            if (expr != null && expr.isTextual())
            {
                expressions.add(expr.asText());
                metricNames(expr.asText()).forEach(name -> used.putIfAbsent(name, DASHBOARD + " " +
                    node.path("legendFormat").asText()));
            }
            final JsonNode query = node.get("query");
            final String variableQuery = query == null ? null :
                query.isTextual() ? query.asText() : query.path("query").asText(null);
            if (variableQuery != null)
            {
                final Matcher labelValues = LABEL_VALUES.matcher(variableQuery);
                while (labelValues.find())
                {
                    used.putIfAbsent(labelValues.group(1), DASHBOARD + " variable " + node.path("name").asText());
                }
            }
            node.fields().forEachRemaining(field -> collectDashboard(field.getValue(), expressions, used));
        }
        else if (node.isArray())
        {
            node.forEach(element -> collectDashboard(element, expressions, used));
        }
    }

    /**
     * Runs the demo's recordings (the first frames of each) through an engine with its HTTP endpoint on, and scrapes
     * {@code /metrics} once the latency sampler has seen them.
     */
    private String scrapeEngineOnDemoInput() throws Exception
    {
        final EngineConfiguration.Context context = new EngineConfiguration.Context()
            .journalEnabled(true)
            .journalDir(dir.resolve("journal"))
            .publishEnabled(false)
            .ringSize(4096)
            .logCapacityBytes(4 << 20)
            .journalBlockSizeBytes(16 << 20)
            .httpEnabled(true)
            .httpPort(0)
            .conclude();
        final Venue[] venues = DemoCommand.venues();
        final FrameDecoder[] decoders = new FrameDecoder[venues.length];
        for (int i = 0; i < venues.length; i++)
        {
            decoders[i] = Venues.newDecoder(venues[i]);
        }
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (MetricsServer server = MetricsServer.bind(context);
            EngineCounters counters = EngineCounters.mapped(dir.resolve("counters"));
            MarketDataPipeline pipeline = MarketDataPipeline.start(context, Venues.rules(), counters);
            CaptureReader reader = DemoCommand.openRecordings(Recordings.directory(), 5_000))
        {
            server.start(counters.reader(), pipeline.latency());
            server.ready(true);
            CaptureRun.run(pipeline, reader, decoders, venues, SnapshotSource.NONE, CapturePacer.asFastAsPossible(),
                new BackoffIdleStrategy());
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            String scrape = get(http, server.url() + "/metrics");
            while (!scrape.contains("marketprism_stage_latency_seconds_count{stage=\"completed\"} ") ||
                scrape.contains("marketprism_stage_latency_seconds_count{stage=\"completed\"} 0\n"))
            {
                assertTrue(System.nanoTime() < deadline, "latency snapshot of the run within 30 s:\n" + scrape);
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
                scrape = get(http, server.url() + "/metrics");
            }
            assertTrue(counters.journaled.get() > 1000, "the demo input ran: " + counters.journaled.get());
            return scrape;
        }
    }

    private static String get(final HttpClient http, final String url) throws IOException, InterruptedException
    {
        final HttpResponse<String> response = http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url);
        return response.body();
    }

    private static String promtool()
    {
        for (final String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, "promtool")))
            {
                return Path.of(entry, "promtool").toString();
            }
        }
        return null;
    }

    private static String run(final Path workDir, final String stdin, final String... command)
        throws IOException, InterruptedException
    {
        final Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
            .start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " finished");
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
        return "exit 0 " + output;
    }
}
