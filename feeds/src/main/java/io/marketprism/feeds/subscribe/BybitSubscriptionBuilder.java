/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.subscribe;

import io.marketprism.feeds.bybit.BybitCategory;
import io.marketprism.feeds.subscribe.SubscriptionRequest.Action;
import io.marketprism.sbe.Venue;

/**
 * Bybit v5 public topics, one endpoint per category ({@code /v5/public/spot}, {@code linear}, {@code inverse},
 * {@code option}): an instrument is the decoder's venue symbol, category and symbol ({@code linear:BTCUSDT}), and
 * the category picks the connection.
 * <pre>
 *   {"op":"subscribe","args":["orderbook.50.BTCUSDT","publicTrade.BTCUSDT"],"req_id":"1"}
 * </pre>
 * Topics, those {@code BybitDecoder} reads: {@link DataType#TRADE} {@code publicTrade.S} (not options, whose trade
 * topic is per base coin); {@link DataType#BOOK} {@code orderbook.D.S} with D 1, 50, 200 or 1000 (spot, linear,
 * inverse; default 50) or 25 or 100 (option; default 25); on derivatives {@link DataType#TICKER},
 * {@link DataType#BBO}, {@link DataType#MARK_PRICE}, {@link DataType#INDEX_PRICE} and
 * {@link DataType#OPEN_INTEREST} {@code tickers.S} (spot tickers carry none of the fields the decoder writes, so
 * the decoder yields nothing for them and they are refused), and on linear and
 * inverse contracts {@link DataType#FUNDING} {@code tickers.S} and {@link DataType#LIQUIDATION}
 * {@code allLiquidation.S}. {@code req_id} is the frame's id, as a string.
 * <p>
 * Limits, as documented ("Public channel - Args limits"): on one public connection the {@code args} array may not
 * exceed 21,000 characters in all; spot takes at most 10 args per request; options at most 2,000 args per
 * connection; futures no count limit. Bybit documents no request rate for public topics (only: no more than 500
 * connections in 5 minutes per domain), so {@link #minFrameIntervalNs()} is 0.
 * <p>
 * Sources: https://bybit-exchange.github.io/docs/v5/ws/connect and
 * https://bybit-exchange.github.io/docs/v5/websocket/public/orderbook (and the trade, ticker and all-liquidation
 * topic pages beside it).
 */
public final class BybitSubscriptionBuilder extends SubscriptionBuilder
{
    /** Production base URL. */
    public static final String PRODUCTION_BASE_URL = "wss://stream.bybit.com";
    /** Path of the public endpoints; the category's name follows. */
    public static final String PUBLIC_PATH = "/v5/public/";
    /** Characters of the {@code args} of one public connection, all requests together. */
    public static final int MAX_ARGS_CHARS_PER_CONNECTION = 21_000;
    /** Args of one spot request. */
    public static final int MAX_SPOT_ARGS_PER_REQUEST = 10;
    /** Args of one option connection. */
    public static final int MAX_OPTION_ARGS_PER_CONNECTION = 2000;

    /**
     * A builder on the production endpoints.
     */
    public BybitSubscriptionBuilder()
    {
        this(PRODUCTION_BASE_URL);
    }

    /**
     * @param baseUrl the base URL, e.g. a simulator's {@code ws://127.0.0.1:9000}.
     */
    public BybitSubscriptionBuilder(final String baseUrl)
    {
        super(Venue.BYBIT, baseUrl);
    }

    @Override
    public long minFrameIntervalNs()
    {
        return 0;
    }

    @Override
    Topic topic(final String instrument, final DataType type, final int bookDepth)
    {
        final int colon = instrument.indexOf(':');
        final BybitCategory category;
        try
        {
            category = BybitCategory.parse(colon > 0 ? instrument.substring(0, colon) : "");
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("a Bybit instrument is category:symbol, e.g. linear:BTCUSDT, not '" +
                instrument + "'", ex);
        }
        final String symbol = instrument.substring(colon + 1);
        final String connection = category.wireName();
        final boolean spot = category == BybitCategory.SPOT;
        final boolean option = category == BybitCategory.OPTION;
        switch (type)
        {
            case TRADE:
                if (option)
                {
                    throw unsupported(instrument, type, "option trades are published per base coin");
                }
                return Topic.named(connection, "publicTrade." + symbol);
            case BOOK:
                return Topic.named(connection, "orderbook." + depth(instrument, option, bookDepth) + '.' + symbol);
            case TICKER:
            case BBO:
            case MARK_PRICE:
            case INDEX_PRICE:
            case OPEN_INTEREST:
                if (spot)
                {
                    throw unsupported(instrument, type, "spot tickers carry no such field");
                }
                return Topic.named(connection, "tickers." + symbol);
            case FUNDING:
                if (spot || option)
                {
                    throw unsupported(instrument, type, "only linear and inverse contracts fund");
                }
                return Topic.named(connection, "tickers." + symbol);
            case LIQUIDATION:
                if (spot || option)
                {
                    throw unsupported(instrument, type, "allLiquidation covers linear and inverse contracts");
                }
                return Topic.named(connection, "allLiquidation." + symbol);
            default:
                throw unsupported(instrument, type, null);
        }
    }

    private int depth(final String instrument, final boolean option, final int depth)
    {
        if (option)
        {
            if (depth == SubscriptionRequest.DEFAULT_DEPTH)
            {
                return 25;
            }
            if (depth != 25 && depth != 100)
            {
                throw unsupportedDepth(instrument, depth, "25, 100 (options)");
            }
            return depth;
        }
        if (depth == SubscriptionRequest.DEFAULT_DEPTH)
        {
            return 50;
        }
        if (depth != 1 && depth != 50 && depth != 200 && depth != 1000)
        {
            throw unsupportedDepth(instrument, depth, "1, 50, 200, 1000");
        }
        return depth;
    }

    @Override
    String json(final Action action, final Topic first, final String list, final long id)
    {
        return "{\"op\":\"" + (action == Action.SUBSCRIBE ? "subscribe" : "unsubscribe") + "\",\"args\":" + list +
            ",\"req_id\":\"" + id + "\"}";
    }

    @Override
    String path(final String connectionClass)
    {
        return PUBLIC_PATH + connectionClass;
    }

    @Override
    boolean hasRequestIds()
    {
        return true;
    }

    @Override
    int maxStreamsPerConnection(final String connectionClass)
    {
        return BybitCategory.OPTION.wireName().equals(connectionClass) ? MAX_OPTION_ARGS_PER_CONNECTION : UNLIMITED;
    }

    @Override
    int maxListCharsPerConnection(final String connectionClass)
    {
        return MAX_ARGS_CHARS_PER_CONNECTION;
    }

    @Override
    int maxStreamsPerRequest(final String connectionClass)
    {
        return BybitCategory.SPOT.wireName().equals(connectionClass) ? MAX_SPOT_ARGS_PER_REQUEST : UNLIMITED;
    }
}
