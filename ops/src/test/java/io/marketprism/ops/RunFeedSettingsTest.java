/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.feeds.session.LiveFeed;
import io.marketprism.ops.config.InvalidConfigurationException;
import io.marketprism.ops.config.ConfigurationLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code marketprism.feed} section reaches {@code run}'s feed: the shipped defaults are the feed's own (so the
 * configuration file tells what runs), a file's values arrive converted to the feed's units, and a maximum below its
 * initial delay is refused at start, naming both keys.
 */
final class RunFeedSettingsTest
{
    @TempDir
    Path tempDir;

    @Test
    void shouldShipTheFeedsOwnDefaults()
    {
        final LiveFeed.Context shipped =
            RunCommand.feedContext(ConfigurationLoader.load(null, Map.of(), Map.of(), new Properties()).engine());
        final LiveFeed.Context feed = new LiveFeed.Context();
        assertEquals(feed.staleAfterNs(), shipped.staleAfterNs(), "staleAfter");
        assertEquals(feed.rotateAfterNs(), shipped.rotateAfterNs(), "rotateAfter");
        assertEquals(feed.reconnectBackoffInitialNs(), shipped.reconnectBackoffInitialNs(), "reconnectBackoffInitial");
        assertEquals(feed.reconnectBackoffMaxNs(), shipped.reconnectBackoffMaxNs(), "reconnectBackoffMax");
        assertEquals(feed.circuitFailures(), shipped.circuitFailures(), "circuitFailures");
        assertEquals(feed.circuitOpenNs(), shipped.circuitOpenNs(), "circuitOpen");
        assertEquals(feed.connectTimeoutNs(), shipped.connectTimeoutNs(), "connectTimeout");
        assertEquals(feed.pingIntervalNs(), shipped.pingIntervalNs(), "pingInterval");
        assertEquals(feed.pongTimeoutNs(), shipped.pongTimeoutNs(), "pongTimeout");
        assertEquals(feed.restTimeoutNs(), shipped.restTimeoutNs(), "restTimeout");
        assertEquals(feed.restBackoffInitialNs(), shipped.restBackoffInitialNs(), "restBackoffInitial");
        assertEquals(feed.restBackoffMaxNs(), shipped.restBackoffMaxNs(), "restBackoffMax");
        shipped.conclude();
    }

    @Test
    void shouldCarryAFilesValuesToTheFeed() throws IOException
    {
        final Path file = tempDir.resolve("feed.conf");
        Files.writeString(file, String.join("\n",
            "marketprism.feed {",
            "  staleAfterMs = 0",
            "  rotateAfterMs = 0",
            "  reconnectBackoffInitialMs = 5",
            "  reconnectBackoffMaxMs = 50",
            "  circuitFailures = 3",
            "  circuitOpenMs = 200",
            "  connectTimeoutMs = 1500",
            "  pingIntervalMs = 3000",
            "  pongTimeoutMs = 700",
            "  restTimeoutMs = 2000",
            "  restBackoffInitialMs = 20",
            "  restBackoffMaxMs = 400",
            "}", ""));
        final LiveFeed.Context feed =
            RunCommand.feedContext(ConfigurationLoader.load(file, Map.of(), Map.of(), new Properties()).engine());
        assertEquals(0, feed.staleAfterNs());
        assertEquals(0, feed.staleCheckIntervalNs(), "checks off");
        assertEquals(0, feed.rotateAfterNs(), "rotation off");
        assertEquals(ms(5), feed.reconnectBackoffInitialNs());
        assertEquals(ms(50), feed.reconnectBackoffMaxNs());
        assertEquals(3, feed.circuitFailures());
        assertEquals(ms(200), feed.circuitOpenNs());
        assertEquals(ms(1500), feed.connectTimeoutNs());
        assertEquals(ms(3000), feed.pingIntervalNs());
        assertEquals(ms(700), feed.pongTimeoutNs());
        assertEquals(ms(2000), feed.restTimeoutNs());
        assertEquals(ms(20), feed.restBackoffInitialNs());
        assertEquals(ms(400), feed.restBackoffMaxNs());
        feed.conclude();
    }

    @Test
    void shouldRefuseAMaximumBelowItsInitialDelay() throws IOException
    {
        final Path file = tempDir.resolve("bad.conf");
        Files.writeString(file, "marketprism.feed { reconnectBackoffInitialMs = 500, reconnectBackoffMaxMs = 100, " +
            "circuitFailures = 0 }\n");
        final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class,
            () -> ConfigurationLoader.load(file, Map.of(), Map.of(), new Properties()));
        final String message = ex.problems().toString();
        assertTrue(message.contains("marketprism.feed.reconnectBackoffMaxMs=100 (expected at least " +
            "marketprism.feed.reconnectBackoffInitialMs (500))"), message);
        assertTrue(message.contains("marketprism.feed.circuitFailures=0 (expected 1 to 1000000)"), message);
    }

    private static long ms(final long millis)
    {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
