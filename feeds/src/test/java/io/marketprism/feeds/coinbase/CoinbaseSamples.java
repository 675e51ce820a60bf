/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.coinbase;

import io.marketprism.feeds.RecordedJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The Coinbase test data in the project: NautilusTrader's Advanced Trade samples (single messages in the shapes of
 * Coinbase's documentation) and cryptofeed's recorded legacy Exchange session.
 */
final class CoinbaseSamples
{
    static final Path NAUTILUS = Path.of("src/test/resources/recordings/nautilus/coinbase");
    static final Path LEGACY_RECORDING = Path.of("src/test/resources/recordings/cryptofeed/COINBASE.ws.28.0.gz");
    static final String L2_SNAPSHOT = "ws_l2_data_snapshot.json";
    static final String L2_UPDATE = "ws_l2_data_update.json";
    static final String MARKET_TRADES = "ws_market_trades.json";
    static final String TICKER = "ws_ticker.json";

    private CoinbaseSamples()
    {
    }

    /**
     * @param name a sample's file name.
     * @return its text as stored (pretty-printed).
     */
    static String nautilus(final String name)
    {
        try
        {
            return Files.readString(NAUTILUS.resolve(name), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param name a sample's file name.
     * @return its text with the whitespace outside strings removed, as Coinbase sends it.
     */
    static String nautilusCompact(final String name)
    {
        final String text = nautilus(name);
        final StringBuilder compact = new StringBuilder(text.length());
        boolean inString = false;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '"' && (i == 0 || text.charAt(i - 1) != '\\'))
            {
                inString = !inString;
            }
            if (inString || !Character.isWhitespace(c))
            {
                compact.append(c);
            }
        }
        return compact.toString();
    }

    /**
     * @return every message received in the legacy recording, in order.
     */
    static List<String> legacyMessages()
    {
        try
        {
            return RecordedJson.receivedMessages(LEGACY_RECORDING);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static long ns(final String isoTime)
    {
        final Instant instant = Instant.parse(isoTime);
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
