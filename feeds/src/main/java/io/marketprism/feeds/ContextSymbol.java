/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds;

import io.marketprism.engine.MarketEvent;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * The symbol a decoder attributes to frames that name none (a REST body answering a request for one symbol), as
 * {@link FrameDecoder#contextSymbol(String)} sets it. The symbol often comes from recorded data (the query string of
 * a captured request), so one no message could carry clears it rather than throwing: frames that need it are then
 * reported as malformed, as bad input is.
 */
public final class ContextSymbol
{
    private final UnsafeBuffer bytes = new UnsafeBuffer(new byte[MarketEvent.MAX_SYMBOL_LENGTH]);
    private int length;

    /**
     * Sets or clears the symbol. Cold path.
     *
     * @param venueSymbol the venue's symbol, or null to clear.
     * @return true when set; false when cleared (null, empty, too long, or a byte no symbol has).
     */
    public boolean set(final String venueSymbol)
    {
        final byte[] ascii = venueSymbol == null ? null : venueSymbol.getBytes(StandardCharsets.US_ASCII);
        if (ascii == null || ascii.length > MarketEvent.MAX_SYMBOL_LENGTH || !SymbolBytes.isValidSymbol(ascii) ||
            !venueSymbol.chars().allMatch(c -> c < 0x80))
        {
            length = 0;
            return false;
        }
        bytes.putBytes(0, ascii);
        length = ascii.length;
        return true;
    }

    /**
     * @return whether a symbol is set.
     */
    public boolean isSet()
    {
        return length > 0;
    }

    /**
     * Makes the symbol the writer's symbol for the next messages.
     *
     * @param writer a decoder's writer.
     */
    public void applyTo(final MessageWriter writer)
    {
        writer.symbol(bytes, 0, length);
    }

    /**
     * @return the buffer holding the symbol's bytes from offset 0.
     */
    public DirectBuffer buffer()
    {
        return bytes;
    }

    /**
     * @return the symbol's length, 0 when none is set.
     */
    public int length()
    {
        return length;
    }
}
