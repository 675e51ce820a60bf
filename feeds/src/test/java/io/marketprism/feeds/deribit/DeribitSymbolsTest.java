/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.deribit;

import io.marketprism.engine.instrument.InstrumentDefinition;
import io.marketprism.feeds.capture.CaptureFrame;
import io.marketprism.feeds.capture.CryptofeedReader;
import io.marketprism.sbe.InstrumentDecoder;
import io.marketprism.sbe.InstrumentKind;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.OptionType;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class DeribitSymbolsTest
{
    private static final Path INSTRUMENTS = Path.of("src/test/resources/recordings/cryptofeed/DERIBIT.0.gz");
    private static final Pattern INSTRUMENT = Pattern.compile("\\{[^{}]*\"instrument_name\":\"[^\"]+\"[^{}]*}");
    private static final Pattern NAME = Pattern.compile("\"instrument_name\":\"([^\"]+)\"");
    private static final Pattern KIND = Pattern.compile("\"kind\":\"([a-z_]+)\"");
    private static final Pattern EXPIRY = Pattern.compile("\"expiration_timestamp\":(\\d+)");
    private static final Pattern CANONICAL = Pattern.compile(
        "[A-Z0-9]+-[A-Z0-9]+(-PERP|-[0-9]{8}(-[0-9]+(\\.[0-9]+)?-[CP])?)?");

    private final DeribitSymbols symbols = new DeribitSymbols();

    @Test
    void shouldCanonicalizeEachKindOfInstrument()
    {
        assertDefinition("BTC-PERPETUAL", "BTC-USD-PERP", "BTC", "USD", InstrumentKind.PERPETUAL);
        assertDefinition("BTC_USDC-PERPETUAL", "BTC-USDC-PERP", "BTC", "USDC", InstrumentKind.PERPETUAL);
        assertDefinition("ETH-30JUL21", "ETH-USD-20210730", "ETH", "USD", InstrumentKind.FUTURE);
        assertDefinition("BTC-24SEP21-8000-P", "BTC-USD-20210924-8000-P", "BTC", "USD", InstrumentKind.OPTION);
        assertDefinition("SOL_USDC", "SOL-USDC", "SOL", "USDC", InstrumentKind.SPOT);
        assertDefinition("BTC-CS-19MAY26-70000_75000", "BTC-CS-19MAY26-70000_75000", "BTC", "", InstrumentKind.OPTION);
        assertDefinition("BTC-FS-27JUN25_PERP", "BTC-FS-27JUN25_PERP", "BTC", "", InstrumentKind.FUTURE);
        assertDefinition("btc-perpetual", "BTC-USD-PERP", "BTC", "USD", InstrumentKind.PERPETUAL);
    }

    @Test
    void shouldCarryExpiryAt0800UtcStrikeAndOptionType()
    {
        final InstrumentDefinition option = symbols.define(1, Venue.DERIBIT, "BTC-24SEP21-8000-P");
        assertEquals(Instant.parse("2021-09-24T08:00:00Z").getEpochSecond() * 1_000_000_000L, option.expiryTsNs());
        final InstrumentDecoder put = encoded(option);
        assertEquals(8000L, put.strike().mantissa());
        assertEquals(0, put.strike().exponent());
        assertEquals(OptionType.PUT, put.optionType());

        final InstrumentDefinition linear = symbols.define(2, Venue.DERIBIT, "XRP_USDC-26JUL24-0d625-C");
        assertEquals("XRP-USDC-20240726-0.625-C", linear.symbol());
        final InstrumentDecoder call = encoded(linear);
        assertEquals(625L, call.strike().mantissa());
        assertEquals(-3, call.strike().exponent());
        assertEquals(OptionType.CALL, call.optionType());

        final InstrumentDefinition future = symbols.define(3, Venue.DERIBIT, "SOL-3JUN22");
        assertEquals("SOL-USD-20220603", future.symbol());
        assertEquals(InstrumentDefinition.NO_EXPIRY, symbols.define(4, Venue.DERIBIT, "ETH-PERPETUAL").expiryTsNs());
    }

    @Test
    void shouldReadOnlyRealDates()
    {
        assertEquals(java.time.LocalDate.of(2021, 8, 6), DeribitSymbols.expiry("6AUG21"));
        assertNull(DeribitSymbols.expiry("31FEB21"));
        assertNull(DeribitSymbols.expiry("30XYZ21"));
        assertEquals("BTC-31FEB21", symbols.define(1, Venue.DERIBIT, "BTC-31FEB21").symbol());
    }

    /**
     * Every instrument of the four {@code get_instruments} responses the recorded session fetched maps to its own
     * canonical symbol, of the structured form, with the venue's expiry.
     */
    @Test
    void shouldGiveEveryListedInstrumentAUniqueCanonicalSymbolAndTheVenueExpiry() throws Exception
    {
        final Map<String, String> canonical = new HashMap<>();
        int options = 0;
        final CaptureFrame frame = new CaptureFrame();
        try (CryptofeedReader reader = new CryptofeedReader(INSTRUMENTS, 0, 1 << 24))
        {
            while (reader.next(frame))
            {
                final Matcher matcher = INSTRUMENT.matcher(
                    frame.buffer().getStringWithoutLengthAscii(frame.offset(), frame.length()));
                while (matcher.find())
                {
                    final String object = matcher.group();
                    final String name = group(NAME, object);
                    final InstrumentDefinition definition = symbols.define(1, Venue.DERIBIT, name);
                    final String previous = canonical.put(definition.symbol(), name);
                    assertNull(previous, definition.symbol() + " for both " + previous + " and " + name);
                    assertTrue(CANONICAL.matcher(definition.symbol()).matches(), definition.symbol());
                    final long expiryMs = Long.parseLong(group(EXPIRY, object));
                    if (!"PERPETUAL".equals(name.substring(name.indexOf('-') + 1)))
                    {
                        assertEquals(expiryMs * 1_000_000L, definition.expiryTsNs(), name);
                    }
                    if ("option".equals(group(KIND, object)))
                    {
                        assertEquals(InstrumentKind.OPTION, definition.kind(), name);
                        options++;
                    }
                }
            }
        }
        assertEquals(1017, canonical.size(), "instruments in DERIBIT.0");
        assertTrue(options > 900, "options " + options);
    }

    private static InstrumentDecoder encoded(final InstrumentDefinition definition)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[definition.maxEncodedLength()]);
        definition.encode(buffer, 0, 0);
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, 0);
        return new InstrumentDecoder().wrap(buffer, header.encodedLength(), header.blockLength(), header.version());
    }

    private static String group(final Pattern pattern, final String text)
    {
        final Matcher matcher = pattern.matcher(text);
        assertTrue(matcher.find(), pattern + " in " + text);
        return matcher.group(1);
    }

    private void assertDefinition(
        final String venueSymbol, final String symbol, final String base, final String quote, final InstrumentKind kind)
    {
        final InstrumentDefinition definition = symbols.define(7, Venue.DERIBIT, venueSymbol);
        assertEquals(symbol, definition.symbol(), venueSymbol);
        assertEquals(base, definition.base(), venueSymbol);
        assertEquals(quote, definition.quote(), venueSymbol);
        assertEquals(kind, definition.kind(), venueSymbol);
        assertEquals(venueSymbol, definition.venueSymbol());
    }
}
