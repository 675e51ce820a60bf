/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine;

import io.marketprism.engine.EngineConfiguration.ConfigurationException;
import io.marketprism.engine.EngineConfiguration.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static io.marketprism.engine.EngineConfiguration.AERON_DIR_PROP_NAME;
import static io.marketprism.engine.EngineConfiguration.FEED_STALE_AFTER_PROP_NAME;
import static io.marketprism.engine.EngineConfiguration.FEED_ROTATE_AFTER_PROP_NAME;
import static io.marketprism.engine.EngineConfiguration.FEED_RECONNECT_BACKOFF_INITIAL_PROP_NAME;
import static io.marketprism.engine.EngineConfiguration.FEED_RECONNECT_BACKOFF_MAX_PROP_NAME;
import static io.marketprism.engine.EngineConfiguration.FEED_CIRCUIT_FAILURES_PROP_NAME;
import static io.marketprism.engine.EngineConfiguration.FEED_CIRCUIT_OPEN_PROP_NAME;
import static io.marketprism.engine.EngineConfiguration.FEED_CONNECT_TIMEOUT_PROP_NAME;
import static io.marketprism.engine.EngineConfiguration.FEED_PING_INTERVAL_PROP_NAME;
import static io.marketprism.engine.EngineConfiguration.FEED_PONG_TIMEOUT_PROP_NAME;
import static io.marketprism.engine.EngineConfiguration.FEED_REST_TIMEOUT_PROP_NAME;
import static io.marketprism.engine.EngineConfiguration.FEED_REST_BACKOFF_INITIAL_PROP_NAME;
import static io.marketprism.engine.EngineConfiguration.FEED_REST_BACKOFF_MAX_PROP_NAME;
import static io.marketprism.engine.EngineConfiguration.BOOK_INITIAL_LEVELS_PROP_NAME;
import static io.marketprism.engine.EngineConfiguration.BOOK_LADDER_TICKS_PROP_NAME;
import static io.marketprism.engine.EngineConfiguration.JOURNAL_RETENTION_HOURS_PROP_NAME;
import static io.marketprism.engine.EngineConfiguration.BOOK_PENDING_INITIAL_PROP_NAME;
import static io.marketprism.engine.EngineConfiguration.BOOK_PENDING_MAX_PROP_NAME;
import static io.marketprism.engine.EngineConfiguration.INSTRUMENTS_MAX_PROP_NAME;
import static io.marketprism.engine.EngineConfiguration.JOURNAL_BLOCK_SIZE_PROP_NAME;
import static io.marketprism.engine.EngineConfiguration.JOURNAL_DIR_PROP_NAME;
import static io.marketprism.engine.EngineConfiguration.JOURNAL_ENABLED_PROP_NAME;
import static io.marketprism.engine.EngineConfiguration.JOURNAL_ROLL_CYCLE_PROP_NAME;
import static io.marketprism.engine.EngineConfiguration.LOG_CAPACITY_PROP_NAME;
import static io.marketprism.engine.EngineConfiguration.PUBLISH_BACK_PRESSURE_TIMEOUT_PROP_NAME;
import static io.marketprism.engine.EngineConfiguration.PUBLISH_CHANNEL_PROP_NAME;
import static io.marketprism.engine.EngineConfiguration.PUBLISH_ENABLED_PROP_NAME;
import static io.marketprism.engine.EngineConfiguration.PUBLISH_STREAM_ID_PROP_NAME;
import static io.marketprism.engine.EngineConfiguration.RESYNC_QUEUE_CAPACITY_PROP_NAME;
import static io.marketprism.engine.EngineConfiguration.RING_SIZE_PROP_NAME;
import static io.marketprism.engine.EngineConfiguration.THREADING_PROFILE_PROP_NAME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class EngineConfigurationTest
{

    @TempDir
    Path tempDir;

    @Test
    void shouldConcludeTheDefaults()
    {
        final Context context = new Context().journalDir(tempDir);
        assertSame(context, context.conclude());

        assertEquals(EngineConfiguration.RING_SIZE_DEFAULT, context.ringSize());
        assertEquals(EngineConfiguration.LOG_CAPACITY_DEFAULT, context.logCapacityBytes());
        assertEquals(ThreadingProfile.DEV, context.threadingProfile());
        assertEquals(EngineConfiguration.BOOK_INITIAL_LEVELS_DEFAULT, context.bookInitialLevels());
        assertEquals(EngineConfiguration.BOOK_LADDER_TICKS_DEFAULT, context.bookLadderTicks());
        assertEquals(EngineConfiguration.BOOK_PENDING_INITIAL_DEFAULT, context.bookPendingInitialBytes());
        assertEquals(EngineConfiguration.BOOK_PENDING_MAX_DEFAULT, context.bookPendingMaxBytes());
        assertEquals(EngineConfiguration.INSTRUMENTS_MAX_DEFAULT, context.instrumentsMax());
        assertEquals(EngineConfiguration.JOURNAL_ENABLED_DEFAULT, context.journalEnabled());
        assertEquals(tempDir, context.journalDir());
        assertEquals(EngineConfiguration.JOURNAL_ROLL_CYCLE_DEFAULT, context.journalRollCycle());
        assertEquals(EngineConfiguration.JOURNAL_BLOCK_SIZE_DEFAULT, context.journalBlockSizeBytes());
        assertEquals(EngineConfiguration.PUBLISH_ENABLED_DEFAULT, context.publishEnabled());
        assertEquals(EngineConfiguration.PUBLISH_CHANNEL_DEFAULT, context.publishChannel());
        assertEquals(EngineConfiguration.PUBLISH_STREAM_ID_DEFAULT, context.publishStreamId());
        assertEquals(EngineConfiguration.PUBLISH_BACK_PRESSURE_TIMEOUT_DEFAULT, context.publishBackPressureTimeoutNs());
        assertEquals("", context.aeronDir());
        assertEquals(EngineConfiguration.RESYNC_QUEUE_CAPACITY_DEFAULT, context.resyncQueueCapacityBytes());

        assertFalse(new Context().journalEnabled(false).conclude().journalEnabled(), "no journal, no directory");
    }

    @Test
    void shouldRequireAJournalDirectoryWhenTheJournalIsEnabled()
    {
        final ConfigurationException ex = assertThrows(ConfigurationException.class, () -> new Context().conclude());
        assertEquals(JOURNAL_DIR_PROP_NAME, ex.key());
        assertTrue(ex.getMessage().contains(JOURNAL_DIR_PROP_NAME), ex.getMessage());

        final ConfigurationException empty = assertThrows(ConfigurationException.class,
            () -> new Context().set(JOURNAL_DIR_PROP_NAME, "  ").conclude());
        assertEquals(JOURNAL_DIR_PROP_NAME, empty.key());

        new Context().set(JOURNAL_ENABLED_PROP_NAME, "false").conclude();
    }

    @Test
    void shouldRejectEveryInvalidValueNamingTheKeyAndTheAllowedValues()
    {
        final List<String[]> cases = List.of(
            new String[]{ RING_SIZE_PROP_NAME, "100", "a power of two from 64 to 16777216" },
            new String[]{ RING_SIZE_PROP_NAME, "32", "a power of two from 64 to 16777216" },
            new String[]{ RING_SIZE_PROP_NAME, "33554432", "a power of two from 64 to 16777216" },
            new String[]{ RING_SIZE_PROP_NAME, "64k", "an integer" },
            new String[]{ LOG_CAPACITY_PROP_NAME, "3m", "a power of two from 1m to 1g" },
            new String[]{ LOG_CAPACITY_PROP_NAME, "512k", "a power of two from 1m to 1g" },
            new String[]{ LOG_CAPACITY_PROP_NAME, "2g", "a power of two from 1m to 1g" },
            new String[]{ LOG_CAPACITY_PROP_NAME, "-1m", "a power of two from 1m to 1g" },
            new String[]{ LOG_CAPACITY_PROP_NAME, "4294967296", "a power of two from 1m to 1g" },
            new String[]{ LOG_CAPACITY_PROP_NAME, "lots", "a byte size such as 65536, 64k, 64m or 1g" },
            new String[]{ THREADING_PROFILE_PROP_NAME, "fast", "dev or low-latency" },
            new String[]{ BOOK_INITIAL_LEVELS_PROP_NAME, "3", "4 to 16777216" },
            new String[]{ BOOK_INITIAL_LEVELS_PROP_NAME, "33554432", "4 to 16777216" },
            new String[]{ BOOK_LADDER_TICKS_PROP_NAME, "32", "a power of two from 64 to 262144" },
            new String[]{ BOOK_LADDER_TICKS_PROP_NAME, "1000", "a power of two from 64 to 262144" },
            new String[]{ BOOK_LADDER_TICKS_PROP_NAME, "524288", "a power of two from 64 to 262144" },
            new String[]{
                BOOK_PENDING_INITIAL_PROP_NAME, "512", "at least 1k and at most " + BOOK_PENDING_MAX_PROP_NAME },
            new String[]{ BOOK_PENDING_INITIAL_PROP_NAME, "16m", "at most " + BOOK_PENDING_MAX_PROP_NAME },
            new String[]{ BOOK_PENDING_MAX_PROP_NAME, "2g", "at most 1g" },
            new String[]{ INSTRUMENTS_MAX_PROP_NAME, "0", "1 to 10000000" },
            new String[]{ INSTRUMENTS_MAX_PROP_NAME, "10000001", "1 to 10000000" },
            new String[]{ JOURNAL_ENABLED_PROP_NAME, "yes", "true or false" },
            new String[]{ JOURNAL_ROLL_CYCLE_PROP_NAME, "WEEKLYISH", "FAST_HOURLY" },
            new String[]{ JOURNAL_BLOCK_SIZE_PROP_NAME, "1000", "a power of two from 64k to 1g" },
            new String[]{ JOURNAL_BLOCK_SIZE_PROP_NAME, "32k", "a power of two from 64k to 1g" },
            new String[]{ JOURNAL_BLOCK_SIZE_PROP_NAME, "2g", "a power of two from 64k to 1g" },
            new String[]{ PUBLISH_ENABLED_PROP_NAME, "on", "true or false" },
            new String[]{ PUBLISH_CHANNEL_PROP_NAME, "udp://localhost:40123", "an Aeron channel URI" },
            new String[]{ PUBLISH_CHANNEL_PROP_NAME, "aeron:udp", "udp needs an endpoint or a control address" },
            new String[]{ PUBLISH_CHANNEL_PROP_NAME, "aeron:udp?term-length=16m", "an Aeron channel URI" },
            new String[]{ PUBLISH_CHANNEL_PROP_NAME, "aeron:tcp?endpoint=10.0.0.2:40456", "an Aeron channel URI" },
            new String[]{ PUBLISH_CHANNEL_PROP_NAME, "aeron:udp?endpoint", "an Aeron channel URI" },
            new String[]{ PUBLISH_STREAM_ID_PROP_NAME, "0", "a non-zero int" },
            new String[]{ PUBLISH_STREAM_ID_PROP_NAME, "one", "an integer" },
            new String[]{ PUBLISH_BACK_PRESSURE_TIMEOUT_PROP_NAME, "-1", "0 to 10000000000 (10 s)" },
            new String[]{ PUBLISH_BACK_PRESSURE_TIMEOUT_PROP_NAME, "10000000001", "0 to 10000000000 (10 s)" },
            new String[]{ PUBLISH_BACK_PRESSURE_TIMEOUT_PROP_NAME, "1ms", "an integer" },
            new String[]{ JOURNAL_RETENTION_HOURS_PROP_NAME, "-1", "0 (keep everything) to 876000" },
            new String[]{ JOURNAL_RETENTION_HOURS_PROP_NAME, "876001", "0 (keep everything) to 876000" },
            new String[]{ JOURNAL_RETENTION_HOURS_PROP_NAME, "1d", "an integer" },
            new String[]{ RESYNC_QUEUE_CAPACITY_PROP_NAME, "1000", "a power of two from 1k to 1g" },
            new String[]{ RESYNC_QUEUE_CAPACITY_PROP_NAME, "512", "a power of two from 1k to 1g" },
            new String[]{ RESYNC_QUEUE_CAPACITY_PROP_NAME, "2g", "a power of two from 1k to 1g" },
            new String[]{ FEED_STALE_AFTER_PROP_NAME, "-1", "0 (off) to 86400000 (a day)" },
            new String[]{ FEED_ROTATE_AFTER_PROP_NAME, "999", "0 (off) or 1000 to 86400000 (a day)" },
            new String[]{ FEED_ROTATE_AFTER_PROP_NAME, "86400001", "0 (off) or 1000 to 86400000 (a day)" },
            new String[]{ FEED_RECONNECT_BACKOFF_INITIAL_PROP_NAME, "0", "1 to 3600000 (an hour)" },
            new String[]{ FEED_RECONNECT_BACKOFF_MAX_PROP_NAME, "50", "at least " +
                FEED_RECONNECT_BACKOFF_INITIAL_PROP_NAME + " (100)" },
            new String[]{ FEED_CIRCUIT_FAILURES_PROP_NAME, "0", "1 to 1000000" },
            new String[]{ FEED_CIRCUIT_FAILURES_PROP_NAME, "1e3", "an integer" },
            new String[]{ FEED_CIRCUIT_OPEN_PROP_NAME, "86400001", "1 to 86400000 (a day)" },
            new String[]{ FEED_CONNECT_TIMEOUT_PROP_NAME, "600001", "1 to 600000 (10 minutes)" },
            new String[]{ FEED_PING_INTERVAL_PROP_NAME, "0", "1 to 3600000 (an hour)" },
            new String[]{ FEED_PONG_TIMEOUT_PROP_NAME, "3600001", "1 to 3600000 (an hour)" },
            new String[]{ FEED_REST_TIMEOUT_PROP_NAME, "0", "1 to 600000 (10 minutes)" },
            new String[]{ FEED_REST_BACKOFF_INITIAL_PROP_NAME, "0", "1 to 3600000 (an hour)" },
            new String[]{ FEED_REST_BACKOFF_MAX_PROP_NAME, "100", "at least " +
                FEED_REST_BACKOFF_INITIAL_PROP_NAME + " (250)" });

        for (final String[] invalid : cases)
        {
            final String key = invalid[0];
            final String value = invalid[1];
            final ConfigurationException ex = assertThrows(ConfigurationException.class,
                () -> new Context().journalDir(tempDir).set(key, value).conclude(), key + "=" + value);
            assertEquals(key, ex.key(), ex.getMessage());
            assertTrue(ex.getMessage().contains(key + "="), ex.getMessage());
            assertTrue(ex.getMessage().contains(invalid[2]), key + "=" + value + ": " + ex.getMessage());
        }
    }

    @Test
    void shouldNameEveryRollCycleWhenTheRollCycleIsUnknown()
    {
        final ConfigurationException ex = assertThrows(ConfigurationException.class,
            () -> new Context().journalDir(tempDir).journalRollCycle("hourly-ish").conclude());
        assertEquals(JOURNAL_ROLL_CYCLE_PROP_NAME, ex.key());
        for (final String cycle : List.of("FAST_HOURLY", "FAST_DAILY", "HOURLY", "DAILY", "MINUTELY"))
        {
            assertTrue(ex.getMessage().contains(cycle), ex.getMessage());
        }
    }

    @Test
    void shouldRejectUnknownKeysNamingTheKnownOnes()
    {
        final ConfigurationException ex = assertThrows(ConfigurationException.class,
            () -> new Context().set("marketprism.ring.sise", "1024"));
        assertEquals("marketprism.ring.sise", ex.key());
        for (final String key : EngineConfiguration.keys())
        {
            assertTrue(ex.getMessage().contains(key), ex.getMessage());
        }

        final Properties properties = new Properties();
        properties.setProperty("marketprism.journal.enable", "false");
        final ConfigurationException fromProperties =
            assertThrows(ConfigurationException.class, () -> Context.fromProperties(properties));
        assertEquals("marketprism.journal.enable", fromProperties.key());
    }

    @Test
    void shouldReadPropertiesIgnoringKeysThatAreNotTheEngines()
    {
        final Properties properties = new Properties();
        properties.setProperty(RING_SIZE_PROP_NAME, " 1024 ");
        properties.setProperty(LOG_CAPACITY_PROP_NAME, "2m");
        properties.setProperty(THREADING_PROFILE_PROP_NAME, "LOW-LATENCY");
        properties.setProperty(JOURNAL_ENABLED_PROP_NAME, "TRUE");
        properties.setProperty(JOURNAL_DIR_PROP_NAME, tempDir.toString());
        properties.setProperty(JOURNAL_ROLL_CYCLE_PROP_NAME, "fast_daily");
        properties.setProperty(JOURNAL_BLOCK_SIZE_PROP_NAME, "8m");
        properties.setProperty(PUBLISH_ENABLED_PROP_NAME, "False");
        properties.setProperty(PUBLISH_STREAM_ID_PROP_NAME, "-7");
        properties.setProperty(AERON_DIR_PROP_NAME, "/dev/shm/elsewhere");
        properties.setProperty(BOOK_PENDING_INITIAL_PROP_NAME, "1k");
        properties.setProperty(BOOK_PENDING_MAX_PROP_NAME, "1g");
        properties.setProperty("marketprism.recordings", "/somewhere");
        properties.setProperty("marketprism.home", "/opt/marketprism");
        properties.setProperty("marketprism.cli.anything", "x");
        properties.setProperty("java.io.tmpdir", "/tmp");

        final Context context = Context.fromProperties(properties).conclude();
        assertEquals(1024, context.ringSize());
        assertEquals(2 * 1024 * 1024, context.logCapacityBytes());
        assertEquals(ThreadingProfile.LOW_LATENCY, context.threadingProfile());
        assertTrue(context.journalEnabled());
        assertEquals(tempDir, context.journalDir());
        assertEquals("fast_daily", context.journalRollCycle());
        assertEquals(8 * 1024 * 1024, context.journalBlockSizeBytes());
        assertFalse(context.publishEnabled());
        assertEquals(-7, context.publishStreamId());
        assertEquals("/dev/shm/elsewhere", context.aeronDir());
        assertEquals(1024, context.bookPendingInitialBytes());
        assertEquals(1 << 30, context.bookPendingMaxBytes());
    }

    @Test
    void shouldReadTheFeedSettings()
    {
        final Properties properties = new Properties();
        properties.setProperty(FEED_STALE_AFTER_PROP_NAME, "0");
        properties.setProperty(FEED_ROTATE_AFTER_PROP_NAME, "3600000");
        properties.setProperty(FEED_RECONNECT_BACKOFF_INITIAL_PROP_NAME, "5");
        properties.setProperty(FEED_RECONNECT_BACKOFF_MAX_PROP_NAME, "5");
        properties.setProperty(FEED_CIRCUIT_FAILURES_PROP_NAME, "3");
        properties.setProperty(FEED_CIRCUIT_OPEN_PROP_NAME, "200");
        properties.setProperty(FEED_CONNECT_TIMEOUT_PROP_NAME, "1500");
        properties.setProperty(FEED_PING_INTERVAL_PROP_NAME, "3000");
        properties.setProperty(FEED_PONG_TIMEOUT_PROP_NAME, "700");
        properties.setProperty(FEED_REST_TIMEOUT_PROP_NAME, "2000");
        properties.setProperty(FEED_REST_BACKOFF_INITIAL_PROP_NAME, "20");
        properties.setProperty(FEED_REST_BACKOFF_MAX_PROP_NAME, "400");

        final Context context = Context.fromProperties(properties).journalDir(tempDir).conclude();
        assertEquals(0, context.feedStaleAfterMs());
        assertEquals(3_600_000, context.feedRotateAfterMs());
        assertEquals(5, context.feedReconnectBackoffInitialMs());
        assertEquals(5, context.feedReconnectBackoffMaxMs(), "equal to the initial delay is allowed");
        assertEquals(3, context.feedCircuitFailures());
        assertEquals(200, context.feedCircuitOpenMs());
        assertEquals(1500, context.feedConnectTimeoutMs());
        assertEquals(3000, context.feedPingIntervalMs());
        assertEquals(700, context.feedPongTimeoutMs());
        assertEquals(2000, context.feedRestTimeoutMs());
        assertEquals(20, context.feedRestBackoffInitialMs());
        assertEquals(400, context.feedRestBackoffMaxMs());
    }

    @Test
    void shouldValidateAgainAfterASettingChanges()
    {
        final Context context = new Context().journalDir(tempDir).conclude();
        context.ringSize(100);
        final ConfigurationException ex = assertThrows(ConfigurationException.class, context::conclude);
        assertEquals(RING_SIZE_PROP_NAME, ex.key());
        context.ringSize(128).conclude();
        assertEquals(128, context.ringSize());

        context.journalDir(null);
        assertThrows(ConfigurationException.class, context::conclude);
        context.journalEnabled(false).conclude();
        assertNull(context.journalDir());

        context.aeronDir(null);
        assertEquals("", context.aeronDir());
    }

    @Test
    void shouldParseSizesWithBinarySuffixes()
    {
        assertEquals(65536, EngineConfiguration.parseSize("k", "65536"));
        assertEquals(65536, EngineConfiguration.parseSize("k", "64k"));
        assertEquals(65536, EngineConfiguration.parseSize("k", " 64K "));
        assertEquals(2L * 1024 * 1024, EngineConfiguration.parseSize("k", "2m"));
        assertEquals(1L << 30, EngineConfiguration.parseSize("k", "1g"));
        assertEquals(8L << 30, EngineConfiguration.parseSize("k", "8G"));
        assertEquals(0, EngineConfiguration.parseSize("k", "0"));

        for (final String invalid : List.of("", "k", "1.5m", "12t", "-", "64 k", "9999999999999g", "0x10"))
        {
            final ConfigurationException ex = assertThrows(ConfigurationException.class,
                () -> EngineConfiguration.parseSize("marketprism.some.sizeBytes", invalid), invalid);
            assertEquals("marketprism.some.sizeBytes", ex.key());
            assertTrue(ex.getMessage().contains("64k"), ex.getMessage());
        }
    }

    @Test
    void shouldParseThreadingProfiles()
    {
        assertEquals(ThreadingProfile.DEV, ThreadingProfile.parse("dev"));
        assertEquals(ThreadingProfile.LOW_LATENCY, ThreadingProfile.parse(" Low-Latency "));
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> ThreadingProfile.parse("turbo"));
        assertTrue(ex.getMessage().contains("dev or low-latency"), ex.getMessage());
    }

    @Test
    void shouldRequireJournalBlocksLargeEnoughForTheLargestMessageOfTheRing(@TempDir final Path journal)
    {
        final Context context = new Context().journalDir(journal).logCapacityBytes(64L * 1024 * 1024)
            .journalBlockSizeBytes(128L * 1024 * 1024);
        final ConfigurationException ex = assertThrows(ConfigurationException.class, context::conclude);
        assertEquals(JOURNAL_BLOCK_SIZE_PROP_NAME, ex.key());
        assertTrue(ex.getMessage().contains("marketprism.ring.logCapacityBytes"), ex.getMessage());
        context.journalBlockSizeBytes(256L * 1024 * 1024).conclude();
    }

    @Test
    void shouldMapStagesOntoThreadsByProfileUnlessTold(@TempDir final Path journal)
    {
        assertEquals(StageThreads.SHARED, new Context().journalDir(journal).threadingProfile("dev").conclude()
            .stageThreads());
        assertEquals(StageThreads.DEDICATED, new Context().journalDir(journal).threadingProfile("low-latency")
            .conclude().stageThreads());
        assertEquals(StageThreads.PER_STAGE, new Context().journalDir(journal).stageThreads("per-stage").conclude()
            .stageThreads());
        final ConfigurationException ex = assertThrows(ConfigurationException.class,
            () -> new Context().journalDir(journal).stageThreads("many").conclude());
        assertEquals(EngineConfiguration.THREADING_STAGES_PROP_NAME, ex.key());
        assertTrue(ex.getMessage().contains("auto, dedicated, per-stage or shared"), ex.getMessage());
    }
}
