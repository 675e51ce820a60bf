/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.codecs;

import io.marketprism.sbe.InstrumentDecoder;
import org.agrona.collections.ArrayUtil;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a reader of the stream knows about instrument ids: the {@code Instrument} definitions seen so far. Every
 * stream (journal, Aeron, decode output) carries the definition of an id before the id's first use, so a reader that
 * feeds every {@code Instrument} message here can name every message that follows.
 */
public final class InstrumentCatalog
{
    private static final byte[] EMPTY = new byte[0];

    private byte[][] symbols = new byte[64][];
    private byte[][] venueSymbols = new byte[64][];

    /**
     * Records a definition; allocates, once per instrument.
     *
     * @param definition a wrapped {@code Instrument} message; its var-data is consumed.
     */
    public void onInstrument(final InstrumentDecoder definition)
    {
        final int id = definition.instrumentId();
        define(id, definition.symbol(), definition.venueSymbol());
    }

    /**
     * Records a definition; allocates, once per instrument.
     *
     * @param instrumentId the id, above zero (others are ignored).
     * @param symbol       canonical symbol.
     * @param venueSymbol  the venue's own symbol.
     */
    public void define(final int instrumentId, final String symbol, final String venueSymbol)
    {
        if (instrumentId <= 0)
        {
            return;
        }
        ensureCapacity(instrumentId);
        symbols[instrumentId] = symbol.getBytes(StandardCharsets.US_ASCII);
        venueSymbols[instrumentId] = venueSymbol.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * @param instrumentId an id.
     * @return true when a definition of the id has been seen.
     */
    public boolean isKnown(final int instrumentId)
    {
        return instrumentId > 0 && instrumentId < symbols.length && symbols[instrumentId] != null;
    }

    /**
     * @return the canonical symbol's ASCII bytes, or an empty array when the id is unknown.
     */
    public byte[] symbol(final int instrumentId)
    {
        return isKnown(instrumentId) ? symbols[instrumentId] : EMPTY;
    }

    /**
     * @return the venue's own symbol as ASCII bytes, or an empty array when the id is unknown.
     */
    public byte[] venueSymbol(final int instrumentId)
    {
        return isKnown(instrumentId) ? venueSymbols[instrumentId] : EMPTY;
    }

    private void ensureCapacity(final int id)
    {
        if (id >= symbols.length)
        {
            final int length = Math.max(id + 1, symbols.length * 2);
            symbols = Arrays.copyOf(symbols, length);
            venueSymbols = Arrays.copyOf(venueSymbols, length);
        }
        assert symbols.length <= ArrayUtil.MAX_CAPACITY;
    }
}
