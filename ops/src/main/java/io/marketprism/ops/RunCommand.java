/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.codecs.VenueNames;
import io.marketprism.engine.EngineConfiguration;
import io.marketprism.engine.EngineCounters;
import io.marketprism.engine.MarketDataPipeline;
import io.marketprism.feeds.Venues;
import io.marketprism.feeds.binance.BinanceRestEndpoint;
import io.marketprism.feeds.session.BinanceFeedVenue;
import io.marketprism.feeds.session.FeedEvent;
import io.marketprism.feeds.session.FeedEventListener;
import io.marketprism.feeds.session.FeedVenue;
import io.marketprism.feeds.session.LiveFeed;
import io.marketprism.feeds.session.RestPoll;
import io.marketprism.feeds.session.RestWeightBudget;
import io.marketprism.feeds.session.StreamFeedVenue;
import io.marketprism.feeds.subscribe.ConnectionPlan;
import io.marketprism.feeds.subscribe.SubscriptionBuilders;
import io.marketprism.feeds.subscribe.SubscriptionRequest;
import io.marketprism.ops.config.ConfigurationLoader;
import io.marketprism.ops.config.LoadedConfiguration;
import io.marketprism.ops.config.VenueSettings;
import io.marketprism.sbe.Venue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code run}: the engine's main job. Loads the configuration (every problem reported, exit 2, nothing started), then
 * starts the pipeline as configured (journal, Aeron publish, counters file, HTTP endpoints) and a {@link LiveFeed}
 * with a session per connection plan of every enabled venue that has a session implementation (the Binance venues
 * today), from the venue's {@code websocketUrl}, {@code restUrl}, trust store, instruments and data types. Enabled
 * venues without one are named in one line and skipped. Runs until SIGINT/SIGTERM or {@code --duration}, then closes
 * the feed, drains and closes the pipeline (and with it the journal) and prints a summary ending with
 * {@code journal: <path>}.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
        "Connect to the enabled venues of the configuration and run the engine until stopped (Ctrl-C, SIGTERM) or",
        "for --duration; then print a summary ending with the journal's path." })
public final class RunCommand implements Callable<Integer>
{
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final long SHUTDOWN_WAIT_S = 60;
    private static final long DRAIN_TIMEOUT_S = 30;

    @ParentCommand
    private MarketPrism parent;

    @Option(names = "--config", description = "a config file (HOCON) overriding marketprism-default.conf")
    private Path config;

    @Option(names = "--duration", description = "stop after this long, e.g. 500ms, 30s, 10m, 2h (default: run " +
        "until SIGINT or SIGTERM)")
    private String duration;

    @Option(names = "--journal", description = "journal directory (default: marketprism.journal.dir)")
    private Path journal;

