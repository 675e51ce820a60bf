/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench;

import io.marketprism.engine.EngineConfiguration;
import io.marketprism.ops.MetricsServer;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code /metrics} scrape latency while the pipeline benchmark ({@link PipelineBenchmark}) runs at full rate: the
 * engine's {@link MetricsServer} serves the benchmark's counters and stage latency on 127.0.0.1, and a scraper thread
 * GETs {@code /metrics} every interval (fixed rate) for as long as the warm-up and the measured run last (after one
 * untimed first scrape that loads the HTTP classes), timing each
 * request from send to the last byte of the body. A scrape passes when it answers 200 with the engine's metrics
 * within the limit (100 ms: the acceptance line).
 * <p>
 * Prints the pipeline's own figures and checks, then one line
 * {@code RESULT scrape scrapes=.. max_ms=.. p99_ms=.. p50_ms=.. over_limit=.. failed=.. msgs_per_s=..
 * alloc_bytes_per_msg=..}; passes (exit 0) when every scrape passed and the pipeline's checks passed.
 */
public final class ScrapeLatencyBenchmark
{
    /** The acceptance limit for one scrape, ms. */
    public static final long LIMIT_MS = 100;

    private ScrapeLatencyBenchmark()
    {
    }

    /**
     * @param args {@code [--messages N] [--warmup N] [--interval-ms MS] [--profile dev|low-latency]
     *             [--recordings DIR]}.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        long messages = 20_000_000L;
        long warmup = 2_000_000L;
        long intervalMs = 100;
        String profile = "dev";
        Path recordings = null;
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--messages":
                    messages = Long.parseLong(args[++i]);
                    break;
                case "--warmup":
                    warmup = Long.parseLong(args[++i]);
                    break;
                case "--interval-ms":
                    intervalMs = Long.parseLong(args[++i]);
                    break;
                case "--profile":
                    profile = args[++i];
                    break;
                case "--recordings":
                    recordings = Path.of(args[++i]);
                    break;
                default:
                    System.err.println("usage: bench scrape [--messages N] [--warmup N] [--interval-ms MS]" +
                        " [--profile dev|low-latency] [--recordings DIR]");
                    System.exit(2);
            }
        }
        final Result result = run(messages, warmup, intervalMs, profile, recordings, System.out);
        System.exit(result.passed ? 0 : 1);
    }

    /**
     * What was measured.
     */
    public static final class Result
    {
        final Histogram scrapeMicros;
        final long overLimit;
        final long failed;
        final boolean passed;
        final String line;

        Result(final Histogram scrapeMicros, final long overLimit, final long failed,
            final PipelineBenchmark.Result pipeline)
        {
            this.scrapeMicros = scrapeMicros;
            this.overLimit = overLimit;
            this.failed = failed;
            this.passed = pipeline.passed() && overLimit == 0 && failed == 0 && scrapeMicros.getTotalCount() > 0;
            this.line = String.format(Locale.ROOT,
                "RESULT scrape scrapes=%d max_ms=%.2f p99_ms=%.2f p50_ms=%.2f over_limit=%d failed=%d " +
                "msgs_per_s=%.0f alloc_bytes_per_msg=%.2f",
                scrapeMicros.getTotalCount(), scrapeMicros.getMaxValue() / 1e3,
                scrapeMicros.getValueAtPercentile(99) / 1e3, scrapeMicros.getValueAtPercentile(50) / 1e3,
                overLimit, failed, pipeline.messagesPerSecond, pipeline.allocBytesPerMessage());
        }

        /**
         * @return the RESULT line.
         */
        public String line()
        {
            return line;
        }

        /**
         * @return true when every scrape answered within the limit and the pipeline's checks passed.
         */
        public boolean passed()
        {
            return passed;
        }

        /**
         * @return scrapes made.
         */
        public long scrapes()
        {
            return scrapeMicros.getTotalCount();
        }

        /**
         * @return the slowest scrape, ms.
         */
        public double maxMs()
        {
            return scrapeMicros.getMaxValue() / 1e3;
        }
    }

