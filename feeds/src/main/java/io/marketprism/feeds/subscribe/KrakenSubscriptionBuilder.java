/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.subscribe;

import io.marketprism.feeds.kraken.KrakenBookRule;
import io.marketprism.feeds.subscribe.SubscriptionRequest.Action;
import io.marketprism.sbe.Venue;

/**
 * Kraken spot WebSocket v2, on {@code /v2}: one request names one channel for a list of symbols ({@code BTC/USD},
 * the v2 spelling):
 * <pre>
 *   {"method":"subscribe","params":{"channel":"book","symbol":["BTC/USD","ETH/USD"],"depth":1000},"req_id":1}
 *   {"method":"subscribe","params":{"channel":"trade","symbol":["BTC/USD"]},"req_id":2}
 * </pre>
 * Channels, those {@code KrakenDecoder} reads: {@link DataType#BOOK} {@code book} at depth
 * {@link KrakenBookRule#DEPTH} (1000), the only depth taken: the engine cuts a Kraken book to that depth after each
 * update, as Kraken requires of a client at its subscribed depth, so a book subscribed at another depth would not be
 * kept as Kraken streams it (written in unsubscribe requests too, since Kraken matches the subscription by it; the
 * checksum covers the top 10 levels whatever the depth); {@link DataType#TRADE} {@code trade};
 * {@link DataType#TICKER} and {@link DataType#BBO} {@code ticker} (the decoder writes its bid and ask as a bbo).
 * <p>
 * Limits: Kraken documents no symbol count per request or connection for public channels, nor a request rate for
 * them, so this builder puts every symbol of a channel in one request and {@link #minFrameIntervalNs()} is 0.
 * <p>
 * Sources: https://docs.kraken.com/api/docs/websocket-v2/book (and {@code trade}, {@code ticker} beside it),
 * https://docs.kraken.com/exchange/api-reference/spot-websocket (endpoints).
 */
public final class KrakenSubscriptionBuilder extends SubscriptionBuilder
{
    /** Production base URL. */
    public static final String PRODUCTION_BASE_URL = "wss://ws.kraken.com";
    /** Path of the v2 public endpoint. */
    public static final String PATH = "/v2";
    /** The book depth of every subscription: the depth the engine keeps Kraken books to. */
    public static final int BOOK_DEPTH = KrakenBookRule.DEPTH;

    /**
     * A builder on the production endpoint.
     */
    public KrakenSubscriptionBuilder()
    {
        this(PRODUCTION_BASE_URL);
    }

    /**
     * @param baseUrl the base URL, e.g. a simulator's {@code ws://127.0.0.1:9000}.
     */
    public KrakenSubscriptionBuilder(final String baseUrl)
    {
        super(Venue.KRAKEN, baseUrl);
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
                if (bookDepth != SubscriptionRequest.DEFAULT_DEPTH && bookDepth != BOOK_DEPTH)
                {
                    throw unsupportedDepth(instrument, bookDepth, BOOK_DEPTH + " (the depth Kraken books are kept to)");
                }
                return Topic.ofChannel("book", BOOK_DEPTH, instrument);
            case TRADE:
                return Topic.ofChannel("trade", 0, instrument);
            case TICKER:
            case BBO:
                return Topic.ofChannel("ticker", 0, instrument);
            default:
                throw unsupported(instrument, type, null);
        }
    }

    @Override
    String json(final Action action, final Topic first, final String list, final long id)
    {
        return "{\"method\":\"" + (action == Action.SUBSCRIBE ? "subscribe" : "unsubscribe") +
            "\",\"params\":{\"channel\":\"" + first.channel() + "\",\"symbol\":" + list +
            (first.depth() > 0 ? ",\"depth\":" + first.depth() : "") + "},\"req_id\":" + id + '}';
    }

    @Override
    String path(final String connectionClass)
    {
        return PATH;
    }

    @Override
    boolean hasRequestIds()
    {
        return true;
    }
}