    @Override
    public Integer call() throws Exception
    {
        final long durationNs = duration == null ? 0 : parseDurationNs(duration);
        final Map<String, String> overrides = new HashMap<>();
        if (journal != null)
        {
            overrides.put(EngineConfiguration.JOURNAL_DIR_PROP_NAME, journal.toString());
        }
        final LoadedConfiguration loaded = ConfigurationLoader.load(config, overrides);
        final EngineConfiguration.Context context = loaded.engine();
        final PrintStream err = parent.stderr();

        // everything that can be refused is checked before anything starts
        final List<VenueFeed> venueFeeds = new ArrayList<>();
        for (final VenueSettings settings : loaded.venues().enabled())
        {
            venueFeeds.add(VenueFeed.of(settings));
        }
        if (venueFeeds.isEmpty())
        {
            throw new IllegalArgumentException("run: no venue is enabled: enable one with " +
                "marketprism.venues.<venue>.enabled = true");
        }

        final PrintStream out = new PrintStream(new DecodeCommand.NonClosingOutputStream(parent.stdout()), true,
            StandardCharsets.UTF_8);
        final CountDownLatch stop = new CountDownLatch(1);
        final CountDownLatch finished = new CountDownLatch(1);
        final AtomicBoolean signalled = new AtomicBoolean();
        boolean interrupted = false;
        final Thread hook = new Thread(() ->
        {
            signalled.set(true);
            stop.countDown();
            try
            {
                // the JVM exits when the hooks end: wait for the clean shutdown and the summary
                finished.await(SHUTDOWN_WAIT_S, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ignored)
            {
                Thread.currentThread().interrupt();
            }
        }, "marketprism-run-stop");

        // the port is taken before anything runs: a port in use stops run with nothing half-started
        try (MetricsServer server = context.httpEnabled() ? MetricsServer.bind(context) : null;
            EngineCounters counters = EngineCounters.mapped(context.countersDir()))
        {
            final BookHealthAudit audit = new BookHealthAudit();
            err.println("marketprism: counters in " + counters.file().path() + " (marketprism stat --dir " +
                context.countersDir() + ")");
            try (MarketDataPipeline pipeline = MarketDataPipeline.start(context, Venues.rules(), counters, audit))
            {
                if (server != null)
                {
                    server.start(counters.reader(), pipeline.latency(), pipeline.bookSnapshots());
                    server.ready(true);
                    err.println("marketprism: " + server.url() +
                        "/metrics, /health, /ready and /book/{venue}/{symbol}");
                }
                final long startNs = System.nanoTime();
                final LiveFeed feed = LiveFeed.start(feedContext(context), pipeline.producer(),
                    pipeline.resyncRequests(), counters, new StderrListener(err));
                try
                {
                    Runtime.getRuntime().addShutdownHook(hook);
                    out.println("MarketPrism run: " + venueFeeds.size() + " venue" +
                        (venueFeeds.size() == 1 ? "" : "s") + ", until " +
                        (durationNs > 0 ? "--duration " + duration + " or " : "") + "SIGINT/SIGTERM");
                    for (final VenueFeed venueFeed : venueFeeds)
                    {
                        venueFeed.open(feed, out);
                    }
                    interrupted = awaitStop(stop, durationNs);
                }
                finally
                {
                    if (server != null)
                    {
                        server.ready(false);
                    }
                    feed.close();
                }
                final boolean drained = pipeline.awaitDrained(TimeUnit.SECONDS.toNanos(DRAIN_TIMEOUT_S));
                final long elapsedNs = System.nanoTime() - startNs;
                out.printf("%nstopped by %s after %.1f s%s%n", signalled.get() ? "a signal" :
                    interrupted ? "an interrupt" : "--duration " + duration, elapsedNs / 1e9,
                    drained ? "" : "; the pipeline did not drain within " + DRAIN_TIMEOUT_S + " s");
                printSummary(out, pipeline, counters, audit);
            }
            if (context.journalEnabled())
            {
                out.println("journal: " + context.journalDir().toAbsolutePath());
            }
            out.flush();
        }
        finally
        {
            finished.countDown();
            if (!signalled.get())
            {
                removeHook(hook);
            }
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
        return 0;
    }

    /**
     * @param text e.g. {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}.
     * @return nanoseconds, above 0.
     * @throws IllegalArgumentException naming the option when it is not such a duration.
     */
    static long parseDurationNs(final String text)
    {
        final Matcher matcher = DURATION.matcher(text.trim());
        final long value;
        try
        {
            value = matcher.matches() ? Long.parseLong(matcher.group(1)) : 0;
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("invalid --duration " + text + "; expected a whole number with a " +
                "unit, ms, s, m or h (e.g. 30s)", ex);
        }
        if (value <= 0)
        {
            throw new IllegalArgumentException("invalid --duration " + text + "; expected a whole number above 0 " +
                "with a unit, ms, s, m or h (e.g. 30s)");
        }
        final TimeUnit unit;
        switch (matcher.group(2))
        {
            case "ms":
                unit = TimeUnit.MILLISECONDS;
                break;
            case "s":
                unit = TimeUnit.SECONDS;
                break;
            case "m":
                unit = TimeUnit.MINUTES;
                break;
            default:
                unit = TimeUnit.HOURS;
                break;
        }
        return unit.toNanos(value);
    }

    /**
     * @return true when the thread was interrupted: a stop request from inside the process (tests, an embedding
     *         application), handled like a signal; the caller interrupts the thread again once shut down.
     */
    private static boolean awaitStop(final CountDownLatch stop, final long durationNs)
    {
        try
        {
            if (durationNs > 0)
            {
                stop.await(durationNs, TimeUnit.NANOSECONDS);
            }
            else
            {
                stop.await();
            }
        }
        catch (final InterruptedException ex)
        {
            // not re-interrupted here: closing the feed and draining the pipeline wait, and must not be cut short
            return true;
        }
        return false;
    }

    private static void removeHook(final Thread hook)
    {
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException ignored)
        {
            // the JVM is shutting down already
        }
    }

    private static void printSummary(
        final PrintStream out,
        final MarketDataPipeline pipeline,
        final EngineCounters counters,
        final BookHealthAudit audit)
    {
        final List<Integer> templates = new ArrayList<>();
        for (int template = 1; template <= EngineCounters.TEMPLATE_COUNT; template++)
        {
            for (final Venue venue : VenueNames.venues())
            {
                if (counters.messages(venue, template) > 0)
                {
                    templates.add(template);
                    break;
                }
            }
        }
        out.println();
        out.println("messages by venue and type:");
        out.printf("  %-14s", "venue");
        for (final int template : templates)
        {
            out.printf(" %10s", EngineCounters.templateName(template));
        }
        out.printf(" %10s %10s%n", "total", "reconnects");
        for (final Venue venue : VenueNames.venues())
        {
            long venueTotal = 0;
            for (final int template : templates)
            {
                venueTotal += counters.messages(venue, template);
            }
            final long reconnects = counters.reconnects(venue).get();
            if (venueTotal == 0 && reconnects == 0)
            {
                continue;
            }
            out.printf("  %-14s", VenueNames.name(venue));
            for (final int template : templates)
            {
                out.printf(" %10d", counters.messages(venue, template));
            }
            out.printf(" %10d %10d%n", venueTotal, reconnects);
        }

        EndSummary.books(out, pipeline, counters, audit);
        out.printf("connections: reconnects %d, disconnects %d, connect failures %d, circuit opens %d, stale %d, " +
            "rotations %d (failed %d); " +
            "REST requests %d, retries %d, rate-limited %d, failures %d; snapshots delivered %d, discarded %d; " +
            "books stale %d, recovered %d%n",
            counters.feedReconnects.get(), counters.feedDisconnects.get(), counters.feedConnectFailures.get(),
            counters.feedCircuitOpens.get(), counters.feedStaleConnections.get(), counters.feedRotations.get(),
            counters.feedRotationFailures.get(), counters.restRequests.get(),
            counters.restRetries.get(), counters.restRateLimited.get(), counters.restFailures.get(),
            counters.snapshotsDelivered.get(), counters.snapshotsDiscarded.get(), counters.booksStale.get(),
            counters.booksRecovered.get());

        out.println();
        out.println("latency from frame receipt, microseconds:");
        EndSummary.stageLatency(out, pipeline);

        out.println();
        out.printf("aeron: published %d, no subscriber %d, back-pressured %d, dropped %d%n",
            counters.published.get(), counters.publishNotConnected.get(), counters.publishBackPressured.get(),
            counters.publishDropped.get());
        out.printf("journaled: %d messages and %d raw frames%n", counters.journaled.get() - counters.rawFrames.get(),
            counters.rawFrames.get());
    }

    /**
     * One enabled venue with a session implementation: its connection plans, built (and refused) before anything
     * starts.
     */
    private static final class VenueFeed
    {
        private final VenueSettings settings;
        private final List<ConnectionPlan> plans;
        private final KeyStore trustStore;

        private VenueFeed(final VenueSettings settings, final List<ConnectionPlan> plans, final KeyStore trustStore)
        {
            this.settings = settings;
            this.plans = plans;
            this.trustStore = trustStore;
        }

        static VenueFeed of(final VenueSettings settings)
        {
            final List<ConnectionPlan> plans;
            try
            {
                plans = SubscriptionBuilders.forVenue(settings.venue(), settings.websocketUrl())
                    .plan(SubscriptionRequest.subscribe(settings.instruments(), settings.dataTypes()));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("run: marketprism.venues." + settings.name() + ": " +
                    ex.getMessage(), ex);
            }
            KeyStore trustStore = null;
            if (settings.trustStore() != null)
            {
                try
                {
                    trustStore = KeyStore.getInstance(settings.trustStore().toFile(),
                        settings.trustStorePassword().toCharArray());
                }
                catch (final java.io.IOException | java.security.GeneralSecurityException ex)
                {
                    throw new IllegalArgumentException("run: marketprism.venues." + settings.name() +
                        ".trustStore=" + settings.trustStore() + ": cannot be read (" + ex.getMessage() + ")", ex);
                }
            }
            return new VenueFeed(settings, plans, trustStore);
        }

        void open(final LiveFeed feed, final PrintStream out)
        {
            int streams = 0;
            for (final ConnectionPlan plan : plans)
            {
                feed.open(feedVenue(plan), plan);
                streams += plan.streams().size();
            }
            if (!settings.restPolls().isEmpty())
            {
                final BinanceFeedVenue venue = new BinanceFeedVenue(settings.venue(), settings.restUrl(), trustStore);
                final List<RestPoll> polls = new ArrayList<>();
                for (final String instrument : settings.instruments())
                {
                    for (final String endpoint : settings.restPolls())
                    {
                        polls.add(venue.poll(BinanceRestEndpoint.ofConfigName(endpoint), instrument,
                            TimeUnit.MILLISECONDS.toNanos(settings.restPollIntervalMs())));
                    }
                }
                feed.poll(venue, polls,
                    new RestWeightBudget(settings.restWeightPerMinute(), TimeUnit.MINUTES.toNanos(1)));
            }
            out.printf("  %-14s %s: %d connection%s, %d streams (%s x %s), REST %s%s%n", settings.name(),
                settings.websocketUrl(), plans.size(), plans.size() == 1 ? "" : "s", streams,
                String.join(",", settings.instruments()), dataTypeNames(),
                (booksFromStream(settings.venue()) ? "none (books from the stream)" : settings.restUrl()) +
                (settings.restPolls().isEmpty() ? "" : ", polling " + String.join(",", settings.restPolls()) +
                " every " + settings.restPollIntervalMs() + " ms"),
                trustStore != null ? ", trust store " + settings.trustStore() : "");
        }

        /**
         * @return the session's view of the venue for one connection: Binance's books from REST snapshots, Bybit's
         *         (one category a connection), OKX's, Deribit's, Kraken's, Kraken Futures' and Coinbase's from the
         *         stream.
         */
        private FeedVenue feedVenue(final ConnectionPlan plan)
        {
            switch (settings.venue())
            {
                case BYBIT:
                    return StreamFeedVenue.bybit(plan, trustStore);
                case OKX:
                    return StreamFeedVenue.okx(trustStore);
                case DERIBIT:
                    return StreamFeedVenue.deribit(trustStore);
                case KRAKEN_FUTURES:
                    return StreamFeedVenue.krakenFutures(trustStore);
                case KRAKEN:
                    return StreamFeedVenue.kraken(trustStore);
                case COINBASE:
                    return StreamFeedVenue.coinbase(trustStore);
                default:
                    return new BinanceFeedVenue(settings.venue(), settings.restUrl(), trustStore);
            }
        }

        private static boolean booksFromStream(final Venue venue)
        {
            return venue == Venue.BYBIT || venue == Venue.OKX || venue == Venue.DERIBIT ||
                venue == Venue.KRAKEN || venue == Venue.KRAKEN_FUTURES || venue == Venue.COINBASE;
        }

        private String dataTypeNames()
        {
            final List<String> names = new ArrayList<>();
            for (final io.marketprism.feeds.subscribe.DataType type : settings.dataTypes())
            {
                names.add(ConfigurationLoader.dataTypeName(type));
            }
            return String.join(",", names);
        }
    }

    /**
     * Feed events as one line each on stderr (connection attempts and snapshot requests left out: the outcome of
     * each is printed); an unreachable endpoint prints a line per attempt, as the backoff spaces them.
     */
    /**
     * The feed's settings from the {@code marketprism.feed} section.
     *
     * @param context the engine's configuration.
     * @return the feed's context, not yet concluded.
     */
    static LiveFeed.Context feedContext(final EngineConfiguration.Context context)
    {
        return new LiveFeed.Context()
            .staleAfterNs(TimeUnit.MILLISECONDS.toNanos(context.feedStaleAfterMs()))
            .rotateAfterNs(TimeUnit.MILLISECONDS.toNanos(context.feedRotateAfterMs()))
            .reconnectBackoffInitialNs(TimeUnit.MILLISECONDS.toNanos(context.feedReconnectBackoffInitialMs()))
            .reconnectBackoffMaxNs(TimeUnit.MILLISECONDS.toNanos(context.feedReconnectBackoffMaxMs()))
            .circuitFailures(context.feedCircuitFailures())
            .circuitOpenNs(TimeUnit.MILLISECONDS.toNanos(context.feedCircuitOpenMs()))
            .connectTimeoutNs(TimeUnit.MILLISECONDS.toNanos(context.feedConnectTimeoutMs()))
            .pingIntervalNs(TimeUnit.MILLISECONDS.toNanos(context.feedPingIntervalMs()))
            .pongTimeoutNs(TimeUnit.MILLISECONDS.toNanos(context.feedPongTimeoutMs()))
            .restTimeoutNs(TimeUnit.MILLISECONDS.toNanos(context.feedRestTimeoutMs()))
            .restBackoffInitialNs(TimeUnit.MILLISECONDS.toNanos(context.feedRestBackoffInitialMs()))
            .restBackoffMaxNs(TimeUnit.MILLISECONDS.toNanos(context.feedRestBackoffMaxMs()));
    }

    private static final class StderrListener implements FeedEventListener
    {
        private final PrintStream err;

        StderrListener(final PrintStream err)
        {
            this.err = err;
        }

        @Override
        public void onEvent(final String session, final FeedEvent event, final String detail)
        {
            if (event == FeedEvent.SNAPSHOT_REQUESTED || event == FeedEvent.CONNECTING)
            {
                return;
            }
            err.println("marketprism: feed " + session + " " + event.name().toLowerCase(Locale.ROOT) +
                (detail.isEmpty() ? "" : ": " + detail));
        }
    }
}
