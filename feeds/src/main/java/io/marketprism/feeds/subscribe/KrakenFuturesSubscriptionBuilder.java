/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.subscribe;

import io.marketprism.feeds.subscribe.SubscriptionRequest.Action;
import io.marketprism.sbe.Venue;

/**
 * Kraken Futures WebSocket v1 public feeds, on {@code /ws/v1}: one request names one feed for a list of products.
 * <pre>
 *   {"event":"subscribe","feed":"book","product_ids":["PI_XBTUSD","PF_ETHUSD"]}
 * </pre>
 * Feeds, those {@code KrakenFuturesDecoder} reads: {@link DataType#BOOK} {@code book} (a {@code book_snapshot} then
 * deltas; depth 0 only); {@link DataType#TRADE} {@code trade}; {@link DataType#TICKER}, {@link DataType#BBO},
 * {@link DataType#FUNDING}, {@link DataType#MARK_PRICE}, {@link DataType#INDEX_PRICE} and
 * {@link DataType#OPEN_INTEREST} {@code ticker}. Requests carry no id; the reply ({@code subscribed}) names the feed
 * and products.
 * <p>
 * Limits: Kraken documents none for public feeds (products per request or connection, request rate), so every
 * product of a feed goes in one request and {@link #minFrameIntervalNs()} is 0.
 * <p>
 * Sources: https://docs.kraken.com/exchange/api-reference/futures-websocket/book (and {@code trade},
 * {@code ticker} beside it).
 */
public final class KrakenFuturesSubscriptionBuilder extends SubscriptionBuilder
{
    /** Production base URL. */
    public static final String PRODUCTION_BASE_URL = "wss://futures.kraken.com";
    /** Path of the v1 endpoint. */
    public static final String PATH = "/ws/v1";

    /**
     * A builder on the production endpoint.
     */
    public KrakenFuturesSubscriptionBuilder()
    {
        this(PRODUCTION_BASE_URL);
    }

    /**
     * @param baseUrl the base URL, e.g. a simulator's {@code ws://127.0.0.1:9000}.
     */
    public KrakenFuturesSubscriptionBuilder(final String baseUrl)
    {
        super(Venue.KRAKEN_FUTURES, baseUrl);
    }

    @Override
    public long minFrameIntervalNs()
    {
        return 0;
    }

    @Override
    Topic topic(final String instrument, final DataType type, final int bookDepth)
    {
        switch (type)
        {
            case BOOK:
                if (bookDepth != SubscriptionRequest.DEFAULT_DEPTH)
                {
                    throw unsupportedDepth(instrument, bookDepth, "only the full book (0)");
                }
                return Topic.ofChannel("book", 0, instrument);
            case TRADE:
                return Topic.ofChannel("trade", 0, instrument);
            case TICKER:
            case BBO:
            case FUNDING:
            case MARK_PRICE:
            case INDEX_PRICE:
            case OPEN_INTEREST:
                return Topic.ofChannel("ticker", 0, instrument);
            default:
                throw unsupported(instrument, type, null);
        }
    }

    @Override
    String json(final Action action, final Topic first, final String list, final long id)
    {
        return "{\"event\":\"" + (action == Action.SUBSCRIBE ? "subscribe" : "unsubscribe") + "\",\"feed\":\"" +
            first.channel() + "\",\"product_ids\":" + list + '}';
    }

    @Override
    String path(final String connectionClass)
    {
        return PATH;
    }

    @Override
    boolean hasRequestIds()
    {
        return false;
    }
}
