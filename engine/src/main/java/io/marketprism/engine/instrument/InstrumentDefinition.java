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
    private long tickSizeMantissa = Long.MIN_VALUE;
    private int tickSizeExponent;
    private long lotSizeMantissa = Long.MIN_VALUE;
    private int lotSizeExponent;
    private long contractSizeMantissa = Long.MIN_VALUE;
    private int contractSizeExponent;

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
     * A copy with the sizes the venue's instrument metadata gives; a null mantissa (Long.MIN_VALUE) for one it does
     * not give.
     *
     * @param tickMantissa     price increment mantissa.
     * @param tickExponent     its exponent.
     * @param lotMantissa      quantity increment mantissa.
     * @param lotExponent      its exponent.
     * @param contractMantissa contract size (multiplier or face value) mantissa.
     * @param contractExponent its exponent.
     * @return the copy.
     */
    public InstrumentDefinition withSizes(
        final long tickMantissa,
        final int tickExponent,
        final long lotMantissa,
        final int lotExponent,
        final long contractMantissa,
        final int contractExponent)
    {
        final InstrumentDefinition copy = new InstrumentDefinition(
            id, venue, venueSymbol, symbol, base, quote, kind, expiryTsNs, strikeMantissa, strikeExponent, optionType);
        copy.tickSizeMantissa = tickMantissa;
        copy.tickSizeExponent = tickExponent;
        copy.lotSizeMantissa = lotMantissa;
        copy.lotSizeExponent = lotExponent;
        copy.contractSizeMantissa = contractMantissa;
        copy.contractSizeExponent = contractExponent;
        return copy;
    }

    /**
     * A copy with the engine id given when the instrument is first met, and the symbol spelled as the stream spells
     * it (metadata is loaded before ids are given, and may spell the symbol in another case).
     *
     * @param newId          the id.
     * @param newVenueSymbol the venue symbol.
     * @return the copy.
     */
    public InstrumentDefinition withVenueSymbol(final int newId, final String newVenueSymbol)
    {
        return new InstrumentDefinition(newId, venue, newVenueSymbol, symbol, base, quote, kind, expiryTsNs,
            strikeMantissa, strikeExponent, optionType).withSizes(tickSizeMantissa, tickSizeExponent,
            lotSizeMantissa, lotSizeExponent, contractSizeMantissa, contractSizeExponent);
    }

    /**
     * @return tick size mantissa, Long.MIN_VALUE when unknown.
     */
    public long tickSizeMantissa()
    {
        return tickSizeMantissa;
    }

    /**
     * @return tick size exponent.
     */
    public int tickSizeExponent()
    {
        return tickSizeExponent;
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
     * @return call, put or {@link OptionType#NULL_VAL}.
     */
    public OptionType optionType()
    {
        return optionType;
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
        encoder.tickSize().mantissa(tickSizeMantissa).exponent((byte)tickSizeExponent);
        encoder.lotSize().mantissa(lotSizeMantissa).exponent((byte)lotSizeExponent);
        encoder.contractSize().mantissa(contractSizeMantissa).exponent((byte)contractSizeExponent);
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