    /**
     * Runs the pipeline benchmark with the scraper beside it.
     *
     * @param messages   messages measured by the pipeline benchmark.
     * @param warmup     messages of its warm-up (scraped too).
     * @param intervalMs time between the starts of two scrapes.
     * @param profile    threading profile.
     * @param recordings recordings directory, or null for the bundled ones.
     * @param out        where the report goes.
     * @return the result; its RESULT line has been printed.
     * @throws Exception on failure to set up.
     */
    public static Result run(
        final long messages,
        final long warmup,
        final long intervalMs,
        final String profile,
        final Path recordings,
        final PrintStream out) throws Exception
    {
        final Histogram scrapeMicros = new Histogram(3_600_000_000L, 3);
        final AtomicLong overLimit = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicReference<String> firstFailure = new AtomicReference<>();
        final AtomicReference<String> url = new AtomicReference<>();
        out.printf(Locale.ROOT, "bench scrape: GET /metrics every %d ms while the pipeline benchmark runs " +
            "(limit %d ms per scrape)%n", intervalMs, LIMIT_MS);

        final PipelineBenchmark.Result pipelineResult = PipelineBenchmark.run(
            messages, warmup, profile, "auto", null, recordings, false, out,
            (context, counters, pipeline) ->
            {
                final EngineConfiguration.Context http = new EngineConfiguration.Context()
                    .journalEnabled(false)
                    .httpEnabled(true)
                    .httpPort(0)
                    .conclude();
                final MetricsServer server = MetricsServer.bind(http);
                server.start(counters.reader(), pipeline.latency());
                server.ready(true);
                url.set(server.url() + "/metrics");
                final URI metrics = URI.create(url.get());
                // one untimed scrape first: it loads the HTTP classes of both sides, as any engine's first scrape
                // does long before a real Prometheus's steady scrapes
                final long firstNs = System.nanoTime();
                final String firstProblem = scrape(metrics);
                out.printf(Locale.ROOT, "first scrape (class loading, not counted): %.1f ms%s%n",
                    (System.nanoTime() - firstNs) / 1e6, firstProblem == null ? "" : ", " + firstProblem);
                final ScheduledExecutorService scraper = Executors.newSingleThreadScheduledExecutor((runnable) ->
                {
                    final Thread thread = new Thread(runnable, "bench-scraper");
                    thread.setDaemon(true);
                    return thread;
                });
                scraper.scheduleAtFixedRate(() ->
                {
                    final long startNs = System.nanoTime();
                    final String problem = scrape(metrics);
                    final long micros = Math.max(1, (System.nanoTime() - startNs) / 1000);
                    synchronized (scrapeMicros)
                    {
                        scrapeMicros.recordValue(Math.min(micros, scrapeMicros.getHighestTrackableValue()));
                    }
                    if (problem != null)
                    {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, problem);
                    }
                    if (micros > LIMIT_MS * 1000)
                    {
                        overLimit.incrementAndGet();
                    }
                }, 0, intervalMs, TimeUnit.MILLISECONDS);
                return () ->
                {
                    scraper.shutdown();
                    scraper.awaitTermination(10, TimeUnit.SECONDS);
                    server.close();
                };
            });

        final Histogram scrapes;
        synchronized (scrapeMicros)
        {
            scrapes = scrapeMicros.copy();
        }
        out.printf(Locale.ROOT, "scrapes of %s during warm-up and measured run: %d, ms: p50 %.2f, p99 %.2f, " +
            "p99.9 %.2f, max %.2f; over %d ms: %d; failed: %d%s%n", url.get(), scrapes.getTotalCount(),
            scrapes.getValueAtPercentile(50) / 1e3, scrapes.getValueAtPercentile(99) / 1e3,
            scrapes.getValueAtPercentile(99.9) / 1e3, scrapes.getMaxValue() / 1e3, LIMIT_MS, overLimit.get(),
            failed.get(), firstFailure.get() == null ? "" : " (first: " + firstFailure.get() + ")");
        final Result result = new Result(scrapes, overLimit.get(), failed.get(), pipelineResult);
        out.println(result.line());
        return result;
    }

    /**
     * @return null when the scrape answered 200 with the engine's metrics, else what went wrong.
     */
    private static String scrape(final URI metrics)
    {
        try
        {
            final HttpURLConnection connection = (HttpURLConnection)metrics.toURL().openConnection();
            connection.setConnectTimeout((int)(10 * LIMIT_MS));
            connection.setReadTimeout((int)(10 * LIMIT_MS));
            final int status = connection.getResponseCode();
            final byte[] body;
            try (InputStream in = status == 200 ? connection.getInputStream() : connection.getErrorStream())
            {
                body = in == null ? new byte[0] : in.readAllBytes();
            }
            if (status != 200)
            {
                return "HTTP " + status;
            }
            final String text = new String(body, StandardCharsets.UTF_8);
            if (!text.contains("marketprism_"))
            {
                return "no marketprism_ metrics in the answer";
            }
            return null;
        }
        catch (final IOException ex)
        {
            return ex.toString();
        }
    }
}
