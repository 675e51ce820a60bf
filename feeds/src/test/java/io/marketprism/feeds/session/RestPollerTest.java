/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

import io.marketprism.engine.EngineConfiguration;
import io.marketprism.engine.EngineCounters;
import io.marketprism.engine.MarketDataPipeline;
import io.marketprism.feeds.Venues;
import io.marketprism.feeds.binance.BinanceRestEndpoint;
import io.marketprism.feeds.sim.FaultPlan;
import io.marketprism.feeds.sim.VenueSimulator;
import io.marketprism.journal.JournalReader;
import io.marketprism.sbe.FundingDecoder;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.OpenInterestDecoder;
import io.marketprism.sbe.RatioDecoder;
import io.marketprism.sbe.Venue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Binance USD-M's funding, open interest and long/short ratio polled over REST from the simulator on loopback, which
 * answers with Binance's recorded responses (gocryptotrader's recording): the bodies reach the journal as Funding,
 * OpenInterest and Ratio messages with the recorded values; the venue's weight budget holds requests back; and a
 * {@code 429} with {@code Retry-After} stops every poll of the venue for that long.
 */
@Timeout(60)
class RestPollerTest
{
    private static final String POLLED = "gocryptotrader/binance-http.json.gz";
    private static final long WAIT_NS = TimeUnit.SECONDS.toNanos(30);

    @TempDir
    Path dir;

    @Test
    void shouldJournalThePolledFundingOpenInterestAndRatios() throws Exception
    {
        try (Run run = new Run(List.of(), new RestWeightBudget(1000, TimeUnit.MINUTES.toNanos(1))))
        {
            assertTrue(FeedHarness.await(() -> run.poller.delivered() >= 6, WAIT_NS), "two rounds delivered");
            final Map<Integer, List<String>> messages = run.stop();
            // the recorded values, as gocryptotrader recorded Binance's answers for BTCUSDT
            assertTrue(messages.get(FundingDecoder.TEMPLATE_ID).contains("mark 26780.82240476 index 26798.25197802 " +
                "rate 0.00001226"), messages.toString());
            assertTrue(messages.get(OpenInterestDecoder.TEMPLATE_ID).contains("open interest 83782.317"),
                messages.toString());
            assertTrue(messages.get(RatioDecoder.TEMPLATE_ID).stream().anyMatch(r -> r.startsWith("ratio ")),
                messages.toString());
            assertEquals(0, run.counters.restFailures.get(), "failures");
        }
    }

    @Test
    void shouldHoldPollsBackToTheVenuesWeightBudget() throws Exception
    {
        // three polls every 100 ms, 4 weight per 2 s: the first window takes four requests, then they wait
        try (Run run = new Run(List.of(), new RestWeightBudget(4, TimeUnit.SECONDS.toNanos(2))))
        {
            assertTrue(FeedHarness.await(() -> run.poller.deferred() >= 3, WAIT_NS), "requests held back");
            final long requests = run.simulator.counter(VenueSimulator.REST_REQUESTS);
            run.stop();
            assertTrue(requests <= 8, "at most four requests a window, two windows at most: " + requests);
        }
    }

