/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine.instrument;

import io.marketprism.sbe.Venue;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Maps (venue, venue symbol) to a dense engine id without allocating. Symbols are held as four 64-bit words
 * (zero-padded to {@link #SYMBOL_SLOT_LENGTH} bytes), so a lookup hashes and compares four words instead of walking
 * bytes; the table is open addressing over a power of two. Registering a new instrument allocates (its definition,
 * and sometimes a larger table): once per instrument.
 * <p>
 * Owned by the normalize thread. Ids start at 1 and are assigned in order of first sight, so the same input always
 * yields the same ids.
 */
public final class InstrumentRegistry
{
    /**
     * {@link #lookup(short, DirectBuffer, int)} result when the instrument is not registered.
     */
    public static final int NOT_FOUND = 0;

    /**
     * Bytes of a symbol slot; longer symbols cannot be registered.
     */
    public static final int SYMBOL_SLOT_LENGTH = 32;

    private static final int WORDS = SYMBOL_SLOT_LENGTH / Long.BYTES;

    private final int maxInstruments;
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[SYMBOL_SLOT_LENGTH]);
    private int[] table = new int[1024];
    private short[] venues = new short[64];
    private int[] lengths = new int[64];
    private long[] words = new long[64 * WORDS];
    private InstrumentDefinition[] definitions = new InstrumentDefinition[64];
    private int count;

    /**
     * @param maxInstruments the most instruments that may be registered.
     */
    public InstrumentRegistry(final int maxInstruments)
    {
        this.maxInstruments = maxInstruments;
    }

    /**
     * Finds a registered instrument. Does not allocate.
     *
     * @param rawVenue the venue's wire value.
     * @param slot     the symbol at offset 0, zero-padded to {@link #SYMBOL_SLOT_LENGTH} bytes.
     * @param length   the symbol's length.
     * @return the id, or {@link #NOT_FOUND}.
     */
    public int lookup(final short rawVenue, final DirectBuffer slot, final int length)
    {
        if (length > SYMBOL_SLOT_LENGTH)
        {
            return NOT_FOUND;
        }
        return lookup(
            rawVenue, length,
            slot.getLong(0, ByteOrder.LITTLE_ENDIAN),
            slot.getLong(8, ByteOrder.LITTLE_ENDIAN),
            slot.getLong(16, ByteOrder.LITTLE_ENDIAN),
            slot.getLong(24, ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * Finds an instrument by venue and symbol given as the four little-endian words of its zero-padded slot.
     *
     * @param rawVenue the venue's value.
     * @param length   the symbol's length.
     * @param w0       bytes 0 to 7 of the slot.
     * @param w1       bytes 8 to 15.
     * @param w2       bytes 16 to 23.
     * @param w3       bytes 24 to 31.
     * @return the id, or {@link #NOT_FOUND}.
     */
    public int lookup(
        final short rawVenue, final int length, final long w0, final long w1, final long w2, final long w3)
    {
        if (length > SYMBOL_SLOT_LENGTH)
        {
            return NOT_FOUND;
        }
        final int mask = table.length - 1;
        int index = hash(rawVenue, length, w0, w1, w2, w3) & mask;
        while (true)
        {
            final int id = table[index];
            if (id == 0)
            {
                return NOT_FOUND;
            }
            final int base = id * WORDS;
            if (words[base] == w0 && words[base + 1] == w1 && words[base + 2] == w2 && words[base + 3] == w3 &&
                venues[id] == rawVenue && lengths[id] == length)
            {
                return id;
            }
            index = (index + 1) & mask;
        }
    }

    /**
     * Registers a new instrument. Allocates.
     *
     * @param venue         the venue.
     * @param slot          the symbol at offset 0, zero-padded to {@link #SYMBOL_SLOT_LENGTH} bytes (ASCII).
     * @param length        the symbol's length.
     * @param canonicalizer the venue's conventions.
     * @return the new definition, or null when {@code maxInstruments} are registered already or the symbol is longer
     * than a slot.
     */
    public InstrumentDefinition register(
        final Venue venue, final DirectBuffer slot, final int length, final SymbolCanonicalizer canonicalizer)
    {
        if (count >= maxInstruments || length > SYMBOL_SLOT_LENGTH || length <= 0)
        {
            return null;
        }
        final int id = count + 1;
        final String venueSymbol = slot.getStringWithoutLengthAscii(0, length);
        final InstrumentDefinition definition = canonicalizer.define(id, venue, venueSymbol);
        if (definition.id() != id)
        {
            throw new IllegalStateException("canonicalizer changed the id: " + definition);
        }

        if (id >= definitions.length)
        {
            final int newLength = definitions.length * 2;
            definitions = Arrays.copyOf(definitions, newLength);
            venues = Arrays.copyOf(venues, newLength);
            lengths = Arrays.copyOf(lengths, newLength);
            words = Arrays.copyOf(words, newLength * WORDS);
        }
        scratch.setMemory(0, SYMBOL_SLOT_LENGTH, (byte)0);
        scratch.putBytes(0, slot, 0, length);
        for (int w = 0; w < WORDS; w++)
        {
            words[id * WORDS + w] = scratch.getLong(w * Long.BYTES, ByteOrder.LITTLE_ENDIAN);
        }
        definitions[id] = definition;
        venues[id] = venue.value();
        lengths[id] = length;
        count = id;

        if (count * 2 > table.length)
        {
            final int[] newTable = new int[BitUtil.findNextPositivePowerOfTwo(table.length * 2)];
            for (int existing = 1; existing <= count; existing++)
            {
                insert(newTable, existing);
            }
            table = newTable;
        }
        else
        {
            insert(table, id);
        }
        return definition;
    }

    /**
     * @param id an id.
     * @return its definition, or null.
     */
    public InstrumentDefinition definition(final int id)
    {
        return id > 0 && id <= count ? definitions[id] : null;
    }

    /**
     * @return number of registered instruments; ids are 1 to this.
     */
    public int count()
    {
        return count;
    }

    private void insert(final int[] into, final int id)
    {
        final int base = id * WORDS;
        final int mask = into.length - 1;
        int index =
            hash(venues[id], lengths[id], words[base], words[base + 1], words[base + 2], words[base + 3]) & mask;
        while (into[index] != 0)
        {
            index = (index + 1) & mask;
        }
        into[index] = id;
    }

    private static int hash(
        final short venue, final int length, final long w0, final long w1, final long w2, final long w3)
    {
        long h = (venue * 31L + length) * 0x9E3779B97F4A7C15L;
        h = (h ^ w0) * 0x9E3779B97F4A7C15L;
        h = (h ^ w1) * 0x9E3779B97F4A7C15L;
        h = (h ^ w2) * 0x9E3779B97F4A7C15L;
        h = (h ^ w3) * 0x9E3779B97F4A7C15L;
        return (int)(h ^ (h >>> 32));
    }
}
