/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.session;

import io.marketprism.feeds.FrameDecoder;
import io.marketprism.feeds.bybit.BybitCategory;
import io.marketprism.feeds.bybit.BybitDecoder;
import io.marketprism.feeds.coinbase.CoinbaseDecoder;
import io.marketprism.feeds.deribit.DeribitDecoder;
import io.marketprism.feeds.kraken.KrakenDecoder;
import io.marketprism.feeds.krakenfutures.KrakenFuturesDecoder;
import io.marketprism.feeds.net.TextKeepAlive;
import io.marketprism.feeds.okx.OkxDecoder;
import io.marketprism.feeds.subscribe.BybitSubscriptionBuilder;
import io.marketprism.feeds.subscribe.ConnectionPlan;
import io.marketprism.sbe.Venue;

import java.net.URI;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A venue for a {@link FeedSession} whose books need no REST: OKX, Bybit, Deribit, Kraken, Kraken Futures and
 * Coinbase send a book's snapshot on the stream when it is subscribed, and mark each update so that a gap shows (OKX's
 * checksum, Bybit's {@code u}, Deribit's {@code prev_change_id}, Kraken's checksum, Kraken Futures' {@code seq},
 * Coinbase's connection-wide {@code sequence_num}); a book is resynced by subscribing again, on a new connection
 * ({@link #booksFromRest()} is false). Each has its keep-alive:
 * <ul>
 *   <li>OKX: the text {@code ping}, answered {@code pong} (OKX drops a connection quiet for 30 s);</li>
 *   <li>Bybit: {@code {"op":"ping"}}, answered {@code "op":"pong"} on derivatives endpoints and
 *   {@code "ret_msg":"pong"} on spot (every 20 s recommended, the default {@code feed.pingIntervalMs});</li>
 *   <li>Deribit: {@code public/test} as the ping, its response the pong; and the {@code test_request} heartbeats
 *   Deribit sends once a connection asked for them ({@code public/set_heartbeat}, the subscription builder's first
 *   frame) answered with {@code public/test} at once, as Deribit requires;</li>
 *   <li>Kraken: v2's {@code {"method":"ping"}}, answered {@code "method":"pong"};</li>
 *   <li>Kraken Futures and Coinbase: the WebSocket protocol's ping (the Coinbase subscription builder also subscribes
 *   to {@code heartbeats}, without which Coinbase closes quiet channels).</li>
 * </ul>
 * Cold path.
 */
public final class StreamFeedVenue implements FeedVenue
{
    /** OKX's text ping, answered with the text pong. */
    public static final TextKeepAlive OKX_KEEP_ALIVE = new TextKeepAlive("ping", 4, "pong");

    /** Bybit's text ping, answered with a pong. */
    public static final TextKeepAlive BYBIT_KEEP_ALIVE =
        new TextKeepAlive("{\"op\":\"ping\"}", 256, "\"op\":\"pong\"", "\"ret_msg\":\"pong\"");

    /** The request id of the session's own {@code public/test} pings at Deribit; the builder's ids stay far below. */
    public static final long DERIBIT_PING_ID = 9_000_000_001L;
    /** The request id of the answers to Deribit's {@code test_request}. */
    public static final long DERIBIT_ANSWER_ID = 9_000_000_002L;

    /** Deribit's keep-alive: {@code public/test} as the ping, and the answer to its heartbeat test requests. */
    public static final TextKeepAlive DERIBIT_KEEP_ALIVE = new TextKeepAlive(
        "{\"jsonrpc\":\"2.0\",\"id\":" + DERIBIT_PING_ID + ",\"method\":\"public/test\",\"params\":{}}", 512,
        "\"id\":" + DERIBIT_PING_ID + ",")
        .answering("\"test_request\"", 160,
            "{\"jsonrpc\":\"2.0\",\"id\":" + DERIBIT_ANSWER_ID + ",\"method\":\"public/test\",\"params\":{}}");

    /** Kraken's v2 ping, answered with a pong (Kraken drops a connection quiet for a minute). */
    public static final TextKeepAlive KRAKEN_KEEP_ALIVE =
        new TextKeepAlive("{\"method\":\"ping\"}", 256, "\"method\":\"pong\"");

    private final Venue venue;
    private final Supplier<FrameDecoder> decoders;
    private final Function<String, String> bookSymbolOfStream;
    private final TextKeepAlive keepAlive;
    private final KeyStore trustStore;

    private StreamFeedVenue(
        final Venue venue,
        final Supplier<FrameDecoder> decoders,
        final Function<String, String> bookSymbolOfStream,
        final TextKeepAlive keepAlive,
        final KeyStore trustStore)
    {
        this.venue = venue;
        this.decoders = decoders;
        this.bookSymbolOfStream = bookSymbolOfStream;
        this.keepAlive = keepAlive;
        this.trustStore = trustStore;
    }

    /**
     * @param trustStore certificates to trust instead of the feed's (a simulator's), or null.
     * @return OKX v5 public channels; book streams {@code books:BTC-USDT} (and {@code books5}, {@code -l2-tbt}).
     */
    public static StreamFeedVenue okx(final KeyStore trustStore)
    {
        return new StreamFeedVenue(Venue.OKX, OkxDecoder::new,
            stream -> stream.startsWith("books") && stream.indexOf(':') > 0 ?
                stream.substring(stream.indexOf(':') + 1) : null,
            OKX_KEEP_ALIVE, trustStore);
    }

    /**
     * @param plan       a connection plan of {@link BybitSubscriptionBuilder}: its URL names the category, which
     *                   the decoder needs (one category per connection).
     * @param trustStore certificates to trust instead of the feed's, or null.
     * @return Bybit v5 public topics of that category; book topics {@code orderbook.D.SYMBOL}, books named
     *         {@code category:SYMBOL}.
     */
    public static StreamFeedVenue bybit(final ConnectionPlan plan, final KeyStore trustStore)
    {
        final String path = URI.create(plan.url()).getPath();
        final int at = path.indexOf(BybitSubscriptionBuilder.PUBLIC_PATH);
        if (at < 0)
        {
            throw new IllegalArgumentException("not a Bybit v5 public endpoint: " + plan.url());
        }
        final BybitCategory category =
            BybitCategory.parse(path.substring(at + BybitSubscriptionBuilder.PUBLIC_PATH.length()));
        return new StreamFeedVenue(Venue.BYBIT, () -> new BybitDecoder(category),
            topic -> topic.startsWith("orderbook.") ?
                category.prefix() + topic.substring(topic.indexOf('.', "orderbook.".length()) + 1) : null,
            BYBIT_KEEP_ALIVE, trustStore);
    }

    /**
     * @param trustStore certificates to trust instead of the feed's, or null.
     * @return Deribit API v2; book channels {@code book.I.100ms}, {@code book.I.raw}, {@code book.I.none.D.100ms}.
     */
    public static StreamFeedVenue deribit(final KeyStore trustStore)
    {
        return new StreamFeedVenue(Venue.DERIBIT, DeribitDecoder::new,
            channel ->
            {
                if (!channel.startsWith("book."))
                {
                    return null;
                }
                final int end = channel.indexOf('.', "book.".length());
                return channel.substring("book.".length(), end > 0 ? end : channel.length());
            },
            DERIBIT_KEEP_ALIVE, trustStore);
    }

    /**
     * @param trustStore certificates to trust instead of the feed's, or null.
     * @return Kraken spot WebSocket v2; book channels {@code book:BTC/USD}.
     */
    public static StreamFeedVenue kraken(final KeyStore trustStore)
    {
        return new StreamFeedVenue(Venue.KRAKEN, KrakenDecoder::new,
            stream -> stream.startsWith("book:") ? stream.substring("book:".length()) : null,
            KRAKEN_KEEP_ALIVE, trustStore);
    }

    /**
     * @param trustStore certificates to trust instead of the feed's, or null.
     * @return Coinbase Advanced Trade; book channels {@code level2:BTC-USD}.
     */
    public static StreamFeedVenue coinbase(final KeyStore trustStore)
    {
        return new StreamFeedVenue(Venue.COINBASE, () -> new CoinbaseDecoder(Venue.COINBASE),
            stream -> stream.startsWith("level2:") ? stream.substring("level2:".length()) : null,
            null, trustStore);
    }

    /**
     * @param trustStore certificates to trust instead of the feed's, or null.
     * @return Kraken Futures WebSocket v1; book feeds {@code book:PI_XBTUSD}.
     */
    public static StreamFeedVenue krakenFutures(final KeyStore trustStore)
    {
        return new StreamFeedVenue(Venue.KRAKEN_FUTURES, KrakenFuturesDecoder::new,
            stream -> stream.startsWith("book:") ? stream.substring("book:".length()).toUpperCase(Locale.ROOT) : null,
            null, trustStore);
    }

    @Override
    public Venue venue()
    {
        return venue;
    }

    @Override
    public FrameDecoder newDecoder()
    {
        return decoders.get();
    }

    @Override
    public List<String> bookSymbols(final ConnectionPlan plan)
    {
        final List<String> symbols = new ArrayList<>();
        for (final String stream : plan.streams())
        {
            final String symbol = bookSymbolOfStream.apply(stream);
            if (symbol != null && !symbols.contains(symbol))
            {
                symbols.add(symbol);
            }
        }
        return symbols;
    }

    @Override
    public String snapshotUrl(final String venueSymbol)
    {
        throw new UnsupportedOperationException(venue + " books are snapshotted on the stream, not over REST");
    }

    @Override
    public boolean booksFromRest()
    {
        return false;
    }

    @Override
    public TextKeepAlive keepAlive()
    {
        return keepAlive;
    }

    @Override
    public KeyStore trustStore()
    {
        return trustStore;
    }
}
