/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.subscribe;

import io.marketprism.feeds.subscribe.SubscriptionRequest.Action;
import io.marketprism.sbe.Venue;

import java.util.Locale;

/**
 * Binance spot, USD-M and COIN-M market streams, subscribed live on a combined-stream connection
 * ({@code /stream}, so every event arrives as {@code {"stream":..,"data":..}}, which {@code BinanceDecoder} reads):
 * <pre>
 *   {"method":"SUBSCRIBE","params":["btcusdt@trade","btcusdt@depth@100ms"],"id":1}
 *   {"method":"UNSUBSCRIBE","params":["btcusdt@trade"],"id":1}
 * </pre>
 * Stream names are the lower-cased symbol and the stream: {@link DataType#TRADE} {@code @trade} on spot and
 * {@code @aggTrade} on futures (the trade stream Binance documents there), {@link DataType#AGGREGATED_TRADE}
 * {@code @aggTrade}, {@link DataType#BOOK} {@code @depth@100ms} (the diff-depth stream; no depth can be chosen, the
 * book starts from a REST snapshot), {@link DataType#BBO} {@code @bookTicker}; on futures only
 * {@link DataType#FUNDING}, {@link DataType#MARK_PRICE} and {@link DataType#INDEX_PRICE} {@code @markPrice@1s} and
 * {@link DataType#LIQUIDATION} {@code @forceOrder}. Binance streams open interest and ratios over REST only.
 * <p>
 * Limits, as documented: 1,024 streams per connection (spot, USD-M and COIN-M); 5 incoming messages per second per
 * connection on spot, 10 on futures ({@link #minFrameIntervalNs()}; pings and pongs count too, so a session
 * should pace below it); a connection lives 24 hours. Binance documents no limit on the names of one request; this
 * builder keeps each request's list under 4,000 characters, a precaution (a client library reports larger frames
 * refused).
 * <p>
 * Sources: https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams (General WSS information,
 * WebSocket Limits, Live Subscribing/Unsubscribing to streams),
 * https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams,
 * https://developers.binance.com/docs/derivatives/coin-margined-futures/websocket-market-streams.
 */
public final class BinanceSubscriptionBuilder extends SubscriptionBuilder
{
    /** Production base URL of spot streams. */
    public static final String SPOT_BASE_URL = "wss://stream.binance.com:9443";
    /** Production base URL of USD-M futures streams. */
    public static final String USDM_BASE_URL = "wss://fstream.binance.com";
    /** Production base URL of COIN-M futures streams. */
    public static final String COINM_BASE_URL = "wss://dstream.binance.com";
    /** Path of the combined-stream endpoint. */
    public static final String COMBINED_STREAM_PATH = "/stream";
    /** Streams one connection may listen to. */
    public static final int MAX_STREAMS_PER_CONNECTION = 1024;
    /** Characters of one request's list of names that this builder allows (a precaution, not documented). */
    public static final int MAX_LIST_CHARS_PER_REQUEST = 4000;

    private static final long SPOT_FRAME_INTERVAL_NS = 1_000_000_000L / 5;
    private static final long FUTURES_FRAME_INTERVAL_NS = 1_000_000_000L / 10;

    private final boolean futures;

    /**
     * A builder on the venue's production endpoint.
     *
     * @param venue {@link Venue#BINANCE_SPOT}, {@link Venue#BINANCE_USDM} or {@link Venue#BINANCE_COINM}.
     */
    public BinanceSubscriptionBuilder(final Venue venue)
    {
        this(venue, productionBaseUrl(venue));
    }

    /**
     * @param venue   {@link Venue#BINANCE_SPOT}, {@link Venue#BINANCE_USDM} or {@link Venue#BINANCE_COINM}.
     * @param baseUrl the base URL, e.g. a simulator's {@code ws://127.0.0.1:9000}.
     */
    public BinanceSubscriptionBuilder(final Venue venue, final String baseUrl)
    {
        super(venue, baseUrl);
        productionBaseUrl(venue);
        this.futures = venue != Venue.BINANCE_SPOT;
    }

    /**
     * @param venue a Binance venue.
     * @return its production base URL.
     */
    public static String productionBaseUrl(final Venue venue)
    {
        switch (venue)
        {
            case BINANCE_SPOT:
                return SPOT_BASE_URL;
            case BINANCE_USDM:
                return USDM_BASE_URL;
            case BINANCE_COINM:
                return COINM_BASE_URL;
            default:
                throw new IllegalArgumentException("not a Binance venue: " + venue);
        }
    }

    @Override
    public long minFrameIntervalNs()
    {
        return futures ? FUTURES_FRAME_INTERVAL_NS : SPOT_FRAME_INTERVAL_NS;
    }

    @Override
    Topic topic(final String instrument, final DataType type, final int bookDepth)
    {
        final String symbol = instrument.toLowerCase(Locale.ROOT);
        switch (type)
        {
            case TRADE:
                return Topic.named("", symbol + (futures ? "@aggTrade" : "@trade"));
            case AGGREGATED_TRADE:
                return Topic.named("", symbol + "@aggTrade");
            case BOOK:
                if (bookDepth != SubscriptionRequest.DEFAULT_DEPTH)
                {
                    throw unsupportedDepth(instrument, bookDepth, "only the diff-depth stream (0)");
                }
                return Topic.named("", symbol + "@depth@100ms");
            case BBO:
                return Topic.named("", symbol + "@bookTicker");
            case FUNDING:
            case MARK_PRICE:
            case INDEX_PRICE:
                if (!futures)
                {
                    throw unsupported(instrument, type, "mark price streams are futures only");
                }
                return Topic.named("", symbol + "@markPrice@1s");
            case LIQUIDATION:
                if (!futures)
                {
                    throw unsupported(instrument, type, "liquidation streams are futures only");
                }
                return Topic.named("", symbol + "@forceOrder");
            default:
                throw unsupported(instrument, type, null);
        }
    }

    @Override
    String json(final Action action, final Topic first, final String list, final long id)
    {
        return "{\"method\":\"" + (action == Action.SUBSCRIBE ? "SUBSCRIBE" : "UNSUBSCRIBE") + "\",\"params\":" +
            list + ",\"id\":" + id + '}';
    }

    @Override
    String path(final String connectionClass)
    {
        return COMBINED_STREAM_PATH;
    }

    @Override
    boolean hasRequestIds()
    {
        return true;
    }

    @Override
    int maxStreamsPerConnection(final String connectionClass)
    {
        return MAX_STREAMS_PER_CONNECTION;
    }

    @Override
    int maxListCharsPerRequest(final String connectionClass)
    {
        return MAX_LIST_CHARS_PER_REQUEST;
    }
}