    @Test
    void shouldStopEveryPollOfTheVenueForItsRetryAfter() throws Exception
    {
        // the venue's first answer is 429 with Retry-After 2 s
        try (Run run = new Run(List.of("rest:status=429,retry-after=2s"),
            new RestWeightBudget(1000, TimeUnit.MINUTES.toNanos(1))))
        {
            assertTrue(FeedHarness.await(() -> run.counters.restRateLimited.get() == 1, WAIT_NS), "the 429");
            final long limitedAt = System.nanoTime();
            assertTrue(FeedHarness.await(() -> run.poller.delivered() >= 3, WAIT_NS), "polled again after");
            final long pausedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - limitedAt);
            run.stop();
            assertTrue(pausedMs >= 1_800, "no request answered within the venue's 2 s: " + pausedMs + " ms");
            assertEquals(1, run.events.getOrDefault(FeedEvent.REST_RATE_LIMITED, new AtomicLong()).get());
        }
    }

    private final class Run implements AutoCloseable
    {
        final EngineCounters counters = new EngineCounters();
        final Map<FeedEvent, AtomicLong> events = new ConcurrentHashMap<>();
        final VenueSimulator simulator;
        final MarketDataPipeline pipeline;
        final LiveFeed feed;
        final RestPoller poller;
        private boolean stopped;

        Run(final List<String> faults, final RestWeightBudget budget) throws Exception
        {
            simulator = VenueSimulator.start(new VenueSimulator.Context()
                .venue(Venue.BINANCE_USDM)
                .recording(List.of(FeedHarness.recording("cryptofeed/BINANCE_FUTURES.ws.1.0.gz")))
                .recordingFormat("cryptofeed")
                .polledResponses(FeedHarness.recording(POLLED))
                .faults(FaultPlan.parse(faults)));
            pipeline = MarketDataPipeline.start(new EngineConfiguration.Context()
                .journalEnabled(true)
                .journalDir(dir.resolve("journal"))
                .publishEnabled(false)
                .ringSize(1024), Venues.rules(), counters);
            feed = LiveFeed.start(FeedHarness.fastFeed(), pipeline.producer(), pipeline.resyncRequests(), counters,
                (name, event, detail) -> events.computeIfAbsent(event, e -> new AtomicLong()).incrementAndGet());
            final BinanceFeedVenue venue =
                new BinanceFeedVenue(Venue.BINANCE_USDM, simulator.baseUrl().replace("ws://", "http://"));
            final long everyNs = TimeUnit.MILLISECONDS.toNanos(100);
            poller = feed.poll(venue, List.of(
                venue.poll(BinanceRestEndpoint.PREMIUM_INDEX, "BTCUSDT", everyNs),
                venue.poll(BinanceRestEndpoint.OPEN_INTEREST, "BTCUSDT", everyNs),
                venue.poll(BinanceRestEndpoint.GLOBAL_LONG_SHORT_ACCOUNT_RATIO, "BTCUSDT", everyNs)), budget);
        }

        /**
         * @return the journaled funding, open interest and ratio messages, by template id, as text.
         */
        Map<Integer, List<String>> stop()
        {
            stopped = true;
            feed.close();
            pipeline.awaitDrained(TimeUnit.SECONDS.toNanos(30));
            final Map<Integer, List<String>> messages = new ConcurrentHashMap<>();
            for (final int template : new int[] {FundingDecoder.TEMPLATE_ID, OpenInterestDecoder.TEMPLATE_ID,
                RatioDecoder.TEMPLATE_ID})
            {
                messages.put(template, new ArrayList<>());
            }
            final MessageHeaderDecoder header = new MessageHeaderDecoder();
            final FundingDecoder funding = new FundingDecoder();
            final OpenInterestDecoder openInterest = new OpenInterestDecoder();
            final RatioDecoder ratio = new RatioDecoder();
            try (JournalReader reader = new JournalReader(dir.resolve("journal")))
            {
                while (reader.poll((buffer, offset, length, index) ->
                {
                    header.wrap(buffer, offset);
                    final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
                    final int template = header.templateId();
                    if (template == FundingDecoder.TEMPLATE_ID)
                    {
                        funding.wrap(buffer, body, header.blockLength(), header.version());
                        messages.get(template).add("mark " + decimal(funding.markPrice().mantissa(),
                            funding.markPrice().exponent()) + " index " + decimal(funding.indexPrice().mantissa(),
                            funding.indexPrice().exponent()) + " rate " + decimal(funding.fundingRate().mantissa(),
                            funding.fundingRate().exponent()));
                    }
                    else if (template == OpenInterestDecoder.TEMPLATE_ID)
                    {
                        openInterest.wrap(buffer, body, header.blockLength(), header.version());
                        messages.get(template).add("open interest " + decimal(
                            openInterest.openInterest().mantissa(), openInterest.openInterest().exponent()));
                    }
                    else if (template == RatioDecoder.TEMPLATE_ID)
                    {
                        ratio.wrap(buffer, body, header.blockLength(), header.version());
                        messages.get(template).add("ratio " + decimal(ratio.longShortRatio().mantissa(),
                            ratio.longShortRatio().exponent()));
                    }
                }, 64) > 0)
                {
                    // drain
                }
            }
            return messages;
        }

        @Override
        public void close()
        {
            if (!stopped)
            {
                feed.close();
            }
            pipeline.close();
            simulator.close();
            counters.close();
        }
    }

    private static String decimal(final long mantissa, final int exponent)
    {
        return new java.math.BigDecimal(java.math.BigInteger.valueOf(mantissa), -exponent).toPlainString();
    }
}
