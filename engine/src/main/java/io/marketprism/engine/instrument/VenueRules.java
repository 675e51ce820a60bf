/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine.instrument;

import io.marketprism.engine.book.BookChecksum;
import io.marketprism.engine.book.BookSequenceRule;
import io.marketprism.sbe.Venue;

/**
 * Per-venue rules the normalize stage needs and the venue packages in {@code feeds} provide: symbol conventions and
 * the book sequence rule. Filled at start-up, read-only afterwards.
 */
public final class VenueRules
{
    private final SymbolCanonicalizer[] canonicalizers = new SymbolCanonicalizer[256];
    private final BookSequenceRule[] bookRules = new BookSequenceRule[256];
    private final BookChecksum[] bookChecksums = new BookChecksum[256];

    /**
     * Registers a venue's rules.
     *
     * @param venue         the venue.
     * @param canonicalizer its symbol conventions.
     * @param bookRule      its book sequence rule, or null when it has no maintained book.
     * @return this.
     */
    public VenueRules register(
        final Venue venue, final SymbolCanonicalizer canonicalizer, final BookSequenceRule bookRule)
    {
        return register(venue, canonicalizer, bookRule, null);
    }

    /**
     * Registers a venue's rules, with the checksum its book messages carry.
     *
     * @param venue         the venue.
     * @param canonicalizer its symbol conventions.
     * @param bookRule      its book sequence rule, or null when it has no maintained book.
     * @param bookChecksum  its book checksum, or null when its messages carry none.
     * @return this.
     */
    public VenueRules register(
        final Venue venue,
        final SymbolCanonicalizer canonicalizer,
        final BookSequenceRule bookRule,
        final BookChecksum bookChecksum)
    {
        canonicalizers[venue.value()] = canonicalizer;
        bookRules[venue.value()] = bookRule;
        bookChecksums[venue.value()] = bookChecksum;
        return this;
    }

    /**
     * @param rawVenue the venue's wire value.
     * @return its symbol conventions, or null when the venue is not registered.
     */
    public SymbolCanonicalizer canonicalizer(final short rawVenue)
    {
        return canonicalizers[rawVenue & 0xFF];
    }

    /**
     * @param rawVenue the venue's wire value.
     * @return its book rule, or null when it has none.
     */
    public BookSequenceRule bookRule(final short rawVenue)
    {
        return bookRules[rawVenue & 0xFF];
    }

    /**
     * @param rawVenue the venue's wire value.
     * @return its book checksum, or null when it has none.
     */
    public BookChecksum bookChecksum(final short rawVenue)
    {
        return bookChecksums[rawVenue & 0xFF];
    }
}
