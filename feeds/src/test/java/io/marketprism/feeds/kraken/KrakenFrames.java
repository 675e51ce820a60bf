/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.kraken;

import io.marketprism.feeds.RecordedJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * The Kraken frames the tests decode: cryptofeed's recorded v1 sessions (book, trade, ticker) and nautilus's v2
 * samples, all read from the project's test resources.
 */
final class KrakenFrames
{
    static final Path BOOK_SESSION = Path.of("src/test/resources/recordings/cryptofeed/KRAKEN.ws.50.0");
    static final Path TRADE_SESSION = Path.of("src/test/resources/recordings/cryptofeed/KRAKEN.ws.48.0");
    static final Path TICKER_SESSION = Path.of("src/test/resources/recordings/cryptofeed/KRAKEN.ws.49.0");
    static final Path NAUTILUS = Path.of("src/test/resources/recordings/nautilus/kraken");
    /** The spot v2 WebSocket samples of nautilus's Kraken adapter. */
    static final List<String> V2_SAMPLES =
        List.of("ws_book_snapshot.json", "ws_book_update.json", "ws_ticker_snapshot.json", "ws_trade_update.json");

    private KrakenFrames()
    {
    }

    static List<String> received(final Path session)
    {
        try
        {
            return RecordedJson.receivedMessages(session);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static String first(final Path session, final Predicate<String> filter)
    {
        return received(session).stream().filter(filter).findFirst()
            .orElseThrow(() -> new AssertionError("no such frame in " + session));
    }

    static String v2Sample(final String name)
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
}
