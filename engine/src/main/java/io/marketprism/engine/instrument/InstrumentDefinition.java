/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine.instrument;

import io.marketprism.sbe.InstrumentEncoder;
import io.marketprism.sbe.InstrumentKind;
import io.marketprism.sbe.MessageHeaderEncoder;
import io.marketprism.sbe.OptionType;
import io.marketprism.sbe.Venue;
import org.agrona.MutableDirectBuffer;

import java.util.Objects;

/**
 * What the engine knows of an instrument: the venue's symbol and the canonical one (rules in {@code JSONL.md}),
 * assets and kind. Created once per instrument, off the steady-state path.
 */
public final class InstrumentDefinition
{
    /**
     * No expiry (spot, perpetual).
     */
    public static final long NO_EXPIRY = InstrumentEncoder.expiryTsNsNullValue();

    private final int id;
    private final Venue venue;
    private final String venueSymbol;
    private final String symbol;
    private final String base;
    private final String quote;
    private final InstrumentKind kind;
    private final long expiryTsNs;
    private final long strikeMantissa;
    private final int strikeExponent;
    private final OptionType optionType;

    /**
     * @param id             engine id, above zero.
     * @param venue          venue.
     * @param venueSymbol    the venue's symbol, e.g. {@code BTCUSD_PERP}.
     * @param symbol         canonical symbol, e.g. {@code BTC-USD-PERP}.
     * @param base           base asset, empty when unknown.
     * @param quote          quote asset, empty when unknown.
     * @param kind           spot, perpetual, future or option.
     * @param expiryTsNs     expiry in ns since epoch, or {@link #NO_EXPIRY}.
     * @param strikeMantissa option strike mantissa, or Long.MIN_VALUE.
     * @param strikeExponent option strike exponent.
     * @param optionType     call, put or {@link OptionType#NULL_VAL}.
     */
    public InstrumentDefinition(
        final int id,
        final Venue venue,
        final String venueSymbol,
        final String symbol,
        final String base,
        final String quote,
        final InstrumentKind kind,
        final long expiryTsNs,
        final long strikeMantissa,
        final int strikeExponent,
        final OptionType optionType)
    {
        this.id = id;
        this.venue = Objects.requireNonNull(venue);
        this.venueSymbol = Objects.requireNonNull(venueSymbol);
        this.symbol = Objects.requireNonNull(symbol);
        this.base = Objects.requireNonNull(base);
        this.quote = Objects.requireNonNull(quote);
        this.kind = Objects.requireNonNull(kind);
        this.expiryTsNs = expiryTsNs;
        this.strikeMantissa = strikeMantissa;
        this.strikeExponent = strikeExponent;
        this.optionType = Objects.requireNonNull(optionType);
    }

    /**
     * A spot or perpetual definition.
     *
     * @return a definition without expiry or strike.
     */
    public static InstrumentDefinition of(
        final int id,
        final Venue venue,
        final String venueSymbol,
        final String symbol,
        final String base,
        final String quote,
        final InstrumentKind kind)
    {
        return new InstrumentDefinition(
            id, venue, venueSymbol, symbol, base, quote, kind, NO_EXPIRY, Long.MIN_VALUE, 0, OptionType.NULL_VAL);
    }

    /**
     * @return engine id.
     */
    public int id()
    {
        return id;
    }

    /**
     * @return venue.
     */
    public Venue venue()
    {
        return venue;
    }

    /**
     * @return the venue's symbol.
     */
    public String venueSymbol()
    {
        return venueSymbol;
    }

    /**
     * @return canonical symbol.
     */
    public String symbol()
    {
        return symbol;
    }

    /**
     * @return base asset or empty.
     */
    public String base()
    {
        return base;
    }

    /**
     * @return quote asset or empty.
     */
    public String quote()
    {
        return quote;
    }

    /**
     * @return instrument kind.
     */
    public InstrumentKind kind()
    {
        return kind;
    }

    /**
     * @return expiry or {@link #NO_EXPIRY}.
     */
    public long expiryTsNs()
    {
        return expiryTsNs;
    }

    /**
     * Longest encoding of a definition.
     *
     * @return bytes.
     */
    public int maxEncodedLength()
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + InstrumentEncoder.BLOCK_LENGTH + 4 +
            venueSymbol.length() + symbol.length() + base.length() + quote.length();
    }

    /**
     * Encodes the definition as an {@code Instrument} message.
     *
     * @param buffer   where to write.
     * @param offset   offset of the message header.
     * @param recvTsNs receive time of the message that caused the definition.
     * @return encoded length.
     */
    public int encode(final MutableDirectBuffer buffer, final int offset, final long recvTsNs)
    {
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final InstrumentEncoder encoder = new InstrumentEncoder();
        encoder.wrapAndApplyHeader(buffer, offset, header)
            .instrumentId(id)
            .venue(venue)
            .kind(kind)
            .optionType(optionType)
            .recvTsNs(recvTsNs)
            .expiryTsNs(expiryTsNs);
        encoder.strike().mantissa(strikeMantissa).exponent((byte)strikeExponent);
        encoder.tickSize().mantissa(Long.MIN_VALUE).exponent((byte)0);
        encoder.lotSize().mantissa(Long.MIN_VALUE).exponent((byte)0);
        encoder.contractSize().mantissa(Long.MIN_VALUE).exponent((byte)0);
        encoder.symbol(symbol).venueSymbol(venueSymbol).baseAsset(base).quoteAsset(quote);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    @Override
    public String toString()
    {
        return "InstrumentDefinition{id=" + id + ", venue=" + venue + ", venueSymbol=" + venueSymbol +
            ", symbol=" + symbol + ", kind=" + kind + '}';
    }
}
