/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine;

import io.aeron.ChannelUri;
import io.aeron.CommonContext;
import io.marketprism.engine.book.OrderBook;
import io.marketprism.journal.JournalReader;
import io.marketprism.journal.JournalWriter;
import org.agrona.BitUtil;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every setting of the engine: one {@code *_PROP_NAME} / {@code *_DEFAULT} pair each, units in the name, collected
 * in a {@link Context} whose {@link Context#conclude()} validates everything and fails fast naming the offending key
 * and the allowed values ({@link Context#validate()} lists every problem at once). The command line sets it key by
 * key with {@link Context#set(String, String)} from HOCON files, environment variables and {@code -D} flags; the
 * shipped default file ({@code marketprism-default.conf} in ops) documents every key.
 */
public final class EngineConfiguration
{
    /** Prefix of every key. */
    public static final String PREFIX = "marketprism.";

    /** Ring slots, a power of two. */
    public static final String RING_SIZE_PROP_NAME = "marketprism.ring.size";
    /** Default ring slots. */
    public static final int RING_SIZE_DEFAULT = 65536;

    /** Bytes of the message log behind the ring, a power of two; suffixes k, m, g allowed. */
    public static final String LOG_CAPACITY_PROP_NAME = "marketprism.ring.logCapacityBytes";
    /** Default message log capacity. */
    public static final int LOG_CAPACITY_DEFAULT = 64 * 1024 * 1024;

    /** Threading profile: {@code dev} or {@code low-latency}. */
    public static final String THREADING_PROFILE_PROP_NAME = "marketprism.threading.profile";
    /** Default threading profile. */
    public static final String THREADING_PROFILE_DEFAULT = "dev";

    /** How stages map onto threads: {@code auto} (by profile), {@code dedicated}, {@code per-stage}, {@code shared}. */
    public static final String THREADING_STAGES_PROP_NAME = "marketprism.threading.stages";
    /** Default: {@code auto}, i.e. shared for {@code dev} and dedicated for {@code low-latency}. */
    public static final String THREADING_STAGES_DEFAULT = "auto";

    /** Levels per side an order book starts with (it grows when needed, counted). */
    public static final String BOOK_INITIAL_LEVELS_PROP_NAME = "marketprism.book.initialLevels";
    /** Default initial levels. */
    public static final int BOOK_INITIAL_LEVELS_DEFAULT = 2048;

    /**
     * Ticks of the price grid each side of a book keeps in its ladder window around the best level (a power of two
     * from 64 to 262144): updates there cost a multiply and one slot, deeper levels a binary search. Each tick costs a
     * little over 8 bytes per side, allocated when the book is made.
     */
    public static final String BOOK_LADDER_TICKS_PROP_NAME = "marketprism.book.ladderTicks";
    /** Default ladder window: 65536 ticks, about 1 MiB per book. */
    public static final int BOOK_LADDER_TICKS_DEFAULT = 1 << 16;

    /** Bytes a book's buffer of updates awaiting a snapshot starts with. */
    public static final String BOOK_PENDING_INITIAL_PROP_NAME = "marketprism.book.pendingInitialBytes";
    /** Default initial pending bytes. */
    public static final int BOOK_PENDING_INITIAL_DEFAULT = 64 * 1024;

    /** Bound of a book's buffer of updates awaiting a snapshot; cleared (counted) when exceeded. */
    public static final String BOOK_PENDING_MAX_PROP_NAME = "marketprism.book.pendingMaxBytes";
    /** Default pending bound. */
    public static final int BOOK_PENDING_MAX_DEFAULT = 8 * 1024 * 1024;

    /** Most instruments the engine registers. */
    public static final String INSTRUMENTS_MAX_PROP_NAME = "marketprism.instruments.max";
    /** Default instrument limit. */
    public static final int INSTRUMENTS_MAX_DEFAULT = 100_000;

    /**
     * Largest difference, either way, between a message's receive time and its exchange time that is not flagged as
     * clock skew (a {@code data_quality} status, counted per venue), in milliseconds.
     */
    public static final String QUALITY_MAX_CLOCK_SKEW_PROP_NAME = "marketprism.quality.maxClockSkewMs";
    /** Default clock skew bound: 5 seconds. */
    public static final long QUALITY_MAX_CLOCK_SKEW_DEFAULT = 5_000;

    /** Journal normalized messages to Chronicle Queue. */
    public static final String JOURNAL_ENABLED_PROP_NAME = "marketprism.journal.enabled";
    /** Default: journal on. */
    public static final boolean JOURNAL_ENABLED_DEFAULT = true;

    /** Journal directory; required when the journal is enabled. */
    public static final String JOURNAL_DIR_PROP_NAME = "marketprism.journal.dir";

    /** Chronicle roll cycle name. */
    public static final String JOURNAL_ROLL_CYCLE_PROP_NAME = "marketprism.journal.rollCycle";
    /** Default roll cycle. */
    public static final String JOURNAL_ROLL_CYCLE_DEFAULT = "FAST_HOURLY";

    /** Bytes Chronicle maps at a time; larger means fewer (allocating) remaps. */
    public static final String JOURNAL_BLOCK_SIZE_PROP_NAME = "marketprism.journal.blockSizeBytes";
    /** Default block size. */
    public static final long JOURNAL_BLOCK_SIZE_DEFAULT = 256L * 1024 * 1024;

    /**
     * Journal every frame as received (bytes, receive time, venue, connection and request context) beside the
     * normalized messages, so that they can be decoded again ({@code replay --redecode}). Only with the journal on.
     */
    public static final String JOURNAL_RAW_FRAMES_PROP_NAME = "marketprism.journal.rawFrames";
    /** Default: raw frames journaled. */
    public static final boolean JOURNAL_RAW_FRAMES_DEFAULT = true;

    /**
     * Hours the journal keeps: a cycle file is deleted, off the hot path, once its cycle ended longer ago than this
     * (never the one being written). 0 keeps everything.
     */
    public static final String JOURNAL_RETENTION_HOURS_PROP_NAME = "marketprism.journal.retentionHours";
    /** Default: keep everything. */
    public static final int JOURNAL_RETENTION_HOURS_DEFAULT = 0;

    /** Publish normalized messages on Aeron. */
    public static final String PUBLISH_ENABLED_PROP_NAME = "marketprism.publish.enabled";
    /** Default: publish on. */
    public static final boolean PUBLISH_ENABLED_DEFAULT = true;

    /** Aeron channel URI. */
    public static final String PUBLISH_CHANNEL_PROP_NAME = "marketprism.publish.channel";
    /** Default channel: IPC with 16 MiB terms (largest message 2 MiB; 8 MiB window before back pressure). */
    public static final String PUBLISH_CHANNEL_DEFAULT = "aeron:ipc?term-length=16m";

    /** Aeron stream id. */
    public static final String PUBLISH_STREAM_ID_PROP_NAME = "marketprism.publish.streamId";
    /** Default stream id. */
    public static final int PUBLISH_STREAM_ID_DEFAULT = 1001;

    /** Longest time one message is retried under back pressure before it is dropped (counted). */
    public static final String PUBLISH_BACK_PRESSURE_TIMEOUT_PROP_NAME = "marketprism.publish.backPressureTimeoutNs";
    /** Default back-pressure timeout: 10 ms. */
    public static final long PUBLISH_BACK_PRESSURE_TIMEOUT_DEFAULT = 10_000_000L;

    /**
     * Keep every book's current top levels for readers off the normalize thread, and (when publishing) offer them
     * periodically on the snapshot stream for late joiners.
     */
    public static final String SNAPSHOT_ENABLED_PROP_NAME = "marketprism.snapshot.enabled";
    /** Default: snapshots on. */
    public static final boolean SNAPSHOT_ENABLED_DEFAULT = true;

    /** Aeron stream id of the book snapshot stream, on the publish channel; differs from the live stream's. */
    public static final String SNAPSHOT_STREAM_ID_PROP_NAME = "marketprism.snapshot.streamId";
    /** Default snapshot stream id. */
    public static final int SNAPSHOT_STREAM_ID_DEFAULT = 1002;

    /** Time between two snapshots of every book on the snapshot stream, in milliseconds. */
    public static final String SNAPSHOT_INTERVAL_PROP_NAME = "marketprism.snapshot.intervalMs";
    /** Default snapshot interval: 1 s. */
    public static final long SNAPSHOT_INTERVAL_DEFAULT = 1_000;

    /** Levels per side a book snapshot holds at most. */
    public static final String SNAPSHOT_DEPTH_PROP_NAME = "marketprism.snapshot.depth";
    /** Default snapshot depth. */
    public static final int SNAPSHOT_DEPTH_DEFAULT = 50;

    /** Aeron directory of an external media driver; empty to embed one. */
    public static final String AERON_DIR_PROP_NAME = "marketprism.aeron.dir";

    /** Bytes of the queue carrying resync requests from normalize to the feeds, a power of two. */
    public static final String RESYNC_QUEUE_CAPACITY_PROP_NAME = "marketprism.resync.queueCapacityBytes";
    /** Default resync queue capacity. */
    public static final int RESYNC_QUEUE_CAPACITY_DEFAULT = 64 * 1024;

    /** Directory of the engine's counters file; empty: {@code <java.io.tmpdir>/marketprism-counters}. */
    public static final String COUNTERS_DIR_PROP_NAME = "marketprism.counters.dir";

    /** Serve {@code /metrics}, {@code /health} and {@code /ready} over HTTP. */
    public static final String HTTP_ENABLED_PROP_NAME = "marketprism.http.enabled";
    /** Default: off. */
    public static final boolean HTTP_ENABLED_DEFAULT = false;

    /** Address the HTTP endpoints bind to; beyond loopback it needs a bearer token or an explicit allowance. */
    public static final String HTTP_ADDRESS_PROP_NAME = "marketprism.http.address";
    /** Default address: loopback only. */
    public static final String HTTP_ADDRESS_DEFAULT = "127.0.0.1";

    /** TCP port of the HTTP endpoints, 0 for any free port. */
    public static final String HTTP_PORT_PROP_NAME = "marketprism.http.port";
    /** Default port. */
    public static final int HTTP_PORT_DEFAULT = 9180;

    /** Bearer token every HTTP request must carry ({@code Authorization: Bearer <token>}); empty: none. */
    public static final String HTTP_BEARER_TOKEN_PROP_NAME = "marketprism.http.bearerToken";

    /** Allow binding beyond loopback without a bearer token. */
    public static final String HTTP_ALLOW_UNAUTHENTICATED_PROP_NAME = "marketprism.http.allowUnauthenticatedRemote";
    /** Default: not allowed. */
    public static final boolean HTTP_ALLOW_UNAUTHENTICATED_DEFAULT = false;

    /** Age of the latest message of a venue and data type beyond which {@code /health} reports it stale, ms. */
    public static final String HEALTH_FRESHNESS_LIMIT_PROP_NAME = "marketprism.health.freshnessLimitMs";
    /** Default freshness limit: 30 s. */
    public static final long HEALTH_FRESHNESS_LIMIT_DEFAULT = 30_000;

    /**
     * A book with no message for this long is {@code stale} until its next update; an open feed connection without a
     * frame for this long is reported stale. ms; 0 turns the checks off. Read by {@code marketprism run}.
     */
    public static final String FEED_STALE_AFTER_PROP_NAME = "marketprism.feed.staleAfterMs";
    /** Default stale-after time: 10 s. */
    public static final long FEED_STALE_AFTER_DEFAULT = 10_000;

    /**
     * Age at which a feed connection is replaced by a new one without a gap (venues that close connections after a
     * day: Binance), ms; 0 turns rotation off. Read by {@code marketprism run}.
     */
    public static final String FEED_ROTATE_AFTER_PROP_NAME = "marketprism.feed.rotateAfterMs";
    /** Default: 23 hours, an hour before Binance closes a connection. */
    public static final long FEED_ROTATE_AFTER_DEFAULT = 82_800_000;

    /**
     * First delay before reconnecting a lost or failed feed connection; doubles per failure in a row up to the
     * maximum, less up to half at random, ms.
     */
    public static final String FEED_RECONNECT_BACKOFF_INITIAL_PROP_NAME = "marketprism.feed.reconnectBackoffInitialMs";
    /** Default: 100. */
    public static final long FEED_RECONNECT_BACKOFF_INITIAL_DEFAULT = 100;

    /** Bound of the feed reconnect delay, ms; at least the initial delay. */
    public static final String FEED_RECONNECT_BACKOFF_MAX_PROP_NAME = "marketprism.feed.reconnectBackoffMaxMs";
    /** Default: 30000. */
    public static final long FEED_RECONNECT_BACKOFF_MAX_DEFAULT = 30_000;

    /**
     * Failures in a row (connections that never delivered a frame, or REST requests) that open a feed's circuit
     * breaker.
     */
    public static final String FEED_CIRCUIT_FAILURES_PROP_NAME = "marketprism.feed.circuitFailures";
    /** Default: 10. */
    public static final int FEED_CIRCUIT_FAILURES_DEFAULT = 10;

    /** How long an open circuit breaker holds every attempt back, ms. */
    public static final String FEED_CIRCUIT_OPEN_PROP_NAME = "marketprism.feed.circuitOpenMs";
    /** Default: 60000. */
    public static final long FEED_CIRCUIT_OPEN_DEFAULT = 60_000;

    /** Timeout of a feed's TCP connect, and separately of its TLS and WebSocket handshakes, ms. */
    public static final String FEED_CONNECT_TIMEOUT_PROP_NAME = "marketprism.feed.connectTimeoutMs";
    /** Default: 10000. */
    public static final long FEED_CONNECT_TIMEOUT_DEFAULT = 10_000;

    /** Interval of a feed connection's keep-alive pings, ms. */
    public static final String FEED_PING_INTERVAL_PROP_NAME = "marketprism.feed.pingIntervalMs";
    /** Default: 20000. */
    public static final long FEED_PING_INTERVAL_DEFAULT = 20_000;

    /** How long a keep-alive ping may go unanswered before the connection is dropped and reconnected, ms. */
    public static final String FEED_PONG_TIMEOUT_PROP_NAME = "marketprism.feed.pongTimeoutMs";
    /** Default: 10000. */
    public static final long FEED_PONG_TIMEOUT_DEFAULT = 10_000;

    /** Timeout of one REST request (connect and answer), ms. */
    public static final String FEED_REST_TIMEOUT_PROP_NAME = "marketprism.feed.restTimeoutMs";
    /** Default: 10000. */
    public static final long FEED_REST_TIMEOUT_DEFAULT = 10_000;

    /** First delay before retrying a failed REST request (a 429's Retry-After wins when longer), ms. */
    public static final String FEED_REST_BACKOFF_INITIAL_PROP_NAME = "marketprism.feed.restBackoffInitialMs";
    /** Default: 250. */
    public static final long FEED_REST_BACKOFF_INITIAL_DEFAULT = 250;

    /** Bound of the REST retry delay, ms; at least the initial delay. */
    public static final String FEED_REST_BACKOFF_MAX_PROP_NAME = "marketprism.feed.restBackoffMaxMs";
    /** Default: 30000. */
    public static final long FEED_REST_BACKOFF_MAX_DEFAULT = 30_000;

    /** Time after start during which {@code /health} does not report 503, ms. */
    public static final String HEALTH_STARTUP_GRACE_PROP_NAME = "marketprism.health.startupGraceMs";
    /** Default start-up grace period: 30 s. */
    public static final long HEALTH_STARTUP_GRACE_DEFAULT = 30_000;

    /**
     * Write the stages' latency as an HdrHistogram interval log ({@code latency.hlog} in the journal directory) from
     * the latency sampler's thread; needs the journal.
     */
    public static final String LATENCY_LOG_ENABLED_PROP_NAME = "marketprism.latency.logEnabled";
    /** Default: on. */
    public static final boolean LATENCY_LOG_ENABLED_DEFAULT = true;

    /** Length of one interval of the latency log, ms. */
    public static final String LATENCY_LOG_INTERVAL_PROP_NAME = "marketprism.latency.logIntervalMs";
    /** Default interval: 10 s. */
    public static final long LATENCY_LOG_INTERVAL_DEFAULT = 10_000;

    private static final Set<String> KEYS = Set.of(
        RING_SIZE_PROP_NAME, LOG_CAPACITY_PROP_NAME, THREADING_PROFILE_PROP_NAME, THREADING_STAGES_PROP_NAME,
        BOOK_INITIAL_LEVELS_PROP_NAME, BOOK_LADDER_TICKS_PROP_NAME,
        BOOK_PENDING_INITIAL_PROP_NAME, BOOK_PENDING_MAX_PROP_NAME, INSTRUMENTS_MAX_PROP_NAME,
        QUALITY_MAX_CLOCK_SKEW_PROP_NAME,
        JOURNAL_ENABLED_PROP_NAME, JOURNAL_DIR_PROP_NAME, JOURNAL_ROLL_CYCLE_PROP_NAME, JOURNAL_BLOCK_SIZE_PROP_NAME,
        JOURNAL_RAW_FRAMES_PROP_NAME, JOURNAL_RETENTION_HOURS_PROP_NAME, PUBLISH_ENABLED_PROP_NAME,
        PUBLISH_CHANNEL_PROP_NAME, PUBLISH_STREAM_ID_PROP_NAME,
        PUBLISH_BACK_PRESSURE_TIMEOUT_PROP_NAME, AERON_DIR_PROP_NAME, RESYNC_QUEUE_CAPACITY_PROP_NAME,
        COUNTERS_DIR_PROP_NAME, HTTP_ENABLED_PROP_NAME, HTTP_ADDRESS_PROP_NAME, HTTP_PORT_PROP_NAME,
        HTTP_BEARER_TOKEN_PROP_NAME, HTTP_ALLOW_UNAUTHENTICATED_PROP_NAME, HEALTH_FRESHNESS_LIMIT_PROP_NAME,
        HEALTH_STARTUP_GRACE_PROP_NAME, SNAPSHOT_ENABLED_PROP_NAME, SNAPSHOT_STREAM_ID_PROP_NAME,
        SNAPSHOT_INTERVAL_PROP_NAME, SNAPSHOT_DEPTH_PROP_NAME, LATENCY_LOG_ENABLED_PROP_NAME,
        LATENCY_LOG_INTERVAL_PROP_NAME, FEED_STALE_AFTER_PROP_NAME, FEED_ROTATE_AFTER_PROP_NAME,
        FEED_RECONNECT_BACKOFF_INITIAL_PROP_NAME, FEED_RECONNECT_BACKOFF_MAX_PROP_NAME, FEED_CIRCUIT_FAILURES_PROP_NAME,
        FEED_CIRCUIT_OPEN_PROP_NAME, FEED_CONNECT_TIMEOUT_PROP_NAME, FEED_PING_INTERVAL_PROP_NAME,
        FEED_PONG_TIMEOUT_PROP_NAME, FEED_REST_TIMEOUT_PROP_NAME, FEED_REST_BACKOFF_INITIAL_PROP_NAME,
        FEED_REST_BACKOFF_MAX_PROP_NAME);

    /** What a numeric setting accepts, added to a type error so that it names the range too. */
    private static final Map<String, String> RANGES = Map.ofEntries(
        Map.entry(RING_SIZE_PROP_NAME, "a power of two from 64 to 16777216"),
        Map.entry(LOG_CAPACITY_PROP_NAME, "a power of two from 1m to 1g"),
        Map.entry(BOOK_INITIAL_LEVELS_PROP_NAME, "4 to 16777216"),
        Map.entry(BOOK_LADDER_TICKS_PROP_NAME, "a power of two from " + OrderBook.MIN_LADDER_SLOTS + " to " +
            OrderBook.MAX_LADDER_SLOTS),
        Map.entry(BOOK_PENDING_INITIAL_PROP_NAME, "at least 1k and at most " + BOOK_PENDING_MAX_PROP_NAME),
        Map.entry(BOOK_PENDING_MAX_PROP_NAME, "at most 1g"),
        Map.entry(INSTRUMENTS_MAX_PROP_NAME, "1 to 10000000"),
        Map.entry(QUALITY_MAX_CLOCK_SKEW_PROP_NAME, "1 to 86400000 (a day)"),
        Map.entry(JOURNAL_BLOCK_SIZE_PROP_NAME, "a power of two from 64k to 1g"),
        Map.entry(JOURNAL_RETENTION_HOURS_PROP_NAME, "0 (keep everything) to 876000 (100 years)"),
        Map.entry(PUBLISH_STREAM_ID_PROP_NAME, "a non-zero int"),
        Map.entry(PUBLISH_BACK_PRESSURE_TIMEOUT_PROP_NAME, "0 to 10000000000 (10 s)"),
        Map.entry(SNAPSHOT_STREAM_ID_PROP_NAME, "a non-zero int other than " + PUBLISH_STREAM_ID_PROP_NAME),
        Map.entry(SNAPSHOT_INTERVAL_PROP_NAME, "10 to 3600000 (an hour)"),
        Map.entry(SNAPSHOT_DEPTH_PROP_NAME, "1 to 10000"),
        Map.entry(RESYNC_QUEUE_CAPACITY_PROP_NAME, "a power of two from 1k to 1g"),
        Map.entry(HTTP_PORT_PROP_NAME, "0 (any free port) to 65535"),
        Map.entry(HEALTH_FRESHNESS_LIMIT_PROP_NAME, "1 to 86400000 (a day)"),
        Map.entry(HEALTH_STARTUP_GRACE_PROP_NAME, "0 to 86400000 (a day)"),
        Map.entry(FEED_STALE_AFTER_PROP_NAME, "0 (off) to 86400000 (a day)"),
        Map.entry(FEED_ROTATE_AFTER_PROP_NAME, "0 (off) or 1000 to 86400000 (a day)"),
        Map.entry(FEED_RECONNECT_BACKOFF_INITIAL_PROP_NAME, "1 to 3600000 (an hour)"),
        Map.entry(FEED_RECONNECT_BACKOFF_MAX_PROP_NAME, "1 to 3600000 (an hour)"),
        Map.entry(FEED_CIRCUIT_FAILURES_PROP_NAME, "1 to 1000000"),
        Map.entry(FEED_CIRCUIT_OPEN_PROP_NAME, "1 to 86400000 (a day)"),
        Map.entry(FEED_CONNECT_TIMEOUT_PROP_NAME, "1 to 600000 (10 minutes)"),
        Map.entry(FEED_PING_INTERVAL_PROP_NAME, "1 to 3600000 (an hour)"),
        Map.entry(FEED_PONG_TIMEOUT_PROP_NAME, "1 to 3600000 (an hour)"),
        Map.entry(FEED_REST_TIMEOUT_PROP_NAME, "1 to 600000 (10 minutes)"),
        Map.entry(FEED_REST_BACKOFF_INITIAL_PROP_NAME, "1 to 3600000 (an hour)"),
        Map.entry(FEED_REST_BACKOFF_MAX_PROP_NAME, "1 to 3600000 (an hour)"),
        Map.entry(LATENCY_LOG_INTERVAL_PROP_NAME, "100 to 3600000 (an hour)"));

    /** Keys under the prefix that belong to the launcher and tests, not to the engine. */
    private static final Set<String> NOT_ENGINE_KEYS = Set.of("marketprism.recordings", "marketprism.home");

    private EngineConfiguration()
    {
    }

    /**
     * @return every key the engine understands.
     */
    public static Set<String> keys()
    {
        return new TreeSet<>(KEYS);
    }

    private static String range(final String key)
    {
        final String range = RANGES.get(key);
        return range == null ? "" : ", " + range;
    }

    /**
     * Parses a byte size: digits with an optional {@code k}, {@code m} or {@code g} suffix (powers of 1024).
     *
     * @param key   the setting, for the error message.
     * @param value the text.
     * @return bytes.
     * @throws ConfigurationException when the text is not a size.
     */
    public static long parseSize(final String key, final String value)
    {
        final String text = value.trim().toLowerCase(Locale.ROOT);
        long multiplier = 1;
        String digits = text;
        if (text.endsWith("k") || text.endsWith("m") || text.endsWith("g"))
        {
            final char unit = text.charAt(text.length() - 1);
            multiplier = unit == 'k' ? 1024L : unit == 'm' ? 1024L * 1024 : 1024L * 1024 * 1024;
            digits = text.substring(0, text.length() - 1);
        }
        try
        {
            return Math.multiplyExact(Long.parseLong(digits), multiplier);
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            throw new ConfigurationException(key, value, "a byte size such as 65536, 64k, 64m or 1g" + range(key));
        }
    }

    /**
     * A setting with an invalid value.
     */
    public static final class ConfigurationException extends IllegalArgumentException
    {
        private static final long serialVersionUID = 1L;

        private final String key;

        /**
         * @param key      the setting.
         * @param value    its value.
         * @param expected what would have been accepted.
         */
        public ConfigurationException(final String key, final String value, final String expected)
        {
            super("invalid configuration: " + key + "=" + value + " (expected " + expected + ")");
            this.key = key;
        }

        /**
         * @return the offending setting.
         */
        public String key()
        {
            return key;
        }
    }

    /**
     * The settings of one engine; {@link #conclude()} before use.
     */
    public static final class Context
    {
        private int ringSize = RING_SIZE_DEFAULT;
        private long logCapacityBytes = LOG_CAPACITY_DEFAULT;
        private String threadingProfileName = THREADING_PROFILE_DEFAULT;
        private ThreadingProfile threadingProfile;
        private String stageThreadsName = THREADING_STAGES_DEFAULT;
        private StageThreads stageThreads;
        private int bookInitialLevels = BOOK_INITIAL_LEVELS_DEFAULT;
        private int bookLadderTicks = BOOK_LADDER_TICKS_DEFAULT;
        private long bookPendingInitialBytes = BOOK_PENDING_INITIAL_DEFAULT;
        private long bookPendingMaxBytes = BOOK_PENDING_MAX_DEFAULT;
        private int instrumentsMax = INSTRUMENTS_MAX_DEFAULT;
        private long qualityMaxClockSkewMs = QUALITY_MAX_CLOCK_SKEW_DEFAULT;
        private boolean journalEnabled = JOURNAL_ENABLED_DEFAULT;
        private Path journalDir;
        private String journalRollCycle = JOURNAL_ROLL_CYCLE_DEFAULT;
        private long journalBlockSizeBytes = JOURNAL_BLOCK_SIZE_DEFAULT;
        private boolean journalRawFrames = JOURNAL_RAW_FRAMES_DEFAULT;
        private int journalRetentionHours = JOURNAL_RETENTION_HOURS_DEFAULT;
        private boolean publishEnabled = PUBLISH_ENABLED_DEFAULT;
        private String publishChannel = PUBLISH_CHANNEL_DEFAULT;
        private int publishStreamId = PUBLISH_STREAM_ID_DEFAULT;
        private long publishBackPressureTimeoutNs = PUBLISH_BACK_PRESSURE_TIMEOUT_DEFAULT;
        private String aeronDir = "";
        private long resyncQueueCapacityBytes = RESYNC_QUEUE_CAPACITY_DEFAULT;
        private Path countersDir;
        private boolean httpEnabled = HTTP_ENABLED_DEFAULT;
        private String httpAddress = HTTP_ADDRESS_DEFAULT;
        private InetAddress httpInetAddress;
        private int httpPort = HTTP_PORT_DEFAULT;
        private String httpBearerToken = "";
        private boolean httpAllowUnauthenticatedRemote = HTTP_ALLOW_UNAUTHENTICATED_DEFAULT;
        private long healthFreshnessLimitMs = HEALTH_FRESHNESS_LIMIT_DEFAULT;
        private long feedStaleAfterMs = FEED_STALE_AFTER_DEFAULT;
        private long feedRotateAfterMs = FEED_ROTATE_AFTER_DEFAULT;
        private long feedReconnectBackoffInitialMs = FEED_RECONNECT_BACKOFF_INITIAL_DEFAULT;
        private long feedReconnectBackoffMaxMs = FEED_RECONNECT_BACKOFF_MAX_DEFAULT;
        private int feedCircuitFailures = FEED_CIRCUIT_FAILURES_DEFAULT;
        private long feedCircuitOpenMs = FEED_CIRCUIT_OPEN_DEFAULT;
        private long feedConnectTimeoutMs = FEED_CONNECT_TIMEOUT_DEFAULT;
        private long feedPingIntervalMs = FEED_PING_INTERVAL_DEFAULT;
        private long feedPongTimeoutMs = FEED_PONG_TIMEOUT_DEFAULT;
        private long feedRestTimeoutMs = FEED_REST_TIMEOUT_DEFAULT;
        private long feedRestBackoffInitialMs = FEED_REST_BACKOFF_INITIAL_DEFAULT;
        private long feedRestBackoffMaxMs = FEED_REST_BACKOFF_MAX_DEFAULT;
        private long healthStartupGraceMs = HEALTH_STARTUP_GRACE_DEFAULT;
        private boolean snapshotEnabled = SNAPSHOT_ENABLED_DEFAULT;
        private int snapshotStreamId = SNAPSHOT_STREAM_ID_DEFAULT;
        private long snapshotIntervalMs = SNAPSHOT_INTERVAL_DEFAULT;
        private int snapshotDepth = SNAPSHOT_DEPTH_DEFAULT;
        private boolean latencyLogEnabled = LATENCY_LOG_ENABLED_DEFAULT;
        private long latencyLogIntervalMs = LATENCY_LOG_INTERVAL_DEFAULT;
        private boolean concluded;

        /**
         * Reads every {@code marketprism.*} key of the properties; an unknown key is an error (a typo must not be
         * silently ignored).
         *
         * @param properties settings, e.g. a loaded file overlaid with system properties.
         * @return a context, not yet concluded.
         * @throws ConfigurationException naming the first bad key.
         */
        public static Context fromProperties(final Properties properties)
        {
            final Context context = new Context();
            for (final String key : new TreeSet<>(properties.stringPropertyNames()))
            {
                if (key.startsWith(PREFIX) && !NOT_ENGINE_KEYS.contains(key) && !key.startsWith("marketprism.cli."))
                {
                    context.set(key, properties.getProperty(key));
                }
            }
            return context;
        }

        /**
         * Sets one setting from its text form.
         *
         * @param key   the setting's key.
         * @param value its value.
         * @return this.
         * @throws ConfigurationException for an unknown key or an unparsable value.
         */
        public Context set(final String key, final String value)
        {
            final String v = value.trim();
            switch (key)
            {
                case RING_SIZE_PROP_NAME:
                    return ringSize(parseInt(key, v));
                case LOG_CAPACITY_PROP_NAME:
                    return logCapacityBytes(parseSize(key, v));
                case THREADING_PROFILE_PROP_NAME:
                    return threadingProfile(v);
                case THREADING_STAGES_PROP_NAME:
                    return stageThreads(v);
                case BOOK_INITIAL_LEVELS_PROP_NAME:
                    return bookInitialLevels(parseInt(key, v));
                case BOOK_LADDER_TICKS_PROP_NAME:
                    return bookLadderTicks(parseInt(key, v));
                case BOOK_PENDING_INITIAL_PROP_NAME:
                    return bookPendingInitialBytes(parseSize(key, v));
                case BOOK_PENDING_MAX_PROP_NAME:
                    return bookPendingMaxBytes(parseSize(key, v));
                case INSTRUMENTS_MAX_PROP_NAME:
                    return instrumentsMax(parseInt(key, v));
                case QUALITY_MAX_CLOCK_SKEW_PROP_NAME:
                    return qualityMaxClockSkewMs(parseLong(key, v));
                case JOURNAL_ENABLED_PROP_NAME:
                    return journalEnabled(parseBoolean(key, v));
                case JOURNAL_DIR_PROP_NAME:
                    return journalDir(v.isEmpty() ? null : Path.of(v));
                case JOURNAL_ROLL_CYCLE_PROP_NAME:
                    return journalRollCycle(v);
                case JOURNAL_BLOCK_SIZE_PROP_NAME:
                    return journalBlockSizeBytes(parseSize(key, v));
                case JOURNAL_RAW_FRAMES_PROP_NAME:
                    return journalRawFrames(parseBoolean(key, v));
                case JOURNAL_RETENTION_HOURS_PROP_NAME:
                    return journalRetentionHours(parseInt(key, v));
                case PUBLISH_ENABLED_PROP_NAME:
                    return publishEnabled(parseBoolean(key, v));
                case PUBLISH_CHANNEL_PROP_NAME:
                    return publishChannel(v);
                case PUBLISH_STREAM_ID_PROP_NAME:
                    return publishStreamId(parseInt(key, v));
                case PUBLISH_BACK_PRESSURE_TIMEOUT_PROP_NAME:
                    return publishBackPressureTimeoutNs(parseLong(key, v));
                case AERON_DIR_PROP_NAME:
                    return aeronDir(v);
                case RESYNC_QUEUE_CAPACITY_PROP_NAME:
                    return resyncQueueCapacityBytes(parseSize(key, v));
                case COUNTERS_DIR_PROP_NAME:
                    return countersDir(v.isEmpty() ? null : Path.of(v));
                case HTTP_ENABLED_PROP_NAME:
                    return httpEnabled(parseBoolean(key, v));
                case HTTP_ADDRESS_PROP_NAME:
                    return httpAddress(v);
                case HTTP_PORT_PROP_NAME:
                    return httpPort(parseInt(key, v));
                case HTTP_BEARER_TOKEN_PROP_NAME:
                    return httpBearerToken(v);
                case HTTP_ALLOW_UNAUTHENTICATED_PROP_NAME:
                    return httpAllowUnauthenticatedRemote(parseBoolean(key, v));
                case HEALTH_FRESHNESS_LIMIT_PROP_NAME:
                    return healthFreshnessLimitMs(parseLong(key, v));
                case FEED_STALE_AFTER_PROP_NAME:
                    return feedStaleAfterMs(parseLong(key, v));
                case FEED_ROTATE_AFTER_PROP_NAME:
                    return feedRotateAfterMs(parseLong(key, v));
                case FEED_RECONNECT_BACKOFF_INITIAL_PROP_NAME:
                    return feedReconnectBackoffInitialMs(parseLong(key, v));
                case FEED_RECONNECT_BACKOFF_MAX_PROP_NAME:
                    return feedReconnectBackoffMaxMs(parseLong(key, v));
                case FEED_CIRCUIT_FAILURES_PROP_NAME:
                    return feedCircuitFailures(parseInt(key, v));
                case FEED_CIRCUIT_OPEN_PROP_NAME:
                    return feedCircuitOpenMs(parseLong(key, v));
                case FEED_CONNECT_TIMEOUT_PROP_NAME:
                    return feedConnectTimeoutMs(parseLong(key, v));
                case FEED_PING_INTERVAL_PROP_NAME:
                    return feedPingIntervalMs(parseLong(key, v));
                case FEED_PONG_TIMEOUT_PROP_NAME:
                    return feedPongTimeoutMs(parseLong(key, v));
                case FEED_REST_TIMEOUT_PROP_NAME:
                    return feedRestTimeoutMs(parseLong(key, v));
                case FEED_REST_BACKOFF_INITIAL_PROP_NAME:
                    return feedRestBackoffInitialMs(parseLong(key, v));
                case FEED_REST_BACKOFF_MAX_PROP_NAME:
                    return feedRestBackoffMaxMs(parseLong(key, v));
                case HEALTH_STARTUP_GRACE_PROP_NAME:
                    return healthStartupGraceMs(parseLong(key, v));
                case SNAPSHOT_ENABLED_PROP_NAME:
                    return snapshotEnabled(parseBoolean(key, v));
                case SNAPSHOT_STREAM_ID_PROP_NAME:
                    return snapshotStreamId(parseInt(key, v));
                case SNAPSHOT_INTERVAL_PROP_NAME:
                    return snapshotIntervalMs(parseLong(key, v));
                case SNAPSHOT_DEPTH_PROP_NAME:
                    return snapshotDepth(parseInt(key, v));
                case LATENCY_LOG_ENABLED_PROP_NAME:
                    return latencyLogEnabled(parseBoolean(key, v));
                case LATENCY_LOG_INTERVAL_PROP_NAME:
                    return latencyLogIntervalMs(parseLong(key, v));
                default:
                    throw new ConfigurationException(key, value, "a known key: " + String.join(", ", keys()));
            }
        }

        /**
         * Validates every setting; idempotent.
         *
         * @return this.
         * @throws ConfigurationException naming the first invalid setting ({@link #validate()} lists them all).
         */
        public Context conclude()
        {
            if (concluded)
            {
                return this;
            }
            final List<ConfigurationException> problems = validate();
            if (!problems.isEmpty())
            {
                throw problems.get(0);
            }
            return this;
        }

        /**
         * Validates every setting and lists every problem found, so that a configuration can be reported in one
         * go; the context is concluded when the list is empty.
         *
         * @return the invalid settings, each naming its key, value and the allowed values; empty when all are valid.
         */
        public List<ConfigurationException> validate()
        {
            final List<ConfigurationException> problems = new ArrayList<>();
            if (concluded)
            {
                return problems;
            }
            threadingProfile = null;
            stageThreads = null;
            httpInetAddress = null;
            require(problems, BitUtil.isPowerOfTwo(ringSize) && ringSize >= 64 && ringSize <= (1 << 24),
                RING_SIZE_PROP_NAME, ringSize, "a power of two from 64 to 16777216");
            require(problems, logCapacityBytes <= (1L << 30) && BitUtil.isPowerOfTwo((int)logCapacityBytes) &&
                logCapacityBytes >= (1 << 20),
                LOG_CAPACITY_PROP_NAME, logCapacityBytes, "a power of two from 1m to 1g");
            try
            {
                threadingProfile = ThreadingProfile.parse(threadingProfileName);
            }
            catch (final IllegalArgumentException ex)
            {
                problems.add(new ConfigurationException(THREADING_PROFILE_PROP_NAME, threadingProfileName,
                    "dev or low-latency"));
            }
            try
            {
                // auto needs a valid profile to resolve; with an invalid one, check the name with the default's
                stageThreads = StageThreads.parse(stageThreadsName,
                    threadingProfile != null ? threadingProfile : ThreadingProfile.parse(THREADING_PROFILE_DEFAULT));
            }
            catch (final IllegalArgumentException ex)
            {
                problems.add(new ConfigurationException(THREADING_STAGES_PROP_NAME, stageThreadsName,
                    "auto, dedicated, per-stage or shared"));
            }
            require(problems, bookInitialLevels >= 4 && bookInitialLevels <= (1 << 24),
                BOOK_INITIAL_LEVELS_PROP_NAME, bookInitialLevels, "4 to 16777216");
            require(problems, BitUtil.isPowerOfTwo(bookLadderTicks) &&
                bookLadderTicks >= OrderBook.MIN_LADDER_SLOTS && bookLadderTicks <= OrderBook.MAX_LADDER_SLOTS,
                BOOK_LADDER_TICKS_PROP_NAME, bookLadderTicks,
                "a power of two from " + OrderBook.MIN_LADDER_SLOTS + " to " + OrderBook.MAX_LADDER_SLOTS);
            require(problems, bookPendingInitialBytes >= 1024 && bookPendingInitialBytes <= bookPendingMaxBytes,
                BOOK_PENDING_INITIAL_PROP_NAME, bookPendingInitialBytes,
                "at least 1k and at most " + BOOK_PENDING_MAX_PROP_NAME);
            require(problems, bookPendingMaxBytes <= (1L << 30),
                BOOK_PENDING_MAX_PROP_NAME, bookPendingMaxBytes, "at most 1g");
            requireRange(problems, INSTRUMENTS_MAX_PROP_NAME, instrumentsMax, 1, 10_000_000,
                "1 to 10000000");
            requireRange(problems, QUALITY_MAX_CLOCK_SKEW_PROP_NAME, qualityMaxClockSkewMs, 1, 86_400_000L,
                "1 to 86400000 (a day)");
            if (journalEnabled)
            {
                require(problems, journalDir != null, JOURNAL_DIR_PROP_NAME, "",
                    "a directory when the journal is enabled");
                try
                {
                    JournalReader.rollCycle(journalRollCycle);
                }
                catch (final IllegalArgumentException ex)
                {
                    problems.add(new ConfigurationException(JOURNAL_ROLL_CYCLE_PROP_NAME, journalRollCycle,
                        ex.getMessage().substring(ex.getMessage().indexOf("expected ") + 9)));
                }
                requireRange(problems, JOURNAL_RETENTION_HOURS_PROP_NAME, journalRetentionHours, 0, 876_000,
                    "0 (keep everything) to 876000");
                require(problems, BitUtil.isPowerOfTwo(journalBlockSizeBytes) &&
                    journalBlockSizeBytes >= (1 << 16) && journalBlockSizeBytes <= (1L << 30),
                    JOURNAL_BLOCK_SIZE_PROP_NAME, journalBlockSizeBytes, "a power of two from 64k to 1g");
                require(problems, JournalWriter.maxMessageLength(journalBlockSizeBytes) >= logCapacityBytes / 2,
                    JOURNAL_BLOCK_SIZE_PROP_NAME, journalBlockSizeBytes,
                    "at least 4 times " + LOG_CAPACITY_PROP_NAME + " (" + logCapacityBytes + "), so that the largest " +
                    "message the ring carries (half the log) fits a journal document (a quarter of a block)");
            }
            if (publishEnabled)
            {
                require(problems, isPublishChannel(publishChannel), PUBLISH_CHANNEL_PROP_NAME, publishChannel,
                    "an Aeron channel URI such as aeron:ipc or aeron:udp?endpoint=host:port (udp needs an endpoint " +
                    "or a control address)");
                require(problems, publishStreamId != 0, PUBLISH_STREAM_ID_PROP_NAME, publishStreamId,
                    "a non-zero int");
                require(problems,
                    publishBackPressureTimeoutNs >= 0 && publishBackPressureTimeoutNs <= 10_000_000_000L,
                    PUBLISH_BACK_PRESSURE_TIMEOUT_PROP_NAME, publishBackPressureTimeoutNs, "0 to 10000000000 (10 s)");
            }
            if (snapshotEnabled)
            {
                requireRange(problems, SNAPSHOT_DEPTH_PROP_NAME, snapshotDepth, 1, 10_000,
                    "1 to 10000");
                requireRange(problems, SNAPSHOT_INTERVAL_PROP_NAME, snapshotIntervalMs, 10, 3_600_000L,
                    "10 to 3600000 (an hour)");
                require(problems,
                    snapshotStreamId != 0 && (!publishEnabled || snapshotStreamId != publishStreamId),
                    SNAPSHOT_STREAM_ID_PROP_NAME, snapshotStreamId,
                    "a non-zero int other than " + PUBLISH_STREAM_ID_PROP_NAME + " (" + publishStreamId + ")");
            }
            require(problems, resyncQueueCapacityBytes <= (1 << 30) &&
                BitUtil.isPowerOfTwo((int)resyncQueueCapacityBytes) && resyncQueueCapacityBytes >= 1024,
                RESYNC_QUEUE_CAPACITY_PROP_NAME, resyncQueueCapacityBytes, "a power of two from 1k to 1g");
            requireRange(problems, HEALTH_FRESHNESS_LIMIT_PROP_NAME, healthFreshnessLimitMs, 1, 86_400_000L,
                "1 to 86400000 (a day)");
            requireRange(problems, FEED_STALE_AFTER_PROP_NAME, feedStaleAfterMs, 0, 86_400_000L,
                "0 (off) to 86400000 (a day)");
            require(problems, feedRotateAfterMs == 0 || feedRotateAfterMs >= 1000 && feedRotateAfterMs <= 86_400_000L,
                FEED_ROTATE_AFTER_PROP_NAME, feedRotateAfterMs, "0 (off) or 1000 to 86400000 (a day)");
            requireRange(problems, FEED_RECONNECT_BACKOFF_INITIAL_PROP_NAME, feedReconnectBackoffInitialMs,
                1, 3_600_000, "1 to 3600000 (an hour)");
            requireRange(problems, FEED_RECONNECT_BACKOFF_MAX_PROP_NAME, feedReconnectBackoffMaxMs, 1, 3_600_000,
                "1 to 3600000 (an hour)");
            requireRange(problems, FEED_CIRCUIT_FAILURES_PROP_NAME, feedCircuitFailures, 1, 1_000_000,
                "1 to 1000000");
            requireRange(problems, FEED_CIRCUIT_OPEN_PROP_NAME, feedCircuitOpenMs, 1, 86_400_000,
                "1 to 86400000 (a day)");
            requireRange(problems, FEED_CONNECT_TIMEOUT_PROP_NAME, feedConnectTimeoutMs, 1, 600_000,
                "1 to 600000 (10 minutes)");
            requireRange(problems, FEED_PING_INTERVAL_PROP_NAME, feedPingIntervalMs, 1, 3_600_000,
                "1 to 3600000 (an hour)");
            requireRange(problems, FEED_PONG_TIMEOUT_PROP_NAME, feedPongTimeoutMs, 1, 3_600_000,
                "1 to 3600000 (an hour)");
            requireRange(problems, FEED_REST_TIMEOUT_PROP_NAME, feedRestTimeoutMs, 1, 600_000,
                "1 to 600000 (10 minutes)");
            requireRange(problems, FEED_REST_BACKOFF_INITIAL_PROP_NAME, feedRestBackoffInitialMs, 1, 3_600_000,
                "1 to 3600000 (an hour)");
            requireRange(problems, FEED_REST_BACKOFF_MAX_PROP_NAME, feedRestBackoffMaxMs, 1, 3_600_000,
                "1 to 3600000 (an hour)");
            require(problems, feedReconnectBackoffMaxMs >= feedReconnectBackoffInitialMs,
                FEED_RECONNECT_BACKOFF_MAX_PROP_NAME, feedReconnectBackoffMaxMs,
                "at least " + FEED_RECONNECT_BACKOFF_INITIAL_PROP_NAME + " (" + feedReconnectBackoffInitialMs + ")");
            require(problems, feedRestBackoffMaxMs >= feedRestBackoffInitialMs,
                FEED_REST_BACKOFF_MAX_PROP_NAME, feedRestBackoffMaxMs,
                "at least " + FEED_REST_BACKOFF_INITIAL_PROP_NAME + " (" + feedRestBackoffInitialMs + ")");
            requireRange(problems, HEALTH_STARTUP_GRACE_PROP_NAME, healthStartupGraceMs, 0, 86_400_000L,
                "0 to 86400000 (a day)");
            requireRange(problems, LATENCY_LOG_INTERVAL_PROP_NAME, latencyLogIntervalMs, 100, 3_600_000L,
                "100 to 3600000 (an hour)");
            if (httpEnabled)
            {
                requireRange(problems, HTTP_PORT_PROP_NAME, httpPort, 0, 65535,
                    "0 (any free port) to 65535");
                try
                {
                    httpInetAddress = parseAddress(httpAddress);
                }
                catch (final ConfigurationException ex)
                {
                    problems.add(ex);
                }
                require(problems, httpInetAddress == null || httpInetAddress.isLoopbackAddress() ||
                    !httpBearerToken.isEmpty() ||
                    httpAllowUnauthenticatedRemote, HTTP_ADDRESS_PROP_NAME, httpAddress,
                    "a loopback address, unless " + HTTP_BEARER_TOKEN_PROP_NAME + " is set or " +
                    HTTP_ALLOW_UNAUTHENTICATED_PROP_NAME + "=true");
            }
            concluded = problems.isEmpty();
            return problems;
        }

        /**
         * @return ring slots.
         */
        public int ringSize()
        {
            return ringSize;
        }

        /**
         * @param ringSize ring slots, a power of two.
         * @return this.
         */
        public Context ringSize(final int ringSize)
        {
            this.ringSize = ringSize;
            concluded = false;
            return this;
        }

        /**
         * @return message log bytes.
         */
        public int logCapacityBytes()
        {
            return (int)logCapacityBytes;
        }

        /**
         * @param bytes message log bytes, a power of two.
         * @return this.
         */
        public Context logCapacityBytes(final long bytes)
        {
            this.logCapacityBytes = bytes;
            concluded = false;
            return this;
        }

        /**
         * @return the threading profile (after {@link #conclude()}).
         */
        public ThreadingProfile threadingProfile()
        {
            return threadingProfile != null ? threadingProfile : ThreadingProfile.parse(threadingProfileName);
        }

        /**
         * @param name {@code dev} or {@code low-latency}.
         * @return this.
         */
        public Context threadingProfile(final String name)
        {
            this.threadingProfileName = name;
            this.threadingProfile = null;
            concluded = false;
            return this;
        }

        /**
         * @return how stages map onto threads (after {@link #conclude()}).
         */
        public StageThreads stageThreads()
        {
            return stageThreads != null ? stageThreads : StageThreads.parse(stageThreadsName, threadingProfile());
        }

        /**
         * @param name {@code auto}, {@code dedicated}, {@code per-stage} or {@code shared}.
         * @return this.
         */
        public Context stageThreads(final String name)
        {
            this.stageThreadsName = name;
            this.stageThreads = null;
            concluded = false;
            return this;
        }

        /**
         * @return initial levels per side.
         */
        public int bookInitialLevels()
        {
            return bookInitialLevels;
        }

        /**
         * @param levels initial levels per side.
         * @return this.
         */
        public Context bookInitialLevels(final int levels)
        {
            this.bookInitialLevels = levels;
            concluded = false;
            return this;
        }

        /**
         * @return ticks of each book side's ladder window.
         */
        public int bookLadderTicks()
        {
            return bookLadderTicks;
        }

        /**
         * @param ticks ticks of each book side's ladder window, a power of two from 64 to 262144.
         * @return this.
         */
        public Context bookLadderTicks(final int ticks)
        {
            this.bookLadderTicks = ticks;
            concluded = false;
            return this;
        }

        /**
         * @return the clock skew bound, ns.
         */
        public long qualityMaxClockSkewNs()
        {
            return qualityMaxClockSkewMs * 1_000_000L;
        }

        /**
         * @param millis the clock skew bound, 1 ms to a day.
         * @return this.
         */
        public Context qualityMaxClockSkewMs(final long millis)
        {
            this.qualityMaxClockSkewMs = millis;
            concluded = false;
            return this;
        }

        /**
         * @return initial pending bytes per book.
         */
        public int bookPendingInitialBytes()
        {
            return (int)bookPendingInitialBytes;
        }

        /**
         * @param bytes initial pending bytes per book.
         * @return this.
         */
        public Context bookPendingInitialBytes(final long bytes)
        {
            this.bookPendingInitialBytes = bytes;
            concluded = false;
            return this;
        }

        /**
         * @return pending bound per book.
         */
        public int bookPendingMaxBytes()
        {
            return (int)bookPendingMaxBytes;
        }

        /**
         * @param bytes pending bound per book.
         * @return this.
         */
        public Context bookPendingMaxBytes(final long bytes)
        {
            this.bookPendingMaxBytes = bytes;
            concluded = false;
            return this;
        }

        /**
         * @return instrument limit.
         */
        public int instrumentsMax()
        {
            return instrumentsMax;
        }

        /**
         * @param max instrument limit.
         * @return this.
         */
        public Context instrumentsMax(final int max)
        {
            this.instrumentsMax = max;
            concluded = false;
            return this;
        }

        /**
         * @return true when the journal is on.
         */
        public boolean journalEnabled()
        {
            return journalEnabled;
        }

        /**
         * @param enabled journal on or off.
         * @return this.
         */
        public Context journalEnabled(final boolean enabled)
        {
            this.journalEnabled = enabled;
            concluded = false;
            return this;
        }

        /**
         * @return journal directory, or null.
         */
        public Path journalDir()
        {
            return journalDir;
        }

        /**
         * @param dir journal directory.
         * @return this.
         */
        public Context journalDir(final Path dir)
        {
            this.journalDir = dir;
            concluded = false;
            return this;
        }

        /**
         * @return true when frames are journaled as received (and the journal is on).
         */
        public boolean journalRawFrames()
        {
            return journalEnabled && journalRawFrames;
        }

        /**
         * @param enabled journal raw frames or not.
         * @return this.
         */
        public Context journalRawFrames(final boolean enabled)
        {
            this.journalRawFrames = enabled;
            concluded = false;
            return this;
        }

        /**
         * @return hours the journal keeps; 0: everything.
         */
        public int journalRetentionHours()
        {
            return journalRetentionHours;
        }

        /**
         * @param hours hours the journal keeps; 0: everything.
         * @return this.
         */
        public Context journalRetentionHours(final int hours)
        {
            this.journalRetentionHours = hours;
            concluded = false;
            return this;
        }

        /**
         * @return roll cycle name.
         */
        public String journalRollCycle()
        {
            return journalRollCycle;
        }

        /**
         * @param rollCycle roll cycle name.
         * @return this.
         */
        public Context journalRollCycle(final String rollCycle)
        {
            this.journalRollCycle = rollCycle;
            concluded = false;
            return this;
        }

        /**
         * @return Chronicle block size.
         */
        public long journalBlockSizeBytes()
        {
            return journalBlockSizeBytes;
        }

        /**
         * @param bytes Chronicle block size, a power of two.
         * @return this.
         */
        public Context journalBlockSizeBytes(final long bytes)
        {
            this.journalBlockSizeBytes = bytes;
            concluded = false;
            return this;
        }

        /**
         * @return true when publishing is on.
         */
        public boolean publishEnabled()
        {
            return publishEnabled;
        }

        /**
         * @param enabled publishing on or off.
         * @return this.
         */
        public Context publishEnabled(final boolean enabled)
        {
            this.publishEnabled = enabled;
            concluded = false;
            return this;
        }

        /**
         * @return Aeron channel.
         */
        public String publishChannel()
        {
            return publishChannel;
        }

        /**
         * @param channel Aeron channel URI.
         * @return this.
         */
        public Context publishChannel(final String channel)
        {
            this.publishChannel = channel;
            concluded = false;
            return this;
        }

        /**
         * @return Aeron stream id.
         */
        public int publishStreamId()
        {
            return publishStreamId;
        }

        /**
         * @param streamId Aeron stream id.
         * @return this.
         */
        public Context publishStreamId(final int streamId)
        {
            this.publishStreamId = streamId;
            concluded = false;
            return this;
        }

        /**
         * @return back-pressure timeout.
         */
        public long publishBackPressureTimeoutNs()
        {
            return publishBackPressureTimeoutNs;
        }

        /**
         * @param timeoutNs back-pressure timeout.
         * @return this.
         */
        public Context publishBackPressureTimeoutNs(final long timeoutNs)
        {
            this.publishBackPressureTimeoutNs = timeoutNs;
            concluded = false;
            return this;
        }

        /**
         * @return external Aeron directory, empty to embed a driver.
         */
        public String aeronDir()
        {
            return aeronDir;
        }

        /**
         * @param dir external Aeron directory, empty to embed a driver.
         * @return this.
         */
        public Context aeronDir(final String dir)
        {
            this.aeronDir = dir == null ? "" : dir;
            concluded = false;
            return this;
        }

        /**
         * @return resync queue bytes.
         */
        public int resyncQueueCapacityBytes()
        {
            return (int)resyncQueueCapacityBytes;
        }

        /**
         * @param bytes resync queue bytes, a power of two.
         * @return this.
         */
        public Context resyncQueueCapacityBytes(final long bytes)
        {
            this.resyncQueueCapacityBytes = bytes;
            concluded = false;
            return this;
        }

        /**
         * @return the counters file's directory (the default under the temp directory when not set).
         */
        public Path countersDir()
        {
            return CountersFile.defaultDirectory(countersDir);
        }

        /**
         * @param dir the counters file's directory; null for the default.
         * @return this.
         */
        public Context countersDir(final Path dir)
        {
            this.countersDir = dir;
            concluded = false;
            return this;
        }

        /**
         * @return true when the HTTP endpoints are on.
         */
        public boolean httpEnabled()
        {
            return httpEnabled;
        }

        /**
         * @param enabled HTTP endpoints on or off.
         * @return this.
         */
        public Context httpEnabled(final boolean enabled)
        {
            this.httpEnabled = enabled;
            concluded = false;
            return this;
        }

        /**
         * @return the address to bind, as configured.
         */
        public String httpAddress()
        {
            return httpAddress;
        }

        /**
         * @return the address to bind, resolved (after {@link #conclude()} with HTTP enabled).
         */
        public InetAddress httpInetAddress()
        {
            return httpInetAddress != null ? httpInetAddress : parseAddress(httpAddress);
        }

        /**
         * @param address an IP address or host name to bind.
         * @return this.
         */
        public Context httpAddress(final String address)
        {
            this.httpAddress = address;
            this.httpInetAddress = null;
            concluded = false;
            return this;
        }

        /**
         * @return the TCP port, 0 for any.
         */
        public int httpPort()
        {
            return httpPort;
        }

        /**
         * @param port the TCP port, 0 for any free port.
         * @return this.
         */
        public Context httpPort(final int port)
        {
            this.httpPort = port;
            concluded = false;
            return this;
        }

        /**
         * @return the bearer token requests must carry; empty for none.
         */
        public String httpBearerToken()
        {
            return httpBearerToken;
        }

        /**
         * @param token the bearer token requests must carry; empty for none.
         * @return this.
         */
        public Context httpBearerToken(final String token)
        {
            this.httpBearerToken = token == null ? "" : token;
            concluded = false;
            return this;
        }

        /**
         * @return true when binding beyond loopback without a token is allowed.
         */
        public boolean httpAllowUnauthenticatedRemote()
        {
            return httpAllowUnauthenticatedRemote;
        }

        /**
         * @param allow allow binding beyond loopback without a token.
         * @return this.
         */
        public Context httpAllowUnauthenticatedRemote(final boolean allow)
        {
            this.httpAllowUnauthenticatedRemote = allow;
            concluded = false;
            return this;
        }

        /**
         * @return the freshness limit, ms.
         */
        public long healthFreshnessLimitMs()
        {
            return healthFreshnessLimitMs;
        }

        /**
         * @param millis the freshness limit, 1 ms to a day.
         * @return this.
         */
        public Context healthFreshnessLimitMs(final long millis)
        {
            this.healthFreshnessLimitMs = millis;
            concluded = false;
            return this;
        }

        /**
         * @return the feeds' stale-after time, ms; 0 when the checks are off.
         */
        public long feedStaleAfterMs()
        {
            return feedStaleAfterMs;
        }

        /**
         * @param millis the feeds' stale-after time, 0 (off) to a day.
         * @return this.
         */
        public Context feedStaleAfterMs(final long millis)
        {
            this.feedStaleAfterMs = millis;
            concluded = false;
            return this;
        }

        /**
         * @return the age at which a feed connection is rotated, ms; 0 when off.
         */
        public long feedRotateAfterMs()
        {
            return feedRotateAfterMs;
        }

        /**
         * @param millis the age at which a feed connection is rotated: 0 (off) or a second to a day.
         * @return this.
         */
        public Context feedRotateAfterMs(final long millis)
        {
            this.feedRotateAfterMs = millis;
            concluded = false;
            return this;
        }

        /**
         * @return first delay before reconnecting a lost or failed feed connection; doubles per failure in a row up to
         *         the maximum, less up to half at random, ms.
         */
        public long feedReconnectBackoffInitialMs()
        {
            return feedReconnectBackoffInitialMs;
        }

        /**
         * @param value first delay before reconnecting a lost or failed feed connection; doubles per failure in a row
         *              up to the maximum, less up to half at random, ms.
         * @return this.
         */
        public Context feedReconnectBackoffInitialMs(final long value)
        {
            this.feedReconnectBackoffInitialMs = value;
            concluded = false;
            return this;
        }

        /**
         * @return bound of the feed reconnect delay, ms; at least the initial delay.
         */
        public long feedReconnectBackoffMaxMs()
        {
            return feedReconnectBackoffMaxMs;
        }

        /**
         * @param value bound of the feed reconnect delay, ms; at least the initial delay.
         * @return this.
         */
        public Context feedReconnectBackoffMaxMs(final long value)
        {
            this.feedReconnectBackoffMaxMs = value;
            concluded = false;
            return this;
        }

        /**
         * @return failures in a row (connections that never delivered a frame, or REST requests) that open a feed's
         *         circuit breaker.
         */
        public int feedCircuitFailures()
        {
            return feedCircuitFailures;
        }

        /**
         * @param value failures in a row (connections that never delivered a frame, or REST requests) that open a
         *              feed's circuit breaker.
         * @return this.
         */
        public Context feedCircuitFailures(final int value)
        {
            this.feedCircuitFailures = value;
            concluded = false;
            return this;
        }

        /**
         * @return how long an open circuit breaker holds every attempt back, ms.
         */
        public long feedCircuitOpenMs()
        {
            return feedCircuitOpenMs;
        }

        /**
         * @param value how long an open circuit breaker holds every attempt back, ms.
         * @return this.
         */
        public Context feedCircuitOpenMs(final long value)
        {
            this.feedCircuitOpenMs = value;
            concluded = false;
            return this;
        }

        /**
         * @return timeout of a feed's TCP connect, and separately of its TLS and WebSocket handshakes, ms.
         */
        public long feedConnectTimeoutMs()
        {
            return feedConnectTimeoutMs;
        }

        /**
         * @param value timeout of a feed's TCP connect, and separately of its TLS and WebSocket handshakes, ms.
         * @return this.
         */
        public Context feedConnectTimeoutMs(final long value)
        {
            this.feedConnectTimeoutMs = value;
            concluded = false;
            return this;
        }

        /**
         * @return interval of a feed connection's keep-alive pings, ms.
         */
        public long feedPingIntervalMs()
        {
            return feedPingIntervalMs;
        }

        /**
         * @param value interval of a feed connection's keep-alive pings, ms.
         * @return this.
         */
        public Context feedPingIntervalMs(final long value)
        {
            this.feedPingIntervalMs = value;
            concluded = false;
            return this;
        }

        /**
         * @return how long a keep-alive ping may go unanswered before the connection is dropped and reconnected, ms.
         */
        public long feedPongTimeoutMs()
        {
            return feedPongTimeoutMs;
        }

        /**
         * @param value how long a keep-alive ping may go unanswered before the connection is dropped and reconnected,
         *              ms.
         * @return this.
         */
        public Context feedPongTimeoutMs(final long value)
        {
            this.feedPongTimeoutMs = value;
            concluded = false;
            return this;
        }

        /**
         * @return timeout of one REST request (connect and answer), ms.
         */
        public long feedRestTimeoutMs()
        {
            return feedRestTimeoutMs;
        }

        /**
         * @param value timeout of one REST request (connect and answer), ms.
         * @return this.
         */
        public Context feedRestTimeoutMs(final long value)
        {
            this.feedRestTimeoutMs = value;
            concluded = false;
            return this;
        }

        /**
         * @return first delay before retrying a failed REST request (a 429's Retry-After wins when longer), ms.
         */
        public long feedRestBackoffInitialMs()
        {
            return feedRestBackoffInitialMs;
        }

        /**
         * @param value first delay before retrying a failed REST request (a 429's Retry-After wins when longer), ms.
         * @return this.
         */
        public Context feedRestBackoffInitialMs(final long value)
        {
            this.feedRestBackoffInitialMs = value;
            concluded = false;
            return this;
        }

        /**
         * @return bound of the REST retry delay, ms; at least the initial delay.
         */
        public long feedRestBackoffMaxMs()
        {
            return feedRestBackoffMaxMs;
        }

        /**
         * @param value bound of the REST retry delay, ms; at least the initial delay.
         * @return this.
         */
        public Context feedRestBackoffMaxMs(final long value)
        {
            this.feedRestBackoffMaxMs = value;
            concluded = false;
            return this;
        }

        /**
         * @return the start-up grace period, ms.
         */
        public long healthStartupGraceMs()
        {
            return healthStartupGraceMs;
        }

        /**
         * @param millis the start-up grace period, 0 to a day.
         * @return this.
         */
        public Context healthStartupGraceMs(final long millis)
        {
            this.healthStartupGraceMs = millis;
            concluded = false;
            return this;
        }

        private static InetAddress parseAddress(final String address)
        {
            try
            {
                if (address.isEmpty())
                {
                    throw new UnknownHostException("empty");
                }
                return InetAddress.getByName(address);
            }
            catch (final UnknownHostException ex)
            {
                throw new ConfigurationException(HTTP_ADDRESS_PROP_NAME, address,
                    "an IP address or resolvable host name, e.g. 127.0.0.1");
            }
        }

        /**
         * @return true when book snapshots are kept (and published when publishing).
         */
        public boolean snapshotEnabled()
        {
            return snapshotEnabled;
        }

        /**
         * @param enabled snapshots on or off.
         * @return this.
         */
        public Context snapshotEnabled(final boolean enabled)
        {
            this.snapshotEnabled = enabled;
            concluded = false;
            return this;
        }

        /**
         * @return the snapshot stream id.
         */
        public int snapshotStreamId()
        {
            return snapshotStreamId;
        }

        /**
         * @param streamId the snapshot stream id, on the publish channel.
         * @return this.
         */
        public Context snapshotStreamId(final int streamId)
        {
            this.snapshotStreamId = streamId;
            concluded = false;
            return this;
        }

        /**
         * @return time between snapshot rounds, ms.
         */
        public long snapshotIntervalMs()
        {
            return snapshotIntervalMs;
        }

        /**
         * @param intervalMs time between snapshot rounds, ms.
         * @return this.
         */
        public Context snapshotIntervalMs(final long intervalMs)
        {
            this.snapshotIntervalMs = intervalMs;
            concluded = false;
            return this;
        }

        /**
         * @return levels per side a snapshot holds at most.
         */
        public int snapshotDepth()
        {
            return snapshotDepth;
        }

        /**
         * @param depth levels per side a snapshot holds at most.
         * @return this.
         */
        public Context snapshotDepth(final int depth)
        {
            this.snapshotDepth = depth;
            concluded = false;
            return this;
        }

        /**
         * @return true when the latency interval log is written (only with the journal enabled).
         */
        public boolean latencyLogEnabled()
        {
            return latencyLogEnabled;
        }

        /**
         * @param enabled latency interval log on or off.
         * @return this.
         */
        public Context latencyLogEnabled(final boolean enabled)
        {
            this.latencyLogEnabled = enabled;
            concluded = false;
            return this;
        }

        /**
         * @return length of one latency log interval, ms.
         */
        public long latencyLogIntervalMs()
        {
            return latencyLogIntervalMs;
        }

        /**
         * @param intervalMs length of one latency log interval, ms.
         * @return this.
         */
        public Context latencyLogIntervalMs(final long intervalMs)
        {
            this.latencyLogIntervalMs = intervalMs;
            concluded = false;
            return this;
        }

        /**
         * @return the latency interval log's file, or null when it is off or there is no journal directory.
         */
        public Path latencyLogFile()
        {
            return latencyLogEnabled && journalEnabled && journalDir != null ?
                journalDir.resolve("latency.hlog") : null;
        }

        /**
         * A channel Aeron can publish on: parses as an Aeron URI, IPC or UDP, and UDP names where to send (an
         * endpoint, or a control address for multi-destination-cast). Checked at start, not at the first publish.
         */
        private static boolean isPublishChannel(final String channel)
        {
            try
            {
                final ChannelUri uri = ChannelUri.parse(channel);
                if (uri.isIpc())
                {
                    return true;
                }
                return uri.isUdp() && (uri.containsKey(CommonContext.ENDPOINT_PARAM_NAME) ||
                    uri.containsKey(CommonContext.MDC_CONTROL_PARAM_NAME));
            }
            catch (final RuntimeException ex)
            {
                return false;
            }
        }

        private static void requireRange(
            final List<ConfigurationException> problems,
            final String key,
            final long value,
            final long min,
            final long max,
            final String expected)
        {
            require(problems, value >= min && value <= max, key, value, expected);
        }

        private static void require(
            final List<ConfigurationException> problems,
            final boolean valid,
            final String key,
            final Object value,
            final String expected)
        {
            if (!valid)
            {
                problems.add(new ConfigurationException(key, String.valueOf(value), expected));
            }
        }

        private static int parseInt(final String key, final String value)
        {
            try
            {
                return Integer.parseInt(value);
            }
            catch (final NumberFormatException ex)
            {
                throw new ConfigurationException(key, value, "an integer" + range(key));
            }
        }

        private static long parseLong(final String key, final String value)
        {
            try
            {
                return Long.parseLong(value);
            }
            catch (final NumberFormatException ex)
            {
                throw new ConfigurationException(key, value, "an integer" + range(key));
            }
        }

        private static boolean parseBoolean(final String key, final String value)
        {
            if ("true".equalsIgnoreCase(value))
            {
                return true;
            }
            if ("false".equalsIgnoreCase(value))
            {
                return false;
            }
            throw new ConfigurationException(key, value, "true or false");
        }
    }
}
