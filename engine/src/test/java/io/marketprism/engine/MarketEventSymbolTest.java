/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The slot's copy of the venue symbol: every length, at every distance from the end of the source buffer, over a slot
 * that held a longer symbol before, comes out as the symbol's bytes followed by zeros up to the slot's 32 bytes.
 */
class MarketEventSymbolTest
{
    @Test
    void copiesTheSymbolAndZeroPadsTheSlotWhereverTheSourceEnds()
    {
        final MarketEvent event = MarketEvent.factory(new UnsafeBuffer(new byte[64]), 1).newInstance();
        final Random random = new Random(32);
        for (int capacity = 1; capacity <= 48; capacity++)
        {
            final byte[] source = new byte[capacity];
            random.nextBytes(source);
            final UnsafeBuffer src = new UnsafeBuffer(source);
            for (int length = 1; length <= Math.min(capacity, MarketEvent.MAX_SYMBOL_LENGTH); length++)
            {
                for (int offset = 0; offset + length <= capacity; offset++)
                {
                    final byte[] previous = new byte[MarketEvent.MAX_SYMBOL_LENGTH];
                    Arrays.fill(previous, (byte)'X');
                    event.symbol(new UnsafeBuffer(previous), 0, previous.length);

                    event.symbol(src, offset, length);

                    assertEquals(length, event.symbolLength());
                    for (int i = 0; i < MarketEvent.MAX_SYMBOL_LENGTH; i++)
                    {
                        assertEquals(i < length ? source[offset + i] : 0, event.symbol().getByte(i),
                            "capacity " + capacity + " offset " + offset + " length " + length + " byte " + i);
                    }
                    for (int w = 0; w < MarketEvent.MAX_SYMBOL_LENGTH / Long.BYTES; w++)
                    {
                        assertEquals(event.symbol().getLong(w * Long.BYTES, ByteOrder.LITTLE_ENDIAN),
                            event.symbolWord(w), "capacity " + capacity + " offset " + offset + " word " + w);
                    }
                }
            }
        }
    }

    @Test
    void noSymbolClearsTheWordsAndTheLength()
    {
        final MarketEvent event = MarketEvent.factory(new UnsafeBuffer(new byte[64]), 1).newInstance();
        event.symbol(new UnsafeBuffer("BTCUSDT".getBytes(StandardCharsets.US_ASCII)), 0, 7);

        event.noSymbol();

        assertEquals(0, event.symbolLength());
        for (int w = 0; w < MarketEvent.MAX_SYMBOL_LENGTH / Long.BYTES; w++)
        {
            assertEquals(0, event.symbolWord(w));
            assertEquals(0, event.symbol().getLong(w * Long.BYTES));
        }
        assertThrows(IndexOutOfBoundsException.class, () -> event.symbolWord(4));
    }
}
