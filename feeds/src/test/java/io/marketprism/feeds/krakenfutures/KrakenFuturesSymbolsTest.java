/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.krakenfutures;

import io.marketprism.engine.instrument.InstrumentDefinition;
import io.marketprism.feeds.capture.CaptureFrame;
import io.marketprism.feeds.capture.CryptofeedReader;
import io.marketprism.sbe.InstrumentKind;
import io.marketprism.sbe.Venue;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

final class KrakenFuturesSymbolsTest
{
    private static final Path INSTRUMENTS = Path.of("src/test/resources/recordings/cryptofeed/KRAKEN_FUTURES.0.gz");
    private static final Pattern INSTRUMENT = Pattern.compile("\"symbol\":\"([a-z0-9_]+)\"" +
        "(?:,\"type\":\"[^\"]+\",\"underlying\":\"[a-z_]+\",\"lastTradingTime\":\"([^\"]+)\")?");

    private final KrakenFuturesSymbols symbols = new KrakenFuturesSymbols();

    @Test
    void shouldCanonicalizeInverseAndLinearContractsApart()
    {
        assertDefinition("PI_XBTUSD", "BTC-USD-PERP", "BTC", "USD", InstrumentKind.PERPETUAL);
        assertDefinition("pi_xbtusd", "BTC-USD-PERP", "BTC", "USD", InstrumentKind.PERPETUAL);
        assertDefinition("FI_XBTUSD_210924", "BTC-USD-20210924", "BTC", "USD", InstrumentKind.FUTURE);
        assertDefinition("fi_ethusd_211231", "ETH-USD-20211231", "ETH", "USD", InstrumentKind.FUTURE);
        assertDefinition("PF_XBTUSD", "BTC-USD-PERP-USD", "BTC", "USD", InstrumentKind.PERPETUAL);
        assertDefinition("FF_XBTUSD_210924", "BTC-USD-20210924-USD", "BTC", "USD", InstrumentKind.FUTURE);
        assertDefinition("PF_XDGUSD", "DOGE-USD-PERP-USD", "DOGE", "USD", InstrumentKind.PERPETUAL);
        assertDefinition("in_xbtusd", "IN_XBTUSD", "", "", InstrumentKind.SPOT);
        assertDefinition("FI_XBTUSD_211331", "FI_XBTUSD_211331", "", "", InstrumentKind.FUTURE);
        assertNotEquals(symbols.define(1, Venue.KRAKEN_FUTURES, "PI_XBTUSD").symbol(),
            symbols.define(2, Venue.KRAKEN_FUTURES, "PF_XBTUSD").symbol(), "inverse and linear stay apart");
    }

    @Test
    void shouldExpireAt1600LondonTime()
    {
        assertEquals(Instant.parse("2021-09-24T15:00:00Z").getEpochSecond() * 1_000_000_000L,
            symbols.define(1, Venue.KRAKEN_FUTURES, "FI_XBTUSD_210924").expiryTsNs(), "summer time");
        assertEquals(Instant.parse("2021-12-31T16:00:00Z").getEpochSecond() * 1_000_000_000L,
            symbols.define(1, Venue.KRAKEN_FUTURES, "FI_XBTUSD_211231").expiryTsNs(), "winter time");
    }

    /**
     * Every product of the {@code instruments} response the recorded session fetched maps to its own canonical
     * symbol, and every dated one expires at its {@code lastTradingTime}.
     */
    @Test
    void shouldGiveEveryListedProductAUniqueSymbolAndItsLastTradingTime() throws Exception
    {
        final Map<String, String> canonical = new HashMap<>();
        int dated = 0;
        final CaptureFrame frame = new CaptureFrame();
        try (CryptofeedReader reader = new CryptofeedReader(INSTRUMENTS, 0, 1 << 20))
        {
            while (reader.next(frame))
            {
                final Matcher matcher = INSTRUMENT.matcher(
                    frame.buffer().getStringWithoutLengthAscii(frame.offset(), frame.length()));
                while (matcher.find())
                {
                    final InstrumentDefinition definition = symbols.define(1, Venue.KRAKEN_FUTURES, matcher.group(1));
                    final String previous = canonical.put(definition.symbol(), matcher.group(1));
                    assertNull(previous, definition.symbol() + " for both " + previous + " and " + matcher.group(1));
                    if (matcher.group(2) != null)
                    {
                        assertEquals(Instant.parse(matcher.group(2)).getEpochSecond() * 1_000_000_000L,
                            definition.expiryTsNs(), matcher.group(1));
                        dated++;
                    }
                }
            }
        }
        assertEquals(27, canonical.size(), "products in KRAKEN_FUTURES.0");
        assertEquals(12, dated);
    }

    private void assertDefinition(
        final String venueSymbol, final String symbol, final String base, final String quote, final InstrumentKind kind)
    {
        final InstrumentDefinition definition = symbols.define(7, Venue.KRAKEN_FUTURES, venueSymbol);
        assertEquals(symbol, definition.symbol(), venueSymbol);
        assertEquals(base, definition.base(), venueSymbol);
        assertEquals(quote, definition.quote(), venueSymbol);
        assertEquals(kind, definition.kind(), venueSymbol);
        assertEquals(venueSymbol, definition.venueSymbol());
    }
}
