/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.codecs.VenueNames;
import io.marketprism.engine.EngineCounters;
import io.marketprism.engine.StageLatency;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.status.CountersReader;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the engine's counters, the stage latency snapshot and a few JVM figures in the Prometheus text format
 * 0.0.4. Every name starts with {@code marketprism_}; every HELP text starts with the metric's category in brackets
 * ({@code [system]}, {@code [business]}, {@code [performance]}, {@code [error]}). Labels are bounded: {@code venue}
 * (the nine venue ids), {@code type} (data types), {@code kind} (four data-quality findings), {@code stage} (five
 * pipeline stages), {@code gc} (the JVM's collectors). There is no {@code symbol} label: no counter is kept per
 * instrument. {@code ops/metrics.md} lists every metric; keep the two in step.
 * <p>
 * Reads counters only (volatile loads): it never waits for the pipeline.
 */
final class PrometheusExporter
{
    /** Content type of the text format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** Engine-wide counters: label -> name, type, category, help. */
    private static final Map<String, String[]> ENGINE = new LinkedHashMap<>();

    static
    {
        engine("malformed", "marketprism_malformed_messages_total", "counter", "error",
            "Frames the decoders could not decode (malformed status events), all venues.");
        engine("gaps", "marketprism_book_gaps_total", "counter", "error",
            "Sequence gaps detected in order books; each makes the book resync.");
        engine("resyncs", "marketprism_book_resyncs_total", "counter", "business",
            "Snapshots applied, making a book valid again.");
        engine("skipped-updates", "marketprism_book_skipped_updates_total", "counter", "business",
            "Book updates older than the book, not applied.");
        engine("crossed-books", "marketprism_book_crossed_total", "counter", "error",
            "Books found crossed after an update.");
        engine("checksum-mismatches", "marketprism_book_checksum_mismatches_total", "counter", "error",
            "Books that did not match the checksum their venue sent.");
        engine("checksums-verified", "marketprism_book_checksums_verified_total", "counter", "business",
            "Book messages whose venue checksum the maintained book matched.");
        engine("pending-overflows", "marketprism_book_pending_overflows_total", "counter", "error",
            "Buffered book updates dropped because a book's pending buffer was full.");
        engine("snapshot-truncations", "marketprism_book_snapshot_truncations_total", "counter", "error",
            "Snapshots rewritten with fewer levels than the book holds.");
        engine("book-growths", "marketprism_book_growths_total", "counter", "performance",
            "Order book arrays grown (an allocation on the data path).");
        engine("instruments", "marketprism_instruments", "gauge", "business",
            "Instruments registered.");
        engine("unresolved-instruments", "marketprism_unresolved_instrument_messages_total", "counter", "error",
            "Messages dropped because their instrument could not be registered (limit reached).");
        engine("resync-requests", "marketprism_resync_requests_total", "counter", "business",
            "Snapshot requests sent from normalize to the feeds.");
        engine("resync-requests-dropped", "marketprism_resync_requests_dropped_total", "counter", "error",
            "Snapshot requests lost because the request queue was full.");
        engine("log-waits", "marketprism_ring_producer_waits_total", "counter", "performance",
            "Times the feed waited for space in the ring's message log (back pressure from the consumers).");
        engine("journaled", "marketprism_journal_messages_total", "counter", "system",
            "Messages appended to the journal.");
        engine("journal-bytes", "marketprism_journal_bytes_total", "counter", "system",
            "Bytes of SBE messages appended to the journal (its growth, without Chronicle's headers).");
        engine("journal-files-deleted", "marketprism_journal_files_deleted_total", "counter", "system",
            "Journal cycle files deleted by retention (marketprism.journal.retentionHours).");
        engine("journal-pages-pretouched", "marketprism_journal_pages_pretouched_total", "counter", "system",
            "Journal pages touched ahead of the writer in the journal stage's idle time.");
        engine("journal-rejected", "marketprism_journal_rejected_total", "counter", "error",
            "Messages too large for the journal's block size, not journaled.");
        engine("raw-frames", "marketprism_journal_raw_frames_total", "counter", "system",
            "Raw frames as received put on the ring for the journal (marketprism.journal.rawFrames).");
        engine("raw-frames-too-large", "marketprism_journal_raw_frames_too_large_total", "counter", "error",
            "Raw frames longer than half the ring's message log: decoded but not journaled.");
        engine("published", "marketprism_publish_messages_total", "counter", "business",
            "Messages published on Aeron.");
        engine("publish-not-connected", "marketprism_publish_not_connected_total", "counter", "error",
            "Messages not published because no Aeron subscriber was connected.");
        engine("publish-back-pressured", "marketprism_publish_back_pressure_total", "counter", "performance",
            "Aeron offers that met back pressure (each retry counts).");
        engine("publish-dropped", "marketprism_publish_dropped_total", "counter", "error",
            "Messages dropped after the Aeron back-pressure timeout.");
        engine("snapshots-published", "marketprism_book_snapshots_published_total", "counter", "business",
            "Book snapshots offered on the snapshot stream for late joiners.");
        engine("snapshots-dropped", "marketprism_book_snapshots_dropped_total", "counter", "error",
            "Book snapshots not offered: back pressure or no subscriber on the snapshot stream.");
        engine("snapshots-contended", "marketprism_book_snapshots_contended_total", "counter", "performance",
            "Book snapshot copies retried because normalize was writing the book at the time.");
        engine("errors", "marketprism_errors_total", "counter", "error",
            "Unexpected exceptions caught by the pipeline's error handler.");
        engine("ring-published", "marketprism_ring_published_total", "counter", "system",
            "Events published on the ring by the feed thread.");
        engine("ring-capacity", "marketprism_ring_capacity_slots", "gauge", "system",
            "Slots of the ring.");
        engine("feed-disconnects", "marketprism_feed_disconnects_total", "counter", "error",
            "Feed connections lost after they had opened, all venues.");
        engine("feed-connect-failures", "marketprism_feed_connect_failures_total", "counter", "error",
            "Feed connection attempts that failed before opening (refused, handshake, TLS), all venues.");
        engine("feed-circuit-opens", "marketprism_feed_circuit_opens_total", "counter", "error",
            "Times a feed session's circuit breaker opened after repeated connection failures.");
        engine("rest-requests", "marketprism_rest_requests_total", "counter", "system",
            "REST requests sent (depth snapshots), all venues.");
        engine("rest-retries", "marketprism_rest_retries_total", "counter", "error",
            "REST requests retried after a failure.");
        engine("rest-rate-limited", "marketprism_rest_rate_limited_total", "counter", "error",
            "REST answers 429 or 418 (rate limited); the fetcher waits out Retry-After.");
        engine("rest-failures", "marketprism_rest_failures_total", "counter", "error",
            "REST requests that failed: error status, timeout or connection error.");
        engine("snapshots-delivered", "marketprism_snapshots_delivered_total", "counter", "business",
            "Depth snapshots fetched and handed to the decoders.");
        engine("snapshots-discarded", "marketprism_snapshots_discarded_total", "counter", "error",
            "Depth snapshots dropped because their connection was lost while they were fetched.");
        engine("books-stale", "marketprism_books_stale_total", "counter", "error",
            "Books found stale: no update for marketprism.feed.staleAfterMs (status stale, health stale).");
        engine("books-recovered", "marketprism_books_recovered_total", "counter", "business",
            "Stale books updated again (status recovered).");
        engine("feed-stale-connections", "marketprism_feed_stale_connections_total", "counter", "error",
            "Open feed connections that went marketprism.feed.staleAfterMs without a frame.");
        engine("feed-rotations", "marketprism_feed_rotations_total", "counter", "system",
            "Feed connections replaced by a planned rotation (marketprism.feed.rotateAfterMs), with no gap.");
        engine("feed-rotation-failures", "marketprism_feed_rotation_failures_total", "counter", "error",
            "Rotations given up because the new connection failed; the old one went on.");
        engine("feed-rotation-repeats", "marketprism_feed_rotation_repeats_total", "counter", "system",
            "Messages a rotation's new connection repeated after the switch, dropped.");
    }

    private static final String[] QUALITY_KINDS = {
        "exch_time_backwards", "clock_skew", "duplicate_trade_id", "zero_quantity" };

    private final CountersReader counters;
    private final LatencySampler latency;
    private final HealthReport health;

    PrometheusExporter(final CountersReader counters, final LatencySampler latency, final HealthReport health)
    {
        this.counters = counters;
        this.latency = latency;
        this.health = health;
    }

    private static void engine(
        final String label, final String name, final String type, final String category, final String help)
    {
        ENGINE.put(label, new String[]{ name, type, category, help });
    }

    /**
     * @return the engine-wide metric names, in the order they are exported.
     */
    static List<String> engineMetricNames()
    {
        final List<String> names = new ArrayList<>();
        for (final String[] metric : ENGINE.values())
        {
            names.add(metric[0]);
        }
        return names;
    }

    /**
     * @return one scrape.
     */
    String scrape()
    {
        final StringBuilder out = new StringBuilder(32 * 1024);
        final Map<String, Long> engineValues = new LinkedHashMap<>();
        final long[][] messages = new long[256][EngineCounters.TEMPLATE_COUNT + 1];
        final long[][] lastTimes = new long[256][EngineCounters.TEMPLATE_COUNT + 1];
        final long[][] quality = new long[256][QUALITY_KINDS.length];
        final long[] reconnects = new long[256];
        final long[] positions = new long[StageLatency.STAGE_COUNT];
        final boolean[] hasPosition = new boolean[StageLatency.STAGE_COUNT];

        counters.forEach((counterId, typeId, key, label) ->
        {
            final long value = counters.getCounterValue(counterId);
            final int venue = key.getInt(EngineCounters.KEY_VENUE_OFFSET) & 0xFF;
            final int kind = key.getInt(EngineCounters.KEY_KIND_OFFSET);
            switch (typeId)
            {
                case EngineCounters.ENGINE_TYPE_ID:
                    engineValues.put(label, value);
                    break;
                case EngineCounters.MESSAGES_TYPE_ID:
                    messages[venue][kind] = value;
                    break;
                case EngineCounters.LAST_MESSAGE_TIME_TYPE_ID:
                    lastTimes[venue][kind] = value;
                    break;
                case EngineCounters.QUALITY_TYPE_ID:
                    quality[venue][kind] = value;
                    break;
                case EngineCounters.RECONNECTS_TYPE_ID:
                    reconnects[venue] = value;
                    break;
                case EngineCounters.STAGE_POSITION_TYPE_ID:
                    positions[kind] = value;
                    hasPosition[kind] = true;
                    break;
                default:
                    break;
            }
        });

        for (final Map.Entry<String, String[]> entry : ENGINE.entrySet())
        {
            final String[] metric = entry.getValue();
            header(out, metric[0], metric[1], metric[2], metric[3]);
            sample(out, metric[0], "", engineValues.getOrDefault(entry.getKey(), 0L));
        }

        header(out, "marketprism_messages_total", "counter", "business",
            "Normalized messages by venue and data type (status and instrument events included).");
        for (final Venue venue : VenueNames.venues())
        {
            for (int template = 1; template <= EngineCounters.TEMPLATE_COUNT; template++)
            {
                sample(out, "marketprism_messages_total", venueType(venue, template),
                    messages[venue.value()][template]);
            }
        }

        final long nowNs = System.currentTimeMillis() * 1_000_000L;
        header(out, "marketprism_last_message_time_seconds", "gauge", "business",
            "Receive time of the latest message of a venue and data type, seconds since the epoch; only pairs " +
            "that have received data.");
        for (final Venue venue : VenueNames.venues())
        {
            for (int template = 1; template <= EngineCounters.TEMPLATE_COUNT; template++)
            {
                final long last = lastTimes[venue.value()][template];
                if (last > 0)
                {
                    sample(out, "marketprism_last_message_time_seconds", venueType(venue, template), seconds(last));
                }
            }
        }
        header(out, "marketprism_message_age_seconds", "gauge", "business",
            "Age of the latest message of a venue and data type at scrape time (freshness), seconds.");
        for (final Venue venue : VenueNames.venues())
        {
            for (int template = 1; template <= EngineCounters.TEMPLATE_COUNT; template++)
            {
                final long last = lastTimes[venue.value()][template];
                if (last > 0)
                {
                    sample(out, "marketprism_message_age_seconds", venueType(venue, template),
                        seconds(Math.max(0, nowNs - last)));
                }
            }
        }

        header(out, "marketprism_data_quality_total", "counter", "error",
            "Messages delivered but flagged, by venue and finding kind.");
        for (final Venue venue : VenueNames.venues())
        {
            for (int kind = 0; kind < QUALITY_KINDS.length; kind++)
            {
                sample(out, "marketprism_data_quality_total",
                    "venue=\"" + VenueNames.name(venue) + "\",kind=\"" + QUALITY_KINDS[kind] + "\"",
                    quality[venue.value()][kind]);
            }
        }

        header(out, "marketprism_reconnects_total", "counter", "error",
            "WebSocket reconnects by venue (0 until live sessions exist).");
        for (final Venue venue : VenueNames.venues())
        {
            sample(out, "marketprism_reconnects_total", "venue=\"" + VenueNames.name(venue) + "\"",
                reconnects[venue.value()]);
        }

        header(out, "marketprism_ring_stage_position_total", "counter", "system",
            "Ring events each consumer stage has finished.");
        long slowest = Long.MAX_VALUE;
        for (int stage = 0; stage < StageLatency.STAGE_COUNT; stage++)
        {
            if (hasPosition[stage])
            {
                sample(out, "marketprism_ring_stage_position_total", stage(stage), positions[stage]);
                slowest = Math.min(slowest, positions[stage]);
            }
        }
        final long published = engineValues.getOrDefault("ring-published", 0L);
        header(out, "marketprism_ring_occupancy_slots", "gauge", "performance",
            "Ring slots published but not yet finished by the slowest stage (the ring is full at its capacity).");
        sample(out, "marketprism_ring_occupancy_slots", "",
            slowest == Long.MAX_VALUE ? 0 : Math.max(0, published - slowest));

        if (latency != null)
        {
            exportLatency(out, latency.snapshot());
        }
        exportJvm(out);

        header(out, "marketprism_health_status", "gauge", "system",
            "1 when /health answers 200 (every venue and data type fresh, or within the start-up grace), else 0.");
        sample(out, "marketprism_health_status", "", health.isHealthy(nowNs) ? 1 : 0);
        return out.toString();
    }

    private static void exportLatency(final StringBuilder out, final LatencySampler.Snapshot snapshot)
    {
        header(out, "marketprism_stage_latency_seconds", "histogram", "performance",
            "Latency from frame receipt to the end of each pipeline stage, cumulative since start, seconds.");
        for (int stage = 0; stage < StageLatency.STAGE_COUNT; stage++)
        {
            final String stageLabel = stage(stage);
            for (int b = 0; b < LatencySampler.BUCKET_BOUNDS_NS.length; b++)
            {
                sample(out, "marketprism_stage_latency_seconds_bucket",
                    stageLabel + ",le=\"" + plainSeconds(LatencySampler.BUCKET_BOUNDS_NS[b]) + "\"",
                    snapshot.cumulativeBuckets[stage][b]);
            }
            sample(out, "marketprism_stage_latency_seconds_bucket", stageLabel + ",le=\"+Inf\"",
                snapshot.counts[stage]);
            sample(out, "marketprism_stage_latency_seconds_sum", stageLabel, snapshot.sumsSeconds[stage]);
            sample(out, "marketprism_stage_latency_seconds_count", stageLabel, snapshot.counts[stage]);
        }
        header(out, "marketprism_stage_latency_snapshot_age_seconds", "gauge", "system",
            "Age of the latency snapshot above; it grows when the sampler cannot read the histograms (wedged stage).");
        sample(out, "marketprism_stage_latency_snapshot_age_seconds", "",
            seconds(System.nanoTime() - snapshot.takenAtNs));
    }

    private static void exportJvm(final StringBuilder out)
    {
        final MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        header(out, "marketprism_jvm_heap_used_bytes", "gauge", "system", "JVM heap in use, bytes.");
        sample(out, "marketprism_jvm_heap_used_bytes", "", heap.getUsed());
        header(out, "marketprism_jvm_heap_committed_bytes", "gauge", "system", "JVM heap committed, bytes.");
        sample(out, "marketprism_jvm_heap_committed_bytes", "", heap.getCommitted());
        header(out, "marketprism_jvm_heap_max_bytes", "gauge", "system", "JVM heap limit, bytes (-1: none).");
        sample(out, "marketprism_jvm_heap_max_bytes", "", heap.getMax());
        final MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        header(out, "marketprism_jvm_nonheap_used_bytes", "gauge", "system", "JVM non-heap memory in use, bytes.");
        sample(out, "marketprism_jvm_nonheap_used_bytes", "", nonHeap.getUsed());

        final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        header(out, "marketprism_jvm_gc_collections_total", "counter", "system",
            "Garbage collections by collector.");
        for (final GarbageCollectorMXBean gc : collectors)
        {
            sample(out, "marketprism_jvm_gc_collections_total", "gc=\"" + escape(gc.getName()) + "\"",
                Math.max(0, gc.getCollectionCount()));
        }
        header(out, "marketprism_jvm_gc_time_seconds_total", "counter", "system",
            "Time spent in garbage collection by collector, seconds (as the JVM reports it).");
        for (final GarbageCollectorMXBean gc : collectors)
        {
            sample(out, "marketprism_jvm_gc_time_seconds_total", "gc=\"" + escape(gc.getName()) + "\"",
                Math.max(0, gc.getCollectionTime()) / 1e3);
        }
        header(out, "marketprism_jvm_threads", "gauge", "system", "Live JVM threads.");
        sample(out, "marketprism_jvm_threads", "", ManagementFactory.getThreadMXBean().getThreadCount());
        header(out, "marketprism_process_start_time_seconds", "gauge", "system",
            "Start time of the engine process, seconds since the epoch.");
        sample(out, "marketprism_process_start_time_seconds", "",
            ManagementFactory.getRuntimeMXBean().getStartTime() / 1e3);
    }

    private static String venueType(final Venue venue, final int template)
    {
        return "venue=\"" + VenueNames.name(venue) + "\",type=\"" + EngineCounters.templateName(template) + "\"";
    }

    private static String stage(final int stage)
    {
        return "stage=\"" + StageLatency.name(stage) + "\"";
    }

    private static void header(
        final StringBuilder out, final String name, final String type, final String category, final String help)
    {
        out.append("# HELP ").append(name).append(" [").append(category).append("] ").append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(final StringBuilder out, final String name, final String labels, final long value)
    {
        out.append(name);
        if (!labels.isEmpty())
        {
            out.append('{').append(labels).append('}');
        }
        out.append(' ').append(value).append('\n');
    }

    private static void sample(final StringBuilder out, final String name, final String labels, final double value)
    {
        out.append(name);
        if (!labels.isEmpty())
        {
            out.append('{').append(labels).append('}');
        }
        out.append(' ').append(Double.toString(value)).append('\n');
    }

    private static double seconds(final long nanos)
    {
        return nanos / 1e9;
    }

    private static String plainSeconds(final long nanos)
    {
        return BigDecimal.valueOf(nanos).movePointLeft(9).stripTrailingZeros().toPlainString();
    }

    private static String escape(final String text)
    {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
