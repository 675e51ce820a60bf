/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.subscribe;

import io.marketprism.feeds.subscribe.SubscriptionRequest.Action;
import io.marketprism.sbe.Venue;

/**
 * OKX v5 public channels, on the public endpoint {@code /ws/v5/public}:
 * <pre>
 *   {"op":"subscribe","args":[{"channel":"books","instId":"BTC-USDT"},{"channel":"trades","instId":"BTC-USDT"}]}
 *   {"op":"subscribe","args":[{"channel":"liquidation-orders","instType":"SWAP"}]}
 * </pre>
 * Channels, those {@code OkxDecoder} reads: {@link DataType#TRADE} {@code trades}; {@link DataType#BOOK}
 * {@code books} (400 levels, 100 ms; depth 0 or 400), {@code books5} (depth 5), {@code books50-l2-tbt} (depth 50)
 * and, when built with tick-by-tick books, {@code books-l2-tbt} for depth 0 or 400 (both tick-by-tick channels
 * need a logged-in connection of a qualifying fee tier, which this builder does not do); {@link DataType#BBO}
 * {@code bbo-tbt}; {@link DataType#TICKER} {@code tickers}; {@link DataType#FUNDING} {@code funding-rate};
 * {@link DataType#MARK_PRICE} {@code mark-price}; {@link DataType#INDEX_PRICE} {@code index-tickers} (the instrument
 * is the index, {@code BTC-USDT}); {@link DataType#OPEN_INTEREST} {@code open-interest};
 * {@link DataType#LIQUIDATION} {@code liquidation-orders} of the instrument's type ({@code SWAP} for
 * {@code -SWAP}, {@code OPTION} for {@code BTC-USD-250328-90000-C}, {@code FUTURES} for {@code BTC-USD-250328},
 * {@code MARGIN} for a pair), listed once per type. All of them are public-endpoint channels; the business endpoint
 * ({@link #BUSINESS_PATH}) carries candles and {@code trades-all}, which no decoder reads yet.
 * <p>
 * Limits, as documented: the {@code args} of one request at most 64 KB; 480 subscribe, unsubscribe and login
 * requests per connection per hour ({@link #minFrameIntervalNs()}, 7.5 s: the builder puts as many channels as fit
 * in one request); 3 connection requests per second per IP. OKX documents no channel count per connection. OKX
 * requests carry no id here; the reply echoes the {@code arg}.
 * <p>
 * Source: https://www.okx.com/docs-v5/en/#overview-websocket (Connect, Subscribe, Unsubscribe) and the channel
 * sections of https://www.okx.com/docs-v5/en/#order-book-trading-market-data-ws and
 * https://www.okx.com/docs-v5/en/#public-data-websocket.
 */
public final class OkxSubscriptionBuilder extends SubscriptionBuilder
{
    /** Production base URL. */
    public static final String PRODUCTION_BASE_URL = "wss://ws.okx.com:8443";
    /** Path of the public endpoint, where every channel this builder names lives. */
    public static final String PUBLIC_PATH = "/ws/v5/public";
    /** Path of the business endpoint (candles, {@code trades-all}): not used by this builder. */
    public static final String BUSINESS_PATH = "/ws/v5/business";
    /** Characters of one request's {@code args}: 64 KB. */
    public static final int MAX_ARGS_CHARS_PER_REQUEST = 64 * 1024;

    private static final long FRAME_INTERVAL_NS = 3_600_000_000_000L / 480;

    private final boolean tickByTickBooks;

    /**
     * A builder on the production endpoint, with the 100 ms {@code books} channel for the full book.
     */
    public OkxSubscriptionBuilder()
    {
        this(PRODUCTION_BASE_URL, false);
    }

    /**
     * @param baseUrl         the base URL, e.g. a simulator's {@code ws://127.0.0.1:9000}.
     * @param tickByTickBooks true to ask for {@code books-l2-tbt} rather than {@code books} for the full book.
     */
    public OkxSubscriptionBuilder(final String baseUrl, final boolean tickByTickBooks)
    {
        super(Venue.OKX, baseUrl);
        this.tickByTickBooks = tickByTickBooks;
    }

    @Override
    public long minFrameIntervalNs()
    {
        return FRAME_INTERVAL_NS;
    }

    @Override
    Topic topic(final String instrument, final DataType type, final int bookDepth)
    {
        switch (type)
        {
            case TRADE:
                return instrumentTopic("trades", instrument);
            case BOOK:
                return instrumentTopic(bookChannel(instrument, bookDepth), instrument);
            case BBO:
                return instrumentTopic("bbo-tbt", instrument);
            case TICKER:
                return instrumentTopic("tickers", instrument);
            case FUNDING:
                return instrumentTopic("funding-rate", instrument);
            case MARK_PRICE:
                return instrumentTopic("mark-price", instrument);
            case INDEX_PRICE:
                return instrumentTopic("index-tickers", instrument);
            case OPEN_INTEREST:
                return instrumentTopic("open-interest", instrument);
            case LIQUIDATION:
                final String instType = instrumentType(instrument);
                return new Topic("", "", "liquidation-orders:" + instType,
                    "{\"channel\":\"liquidation-orders\",\"instType\":\"" + instType + "\"}", "", 0);
            default:
                throw unsupported(instrument, type, null);
        }
    }

    private String bookChannel(final String instrument, final int depth)
    {
        switch (depth)
        {
            case SubscriptionRequest.DEFAULT_DEPTH:
            case 400:
                return tickByTickBooks ? "books-l2-tbt" : "books";
            case 5:
                return "books5";
            case 50:
                return "books50-l2-tbt";
            default:
                throw unsupportedDepth(instrument, depth, "0 or 400 (books), 5 (books5), 50 (books50-l2-tbt)");
        }
    }

    /**
     * @param instrument an OKX instrument id.
     * @return its instrument type, by its shape: SWAP, OPTION, FUTURES or MARGIN (a spot pair).
     */
    static String instrumentType(final String instrument)
    {
        if (instrument.endsWith("-SWAP"))
        {
            return "SWAP";
        }
        final String[] parts = instrument.split("-", -1);
        if (parts.length == 5 && ("C".equals(parts[4]) || "P".equals(parts[4])))
        {
            return "OPTION";
        }
        if (parts.length == 3 && parts[2].length() == 6 && parts[2].chars().allMatch(Character::isDigit))
        {
            return "FUTURES";
        }
        return "MARGIN";
    }

    private static Topic instrumentTopic(final String channel, final String instrument)
    {
        return new Topic("", "", channel + ':' + instrument,
            "{\"channel\":\"" + channel + "\",\"instId\":\"" + instrument + "\"}", "", 0);
    }

    @Override
    String json(final Action action, final Topic first, final String list, final long id)
    {
        return "{\"op\":\"" + (action == Action.SUBSCRIBE ? "subscribe" : "unsubscribe") + "\",\"args\":" + list + '}';
    }

    @Override
    String path(final String connectionClass)
    {
        return PUBLIC_PATH;
    }

    @Override
    boolean hasRequestIds()
    {
        return false;
    }

    @Override
    int maxListCharsPerRequest(final String connectionClass)
    {
        return MAX_ARGS_CHARS_PER_REQUEST;
    }
}
