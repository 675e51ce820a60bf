/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.codecs.VenueNames;
import io.marketprism.journal.JournalFormat;
import io.marketprism.sbe.InstrumentDecoder;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.Venue;
import org.agrona.DirectBuffer;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * What {@code replay} keeps of a journal's normalized messages: venues, canonical (or venue) symbols, types and a
 * receive-time window. Values are checked when parsed and refused with the allowed ones listed; a symbol is checked
 * against the journal's instruments once the journal has been read ({@link #unknownSymbolMessage()}). Testing a
 * message reads a few header bytes and does not allocate; instrument definitions (cold) register the ids a symbol
 * filter keeps.
 */
final class ReplayFilter
{
    /** The {@code type} names of JSONL.md, indexed by template id. */
    static final String[] TYPE_NAMES = {
        null, "trade", "book", "bbo", "funding", "status", "instrument", "open_interest", "liquidation", "ratio",
        "volatility_index" };

    private final boolean[] venues = new boolean[256];
    private final boolean anyVenue;
    private final boolean[] types = new boolean[TYPE_NAMES.length];
    private final boolean anyType;
    private final String symbol;
    private boolean[] instruments = new boolean[1024];
    private final TreeSet<String> seenSymbols = new TreeSet<>();
    private boolean symbolMatched;
    private final long fromNs;
    private final long toNs;
    private final InstrumentDecoder instrument = new InstrumentDecoder();

    ReplayFilter(final List<String> venueNames, final String symbol, final List<String> typeNames, final String from,
        final String to)
    {
        anyVenue = venueNames == null || venueNames.isEmpty();
        if (!anyVenue)
        {
            for (final String name : venueNames)
            {
                final Venue venue;
                try
                {
                    venue = VenueNames.parse(name);
                }
                catch (final IllegalArgumentException ex)
                {
                    throw new IllegalArgumentException("unknown --venue '" + name + "'; allowed: " + venueList(), ex);
                }
                venues[venue.value()] = true;
            }
        }
        anyType = typeNames == null || typeNames.isEmpty();
        if (!anyType)
        {
            for (final String name : typeNames)
            {
                types[templateOf(name)] = true;
            }
        }
        this.symbol = symbol;
        this.fromNs = from == null ? Long.MIN_VALUE : parseTime("--from", from);
        this.toNs = to == null ? Long.MAX_VALUE : parseTime("--to", to);
        if (fromNs >= toNs)
        {
            throw new IllegalArgumentException("--from " + from + " is not before --to " + to);
        }
    }

    static int templateOf(final String name)
    {
        for (int t = 1; t < TYPE_NAMES.length; t++)
        {
            if (TYPE_NAMES[t].equals(name))
            {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown --type '" + name + "'; allowed: " +
            String.join(", ", Arrays.asList(TYPE_NAMES).subList(1, TYPE_NAMES.length)));
    }

    private static String venueList()
    {
        final StringBuilder list = new StringBuilder();
        for (final Venue venue : VenueNames.venues())
        {
            list.append(list.length() == 0 ? "" : ", ").append(VenueNames.name(venue));
        }
        return list.toString();
    }

    /**
     * Parses a time: nanoseconds since the epoch, or an ISO-8601 instant ({@code 2024-08-08T12:00:00Z}, fractions
     * to the nanosecond).
     */
    static long parseTime(final String option, final String text)
    {
        if (text.chars().allMatch(Character::isDigit) && !text.isEmpty())
        {
            try
            {
                return Long.parseLong(text);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("invalid " + option + " '" + text + "': out of range", ex);
            }
        }
        try
        {
            final Instant instant = Instant.parse(text);
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        }
        catch (final DateTimeParseException | ArithmeticException ex)
        {
            throw new IllegalArgumentException("invalid " + option + " '" + text + "'; expected nanoseconds since " +
                "the epoch or an ISO-8601 instant such as 2024-08-08T12:00:00Z", ex);
        }
    }

    /**
     * Tests a normalized message; an instrument definition is also registered here.
     *
     * @param buffer holding it.
     * @param offset of its header.
     * @return true when replay keeps it.
     */
    boolean accept(final DirectBuffer buffer, final int offset)
    {
        final int templateId = JournalFormat.templateId(buffer, offset);
        if (templateId == InstrumentDecoder.TEMPLATE_ID && symbol != null)
        {
            register(buffer, offset);
        }
        if (!anyType && (templateId >= types.length || !types[templateId]))
        {
            return false;
        }
        if (!anyVenue && !venues[JournalFormat.venue(buffer, offset)])
        {
            return false;
        }
        if (symbol != null)
        {
            final int id = JournalFormat.instrumentId(buffer, offset);
            if (id <= 0 || id >= instruments.length || !instruments[id])
            {
                return false;
            }
        }
        if (fromNs != Long.MIN_VALUE || toNs != Long.MAX_VALUE)
        {
            final long recvTsNs = JournalFormat.recvTsNs(buffer, offset);
            return recvTsNs >= fromNs && recvTsNs < toNs;
        }
        return true;
    }

    /**
     * Tests an instrument definition against the venue and symbol filters only (after {@link #accept}): an output
     * whose consumers name messages from the definitions they get passes it on whatever the type and time filters.
     *
     * @param buffer holding it.
     * @param offset of its header.
     * @return true when the instrument's messages can pass.
     */
    boolean acceptInstrument(final DirectBuffer buffer, final int offset)
    {
        if (!anyVenue && !venues[JournalFormat.venue(buffer, offset)])
        {
            return false;
        }
        if (symbol != null)
        {
            final int id = JournalFormat.instrumentId(buffer, offset);
            return id > 0 && id < instruments.length && instruments[id];
        }
        return true;
    }

    private void register(final DirectBuffer buffer, final int offset)
    {
        instrument.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH,
            JournalFormat.blockLength(buffer, offset), JournalFormat.version(buffer, offset));
        final int id = instrument.instrumentId();
        final String canonical = instrument.symbol();
        final String venueSymbol = instrument.venueSymbol();
        seenSymbols.add(canonical);
        if ((symbol.equals(canonical) || symbol.equals(venueSymbol)) && id > 0)
        {
            if (id >= instruments.length)
            {
                instruments = Arrays.copyOf(instruments, Math.max(id + 1, instruments.length * 2));
            }
            instruments[id] = true;
            symbolMatched = true;
        }
    }

    /**
     * @return null when no symbol was asked for or it was found; otherwise the message naming the journal's symbols.
     */
    String unknownSymbolMessage()
    {
        if (symbol == null || symbolMatched)
        {
            return null;
        }
        return "unknown --symbol '" + symbol + "': the journal holds " +
            (seenSymbols.isEmpty() ? "no instruments" : String.join(", ", seenSymbols));
    }

    /**
     * @param templateId a template.
     * @return true when messages of the type can pass.
     */
    boolean acceptsType(final int templateId)
    {
        return anyType || templateId < types.length && types[templateId];
    }

    /**
     * @return the start of the time window, ns, or {@link Long#MIN_VALUE}.
     */
    long fromNs()
    {
        return fromNs;
    }
}
