/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.sim;

import io.marketprism.codecs.VenueNames;
import io.marketprism.feeds.capture.CapturePacer;
import io.marketprism.feeds.capture.CaptureReader;
import io.marketprism.feeds.capture.Captures;
import io.marketprism.sbe.Venue;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;

/**
 * A local server that speaks one venue's WebSocket protocol on loopback and replays a recording's received frames to
 * each client once it has subscribed (by its URL or by a subscribe frame, as the {@link VenueProtocol} decides), at the
 * recorded pace, as fast as the socket takes them, or at a fixed rate. Optionally over TLS with a certificate made at
 * start ({@link SimulatorCertificate}). Every client gets the whole recording from its start, through its own
 * {@link OutboundFrameHook} decision per frame, then the {@link FaultPlan}'s. The recording is loaded once into a
 * {@link RecordedTimeline}; with {@link Context#live(boolean)} the clients share its position like a live venue's
 * stream. Plain HTTP requests on the same port are the venue's REST endpoints ({@link VenueRest}: the depth snapshot,
 * consistent with the stream position). REST messages in the recording seed those endpoints; they are not replayed.
 * <p>
 * Threads: one event loop (epoll or NIO) serves every client; {@link #close()} closes them all and stops it.
 */
public final class VenueSimulator implements AutoCloseable
{
    /** Prefix of the names of the simulator's event-loop threads. */
    public static final String THREAD_NAME_PREFIX = "marketprism-sim";

    /** Counter index: client connections accepted. */
    public static final int CLIENTS_ACCEPTED = 0;
    /** Counter index: recorded frames sent, over all clients. */
    public static final int FRAMES_SENT = 1;
    /** Counter index: frames the hook dropped. */
    public static final int FRAMES_DROPPED = 2;
    /** Counter index: pings answered with a pong. */
    public static final int PINGS_ANSWERED = 3;
    /** Counter index: pings left unanswered ({@link Context#answerPings(boolean)} false). */
    public static final int PINGS_IGNORED = 4;
    /** Counter index: recorded REST messages skipped. */
    public static final int REST_FRAMES_SKIPPED = 5;
    /** Counter index: replays that reached the end of the recording. */
    public static final int REPLAYS_COMPLETED = 6;
    /** Counter index: replays that could not open or read the recording. */
    public static final int REPLAY_FAILURES = 7;
    /** Counter index: client connections the hook or a fault disconnected. */
    public static final int DISCONNECTS = 8;
    /** Counter index: REST requests received. */
    public static final int REST_REQUESTS = 9;
    /** Counter index: REST requests answered with an injected error or left unanswered. */
    public static final int REST_FAULTS = 10;
    /** Counter index: frames sent twice by a duplicate fault. */
    public static final int FRAMES_DUPLICATED = 11;
    /** Counter index: frames sent late by a reorder fault. */
    public static final int FRAMES_REORDERED = 12;
    /** Counter index: frames sent truncated by a malformed fault. */
    public static final int FRAMES_MALFORMED = 13;
    /** Counter index: stalls. */
    public static final int STALLS = 14;
    /** Counter index: WebSocket upgrade requests received. */
    public static final int UPGRADE_REQUESTS = 15;
    /** Counter index: WebSocket upgrade requests refused by a fault. */
    public static final int UPGRADES_REFUSED = 16;
    private static final int COUNTER_COUNT = 17;

    private static final long SHUTDOWN_TIMEOUT_MS = 5_000;

    private final Context context;
    private final EventLoopGroup group;
    private final List<Thread> threads = new ArrayList<>();
    private final Channel serverChannel;
    private final AtomicLongArray counters = new AtomicLongArray(COUNTER_COUNT);
    private final AtomicInteger nextClientId = new AtomicInteger();
    private final SimulatorCertificate certificate;
    private final String baseUrl;
    private final RecordedTimeline timeline;
    private final byte[] faultActions;
    private final int[] reorderReleases;
    private final VenueRest rest;
    private int venuePosition;
    private long upgradeRequests;
    private long restRequests;

