/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.subscribe;

import io.marketprism.feeds.subscribe.SubscriptionRequest.Action;
import io.marketprism.sbe.Venue;

import java.util.Locale;

/**
 * Deribit API v2 public channels over JSON-RPC, on {@code /ws/api/v2}. Every subscribing connection first asks for
 * heartbeats (the session answers each {@code test_request} with {@code public/test}), then subscribes:
 * <pre>
 *   {"jsonrpc":"2.0","id":1,"method":"public/set_heartbeat","params":{"interval":30}}
 *   {"jsonrpc":"2.0","id":2,"method":"public/subscribe","params":{"channels":["book.BTC-PERPETUAL.100ms"]}}
 * </pre>
 * Channels, those {@code DeribitDecoder} reads: {@link DataType#TRADE} {@code trades.I.100ms};
 * {@link DataType#BOOK} {@code book.I.100ms} (incremental, with {@code prev_change_id}; depth 0) or
 * {@code book.I.none.D.100ms} (snapshots of the top D levels, D 1, 10 or 20); {@link DataType#BBO}
 * {@code quote.I}; {@link DataType#TICKER}, {@link DataType#FUNDING}, {@link DataType#MARK_PRICE},
 * {@link DataType#INDEX_PRICE} and {@link DataType#OPEN_INTEREST} {@code ticker.I.100ms};
 * {@link DataType#VOLATILITY_INDEX} {@code deribit_volatility_index.btc_usd} for the decoder's {@code BTC_USD-DVOL}.
 * Built with raw intervals, the book, trades and ticker channels end in {@code .raw} instead of {@code .100ms}:
 * Deribit serves those to authorised connections only, which this builder does not make.
 * <p>
 * Limits, as documented: subscribe requests have their own rate limit, sustained about 3.3 per second
 * ({@link #minFrameIntervalNs()}), burst 10; {@code set_heartbeat}'s interval is at least 10 s. Deribit documents
 * no channel count per request or connection; this builder lists at most {@link #MAX_CHANNELS_PER_REQUEST} channels
 * per request, a precaution of its own.
 * <p>
 * Sources: https://docs.deribit.com/api-reference/subscription-management/public-subscribe,
 * https://docs.deribit.com/api-reference/session-management/public-set_heartbeat,
 * https://docs.deribit.com/articles/notifications, https://docs.deribit.com/articles/rate-limits.
 */
public final class DeribitSubscriptionBuilder extends SubscriptionBuilder
{
    /** Production base URL. */
    public static final String PRODUCTION_BASE_URL = "wss://www.deribit.com";
    /** Path of the WebSocket API. */
    public static final String PATH = "/ws/api/v2";
    /** The default heartbeat interval, seconds. */
    public static final int DEFAULT_HEARTBEAT_INTERVAL_S = 30;
    /** The shortest heartbeat interval Deribit takes, seconds. */
    public static final int MIN_HEARTBEAT_INTERVAL_S = 10;
    /** Channels this builder lists in one request (its own precaution). */
    public static final int MAX_CHANNELS_PER_REQUEST = 500;

    private static final long FRAME_INTERVAL_NS = 300_000_000L;
    private static final String DVOL_SUFFIX = "-DVOL";

    private final boolean raw;
    private final int heartbeatIntervalS;

    /**
     * A builder on the production endpoint, with 100 ms channels and a 30 s heartbeat.
     */
    public DeribitSubscriptionBuilder()
    {
        this(PRODUCTION_BASE_URL, false, DEFAULT_HEARTBEAT_INTERVAL_S);
    }

    /**
     * @param baseUrl            the base URL, e.g. a simulator's {@code ws://127.0.0.1:9000}.
     * @param raw                true for {@code .raw} book, trades and ticker channels (authorised connections).
     * @param heartbeatIntervalS the heartbeat interval asked for, seconds, at least 10.
     */
    public DeribitSubscriptionBuilder(final String baseUrl, final boolean raw, final int heartbeatIntervalS)
    {
        super(Venue.DERIBIT, baseUrl);
        if (heartbeatIntervalS < MIN_HEARTBEAT_INTERVAL_S)
        {
            throw new IllegalArgumentException("Deribit's heartbeat interval is at least " +
                MIN_HEARTBEAT_INTERVAL_S + " s: " + heartbeatIntervalS);
        }
        this.raw = raw;
        this.heartbeatIntervalS = heartbeatIntervalS;
    }

    @Override
    public long minFrameIntervalNs()
    {
        return FRAME_INTERVAL_NS;
    }

    @Override
    Topic topic(final String instrument, final DataType type, final int bookDepth)
    {
        final String interval = raw ? ".raw" : ".100ms";
        if (type == DataType.VOLATILITY_INDEX)
        {
            if (!instrument.endsWith(DVOL_SUFFIX) || instrument.length() == DVOL_SUFFIX.length())
            {
                throw unsupported(instrument, type, "a volatility index is named like BTC_USD-DVOL");
            }
            final String index = instrument.substring(0, instrument.length() - DVOL_SUFFIX.length());
            return Topic.named("", "deribit_volatility_index." + index.toLowerCase(Locale.ROOT));
        }
        if (instrument.endsWith(DVOL_SUFFIX))
        {
            throw unsupported(instrument, type, "a volatility index has only VOLATILITY_INDEX");
        }
        switch (type)
        {
            case TRADE:
                return Topic.named("", "trades." + instrument + interval);
            case BOOK:
                if (bookDepth == SubscriptionRequest.DEFAULT_DEPTH)
                {
                    return Topic.named("", "book." + instrument + interval);
                }
                if (bookDepth != 1 && bookDepth != 10 && bookDepth != 20)
                {
                    throw unsupportedDepth(instrument, bookDepth, "0 (incremental), 1, 10, 20");
                }
                return Topic.named("", "book." + instrument + ".none." + bookDepth + ".100ms");
            case BBO:
                return Topic.named("", "quote." + instrument);
            case TICKER:
            case FUNDING:
            case MARK_PRICE:
            case INDEX_PRICE:
            case OPEN_INTEREST:
                return Topic.named("", "ticker." + instrument + interval);
            default:
                throw unsupported(instrument, type, null);
        }
    }

    @Override
    String json(final Action action, final Topic first, final String list, final long id)
    {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" +
            (action == Action.SUBSCRIBE ? "public/subscribe" : "public/unsubscribe") +
            "\",\"params\":{\"channels\":" + list + "}}";
    }

    @Override
    String preamble(final long id)
    {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"public/set_heartbeat\",\"params\":{\"interval\":" +
            heartbeatIntervalS + "}}";
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

    @Override
    int maxStreamsPerRequest(final String connectionClass)
    {
        return MAX_CHANNELS_PER_REQUEST;
    }
}
