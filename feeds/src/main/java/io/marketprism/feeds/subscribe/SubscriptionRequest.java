/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.subscribe;

import io.marketprism.feeds.SymbolBytes;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A venue-neutral subscription request: every instrument times every data type, to subscribe or to unsubscribe.
 * Instruments are venue symbols as the decoders name them ({@code BTCUSDT}, {@code BTC-USDT-SWAP},
 * {@code linear:BTCUSDT}, {@code BTC-PERPETUAL}, {@code BTC_USD-DVOL}, {@code BTC/USD}, {@code PI_XBTUSD},
 * {@code BTC-USD}); each must consist of symbol bytes only ({@link SymbolBytes}), so that it needs no escaping in
 * JSON. Immutable.
 */
public final class SubscriptionRequest
{
    /** Whether the frames subscribe or unsubscribe. */
    public enum Action
    {
        /** Start the streams. */
        SUBSCRIBE,
        /** Stop the streams. */
        UNSUBSCRIBE
    }

    /** Book depth meaning "the venue's incremental book, or its default depth". */
    public static final int DEFAULT_DEPTH = 0;

    private final Action action;
    private final List<String> instruments;
    private final List<DataType> dataTypes;
    private final int bookDepth;

    private SubscriptionRequest(
        final Action action, final List<String> instruments, final List<DataType> dataTypes, final int bookDepth)
    {
        if (instruments.isEmpty() || dataTypes.isEmpty())
        {
            throw new IllegalArgumentException("a request needs at least one instrument and one data type");
        }
        for (final String instrument : instruments)
        {
            if (!SymbolBytes.isValidSymbol(instrument.getBytes(StandardCharsets.US_ASCII)) ||
                !StandardCharsets.US_ASCII.newEncoder().canEncode(instrument))
            {
                throw new IllegalArgumentException("not a venue symbol: '" + instrument + "'");
            }
        }
        if (bookDepth < 0)
        {
            throw new IllegalArgumentException("book depth must not be negative: " + bookDepth);
        }
        this.action = action;
        this.instruments = List.copyOf(instruments);
        this.dataTypes = List.copyOf(dataTypes);
        this.bookDepth = bookDepth;
    }

    /**
     * @param instruments venue symbols, in the order their streams are to be listed.
     * @param dataTypes   data types, in order.
     * @return a request to subscribe to every instrument times every data type, book at the default depth.
     */
    public static SubscriptionRequest subscribe(final List<String> instruments, final List<DataType> dataTypes)
    {
        return new SubscriptionRequest(Action.SUBSCRIBE, instruments, dataTypes, DEFAULT_DEPTH);
    }

    /**
     * @param instruments venue symbols, in the order their streams are to be listed.
     * @param dataTypes   data types, in order.
     * @return a request to unsubscribe from every instrument times every data type, book at the default depth.
     */
    public static SubscriptionRequest unsubscribe(final List<String> instruments, final List<DataType> dataTypes)
    {
        return new SubscriptionRequest(Action.UNSUBSCRIBE, instruments, dataTypes, DEFAULT_DEPTH);
    }

    /**
     * @param depth levels per side of the book stream, {@link #DEFAULT_DEPTH} for the venue's incremental book or
     *              default; a venue refuses a depth it does not offer.
     * @return this request with that book depth.
     */
    public SubscriptionRequest bookDepth(final int depth)
    {
        return new SubscriptionRequest(action, instruments, dataTypes, depth);
    }

    /**
     * @return subscribe or unsubscribe.
     */
    public Action action()
    {
        return action;
    }

    /**
     * @return the venue symbols, in order.
     */
    public List<String> instruments()
    {
        return instruments;
    }

    /**
     * @return the data types, in order.
     */
    public List<DataType> dataTypes()
    {
        return dataTypes;
    }

    /**
     * @return levels per side of the book stream, {@link #DEFAULT_DEPTH} for the venue's default.
     */
    public int bookDepth()
    {
        return bookDepth;
    }
}