    private VenueSimulator(final Context context) throws IOException
    {
        this.context = context;
        rest = context.rests().get();
        timeline = RecordedTimeline.load(context.openRecording(), rest::isRestBody, context.rendering());
        counters.set(REST_FRAMES_SKIPPED, timeline.restResponses().size());
        faultActions = context.faults().actions(timeline);
        reorderReleases = context.faults().reorderReleases(timeline, faultActions);
        rest.seed(timeline);
        certificate = !context.tls() ? null :
            context.certificate() != null ? context.certificate() : SimulatorCertificate.generate();
        final SslContext tls = certificate != null ? serverTls(certificate) : null;
        final boolean epoll = Epoll.isAvailable();
        final DefaultThreadFactory factory = new DefaultThreadFactory(THREAD_NAME_PREFIX, true)
        {
            @Override
            public Thread newThread(final Runnable r)
            {
                final Thread thread = super.newThread(r);
                synchronized (threads)
                {
                    threads.add(thread);
                }
                return thread;
            }
        };
        group = new MultiThreadIoEventLoopGroup(1, factory,
            epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        try
        {
            serverChannel = new ServerBootstrap()
                .group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new ChannelInitializer<Channel>()
                {
                    @Override
                    protected void initChannel(final Channel ch)
                    {
                        counters.incrementAndGet(CLIENTS_ACCEPTED);
                        if (tls != null)
                        {
                            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast("http", new HttpServerCodec());
                        ch.pipeline().addLast("http-aggregator", new HttpObjectAggregator(64 * 1024));
                        ch.pipeline().addLast("session", new SimulatorSession(
                            VenueSimulator.this, nextClientId.getAndIncrement(), context.protocols().get()));
                    }
                })
                .bind(context.host(), context.port())
                .syncUninterruptibly()
                .channel();
        }
        catch (final RuntimeException ex)
        {
            shutdownGroup();
            throw ex;
        }
        final int port = ((InetSocketAddress)serverChannel.localAddress()).getPort();
        baseUrl = (certificate != null ? "wss://" + SimulatorCertificate.HOST_NAME : "ws://" + context.host()) +
            ":" + port;
    }

    /**
     * Starts a simulator. Cold path.
     *
     * @param context its settings (concluded here).
     * @return the running simulator.
     * @throws IOException when the certificate cannot be made.
     * @throws IllegalArgumentException for bad settings.
     */
    public static VenueSimulator start(final Context context) throws IOException
    {
        return new VenueSimulator(context.conclude());
    }

    /**
     * @return {@code ws://127.0.0.1:port}, or {@code wss://localhost:port} with TLS (the name in the certificate).
     */
    public String baseUrl()
    {
        return baseUrl;
    }

    /**
     * @return the URL of the venue's default endpoint, e.g. {@code ws://127.0.0.1:port/stream}.
     */
    public String url()
    {
        return baseUrl + context.protocols().get().defaultPath();
    }

    /**
     * @return the port chosen.
     */
    public int port()
    {
        return ((InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    /**
     * @return the TLS certificate, or null without TLS.
     */
    public SimulatorCertificate certificate()
    {
        return certificate;
    }

    /**
     * @param index a counter index, e.g. {@link #FRAMES_SENT}.
     * @return its value.
     */
    public long counter(final int index)
    {
        return counters.get(index);
    }

    /**
     * Closes the listening socket and every client connection, stops the event loop and waits until its thread has
     * ended. Idempotent.
     */
    @Override
    public void close()
    {
        serverChannel.close().awaitUninterruptibly();
        shutdownGroup();
    }

    /**
     * @return the recording as the venue's timeline.
     */
    public RecordedTimeline timeline()
    {
        return timeline;
    }

    /**
     * @return the REST endpoints (read on the simulator's thread only, or once it is closed).
     */
    public VenueRest rest()
    {
        return rest;
    }

    Context context()
    {
        return context;
    }

    byte faultAction(final int index)
    {
        return faultActions[index];
    }

    int reorderRelease(final int index)
    {
        return reorderReleases[index];
    }

    /**
     * @return the venue's position: the timeline messages it has produced (sent, or lost to a fault) so far.
     */
    int venuePosition()
    {
        return venuePosition;
    }

    /**
     * Moves the venue's position past a message (the REST books follow it). Simulator thread.
     *
     * @param index the message a client is about to be sent (or lose).
     */
    void advanceTo(final int index)
    {
        while (venuePosition <= index)
        {
            rest.onMessage(timeline.data(), timeline.offset(venuePosition), timeline.length(venuePosition));
            venuePosition++;
        }
    }

    long nextUpgradeRequest()
    {
        return ++upgradeRequests;
    }

    long nextRestRequest()
    {
        return ++restRequests;
    }

    void increment(final int index)
    {
        counters.lazySet(index, counters.get(index) + 1);
    }

    private void shutdownGroup()
    {
        group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS).awaitUninterruptibly();
        final List<Thread> started;
        synchronized (threads)
        {
            started = new ArrayList<>(threads);
        }
        for (final Thread thread : started)
        {
            try
            {
                thread.join(SHUTDOWN_TIMEOUT_MS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static SslContext serverTls(final SimulatorCertificate certificate) throws IOException
    {
        try
        {
            return SslContextBuilder.forServer(certificate.keyManagerFactory())
                .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
                .build();
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IOException("cannot set up the simulator's TLS: " + ex.getMessage(), ex);
        }
    }

    /**
     * Settings, fluent; {@link #conclude()} validates them and fails naming the setting.
     */
    public static final class Context
    {
        /** Default {@link #host(String)}: loopback. */
        public static final String HOST_DEFAULT = "127.0.0.1";
        /** Default {@link #rate(String)}: the recorded pace. */
        public static final String RATE_DEFAULT = "original";
        /** Default {@link #recordingFormat(String)}. */
        public static final String RECORDING_FORMAT_DEFAULT = "cryptofeed";

        private Venue venue;
        private List<Path> recording;
        private String recordingFormat = RECORDING_FORMAT_DEFAULT;
        private String host = HOST_DEFAULT;
        private int port;
        private Path polledResponses;
        private SimulatorCertificate certificate;
        private boolean tls;
        private String rate = RATE_DEFAULT;
        private boolean answerPings = true;
        private OutboundFrameHook hook = OutboundFrameHook.SEND_ALL;
        private FaultPlan faults = FaultPlan.NONE;
        private boolean live;
        private Supplier<VenueProtocol> protocols;
        private Supplier<VenueRest> rests;
        private boolean concluded;

        /**
         * @param venue the venue whose protocol to speak.
         * @return this.
         */
        public Context venue(final Venue venue)
        {
            this.venue = venue;
            return this;
        }

        /**
         * @return the venue.
         */
        public Venue venue()
        {
            return venue;
        }

        /**
         * @param files the capture files of one recording ({@link Captures#open} reads them as one stream).
         * @return this.
         */
        public Context recording(final List<Path> files)
        {
            this.recording = List.copyOf(files);
            return this;
        }

        /**
         * @return the capture files.
         */
        public List<Path> recording()
        {
            return recording;
        }

        /**
         * @param format {@code cryptofeed} (default), {@code hftbacktest} or {@code lines}.
         * @return this.
         */
        public Context recordingFormat(final String format)
        {
            this.recordingFormat = format;
            return this;
        }

        /**
         * @return the capture format.
         */
        public String recordingFormat()
        {
            return recordingFormat;
        }

        /**
         * @param host address to listen on; loopback by default.
         * @return this.
         */
        public Context host(final String host)
        {
            this.host = host;
            return this;
        }

        /**
         * @return address to listen on.
         */
        public String host()
        {
            return host;
        }

        /**
         * @param port port to listen on; 0 (default) lets the system choose.
         * @return this.
         */
        public Context port(final int port)
        {
            this.port = port;
            return this;
        }

        /**
         * @return port to listen on, 0 to choose.
         */
        public int port()
        {
            return port;
        }

        /**
         * @param tls true to serve {@code wss://} with a self-signed certificate made at start.
         * @return this.
         */
        public Context tls(final boolean tls)
        {
            this.tls = tls;
            return this;
        }

        /**
         * @return true for TLS.
         */
        public boolean tls()
        {
            return tls;
        }

        /**
         * @param polledResponses recorded answers of Binance's polled futures endpoints (funding, open interest,
         *                        long/short ratios) in gocryptotrader's mock-server format, which the simulator of
         *                        a Binance venue serves besides its depth snapshots; null (the default) for none.
         * @return this.
         */
        public Context polledResponses(final Path polledResponses)
        {
            this.polledResponses = polledResponses;
            return this;
        }

        /**
         * @param certificate the certificate to serve with TLS, e.g. the one a simulator that is being restarted
         *                    served (a venue keeps its certificate across a restart); null (the default) to make one.
         * @return this.
         */
        public Context certificate(final SimulatorCertificate certificate)
        {
            this.certificate = certificate;
            return this;
        }

        /**
         * @return the certificate to serve, or null to make one at start.
         */
        public SimulatorCertificate certificate()
        {
            return certificate;
        }

        /**
         * @param rate {@code original} (the recorded pace; silences over 1 s are skipped), {@code max} (as fast as
         *             the client reads) or a number of frames per second.
         * @return this.
         */
        public Context rate(final String rate)
        {
            this.rate = rate;
            return this;
        }

        /**
         * @return the rate.
         */
        public String rate()
        {
            return rate;
        }

        /**
         * @param answer false to leave the clients' pings unanswered (to test pong timeouts).
         * @return this.
         */
        public Context answerPings(final boolean answer)
        {
            this.answerPings = answer;
            return this;
        }

        /**
         * @return true when pings are answered.
         */
        public boolean answerPings()
        {
            return answerPings;
        }

        /**
         * @param hook decides per outgoing frame (faults); by default every frame is sent.
         * @return this.
         */
        public Context hook(final OutboundFrameHook hook)
        {
            this.hook = hook;
            return this;
        }

        /**
         * @return the outgoing-frame hook.
         */
        public OutboundFrameHook hook()
        {
            return hook;
        }

        /**
         * @param faults the faults to inject ({@link FaultPlan#parse(List)}); none by default.
         * @return this.
         */
        public Context faults(final FaultPlan faults)
        {
            this.faults = faults;
            return this;
        }

        /**
         * @return the faults.
         */
        public FaultPlan faults()
        {
            return faults;
        }

        /**
         * @param live true for a venue with one timeline: a client that subscribes gets the messages from the venue's
         *             current position on (where the previous clients left it), as from a live venue, so a
         *             reconnecting client continues rather than starting again; false (default) replays the whole
         *             recording to every client from its start.
         * @return this.
         */
        public Context live(final boolean live)
        {
            this.live = live;
            return this;
        }

        /**
         * @return true for one shared timeline.
         */
        public boolean live()
        {
            return live;
        }

        Supplier<VenueProtocol> protocols()
        {
            return protocols;
        }

        Supplier<VenueRest> rests()
        {
            return rests;
        }

        /**
         * @return each recorded message as the venue's current protocol writes it: Kraken's v1 recordings in v2,
         *         Coinbase's Exchange recordings in Advanced Trade; the recording as it is for every other venue.
         */
        FrameRendering rendering()
        {
            switch (venue)
            {
                case KRAKEN:
                    return new KrakenV2Rendering();
                case COINBASE:
                    return new CoinbaseAdvancedTradeRendering();
                default:
                    return FrameRendering.AS_RECORDED;
            }
        }

        /**
         * @return a new pacer for one client's replay, by {@link #rate()}.
         */
        CapturePacer newPacer()
        {
            switch (rate)
            {
                case "original":
                    return CapturePacer.recordedPace(1);
                case "max":
                    return CapturePacer.asFastAsPossible();
                default:
                    return CapturePacer.fixedRate(Long.parseLong(rate));
            }
        }

        /**
         * @return a reader of the recording, from its start.
         * @throws IOException when a file cannot be opened.
         */
        CaptureReader openRecording() throws IOException
        {
            return Captures.open(recordingFormat, recording, 0);
        }

        /**
         * Validates the settings. Idempotent.
         *
         * @return this.
         * @throws IllegalArgumentException naming the setting that is wrong.
         */
        public Context conclude()
        {
            if (concluded)
            {
                return this;
            }
            if (venue == null)
            {
                throw new IllegalArgumentException("venue is required");
            }
            protocols = protocolsOf(venue);
            rests = restsOf(venue, polledResponses);
            if (recording == null || recording.isEmpty())
            {
                throw new IllegalArgumentException("recording is required");
            }
            for (final Path file : recording)
            {
                if (!Files.isRegularFile(file))
                {
                    throw new IllegalArgumentException("recording not found: " + file);
                }
            }
            final String format = recordingFormat == null ? "" : recordingFormat.toLowerCase(Locale.ROOT);
            if (!"cryptofeed".equals(format) && !"hftbacktest".equals(format) && !"lines".equals(format))
            {
                throw new IllegalArgumentException(
                    "recording format must be cryptofeed, hftbacktest or lines: " + recordingFormat);
            }
            if (port < 0 || port > 65535)
            {
                throw new IllegalArgumentException("port must be 0 to 65535: " + port);
            }
            if (!"original".equals(rate) && !"max".equals(rate))
            {
                long perSecond = -1;
                try
                {
                    perSecond = Long.parseLong(rate);
                }
                catch (final NumberFormatException | NullPointerException ignored)
                {
                    // reported below
                }
                if (perSecond < 1 || perSecond > 1_000_000_000L)
                {
                    throw new IllegalArgumentException(
                        "rate must be original, max or frames per second from 1 to 1000000000: " + rate);
                }
            }
            if (hook == null)
            {
                throw new IllegalArgumentException("hook must not be null");
            }
            if (faults == null)
            {
                throw new IllegalArgumentException("faults must not be null");
            }
            concluded = true;
            return this;
        }

        private static Supplier<VenueProtocol> protocolsOf(final Venue venue)
        {
            switch (venue)
            {
                case BINANCE_SPOT:
                case BINANCE_USDM:
                case BINANCE_COINM:
                    return BinanceProtocol::new;
                case BYBIT:
                    return BybitProtocol::new;
                case OKX:
                    return OkxProtocol::new;
                case DERIBIT:
                    return DeribitProtocol::new;
                case KRAKEN_FUTURES:
                    return KrakenFuturesProtocol::new;
                case KRAKEN:
                    return KrakenProtocol::new;
                case COINBASE:
                    return CoinbaseProtocol::new;
                default:
                    throw new IllegalArgumentException("venue: the simulator does not speak " + VenueNames.name(venue) +
                        "'s protocol yet (binance-spot, binance-usdm, binance-coinm, okx, bybit, deribit, " +
                        "kraken, kraken-futures, coinbase)");
            }
        }

        /**
         * @return the venue's REST side: Binance's depth snapshots, or for a venue that snapshots its books on the
         *         stream, the books it keeps for late subscribers.
         */
        private static Supplier<VenueRest> restsOf(final Venue venue, final Path polledResponses)
        {
            switch (venue)
            {
                case BYBIT:
                    return BybitStreamBooks::new;
                case OKX:
                    return OkxStreamBooks::new;
                case DERIBIT:
                    return DeribitStreamBooks::new;
                case KRAKEN_FUTURES:
                    return KrakenFuturesStreamBooks::new;
                case KRAKEN:
                    return KrakenStreamBooks::new;
                case COINBASE:
                    return CoinbaseStreamBooks::new;
                default:
                    return () ->
                    {
                        try
                        {
                            return new BinanceRest(venue, polledResponses);
                        }
                        catch (final IOException ex)
                        {
                            throw new UncheckedIOException("cannot read " + polledResponses, ex);
                        }
                    };
            }
        }
    }
}
