/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.codecs.VenueNames;
import io.marketprism.engine.EngineCounters;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.status.CountersReader;

/**
 * Data freshness per venue and data type, from the engine's last-message-time counters: a pair is {@code ok} when its
 * latest message was received at most the freshness limit ago, {@code stale} otherwise; pairs that never received
 * data are not listed. The report is healthy during the start-up grace period, and after it when at least one pair
 * has data and none is stale. Reads counters only. It also tells how many books are stale now ({@code booksStale}:
 * reported {@code stale} by normalize and not yet {@code recovered}), which does not change the status: a quiet
 * instrument is not an unhealthy engine (alert on it with MarketPrismBooksStale).
 */
final class HealthReport
{
    private final CountersReader counters;
    private final long freshnessLimitNs;
    private final long graceEndNs;

    /**
     * @param counters         the engine's counters.
     * @param freshnessLimitMs largest age of a fresh pair.
     * @param startupGraceMs   grace period from now.
     */
    HealthReport(final CountersReader counters, final long freshnessLimitMs, final long startupGraceMs)
    {
        this.counters = counters;
        this.freshnessLimitNs = freshnessLimitMs * 1_000_000L;
        this.graceEndNs = System.currentTimeMillis() * 1_000_000L + startupGraceMs * 1_000_000L;
    }

    /**
     * @param nowNs wall-clock time, ns since the epoch.
     * @return true when /health answers 200.
     */
    boolean isHealthy(final long nowNs)
    {
        return render(nowNs, null);
    }

    /**
     * @param nowNs wall-clock time, ns since the epoch.
     * @param json  receives the JSON body; may be null.
     * @return true when healthy (HTTP 200), false for 503.
     */
    boolean render(final long nowNs, final StringBuilder json)
    {
        final long[][] last = new long[256][EngineCounters.TEMPLATE_COUNT + 1];
        final long[] books = new long[2];
        counters.forEach((counterId, typeId, key, label) ->
        {
            if (typeId == EngineCounters.ENGINE_TYPE_ID && "books-stale".equals(label))
            {
                books[0] = counters.getCounterValue(counterId);
            }
            else if (typeId == EngineCounters.ENGINE_TYPE_ID && "books-recovered".equals(label))
            {
                books[1] = counters.getCounterValue(counterId);
            }
            else if (typeId == EngineCounters.LAST_MESSAGE_TIME_TYPE_ID)
            {
                last[key.getInt(EngineCounters.KEY_VENUE_OFFSET) & 0xFF][key.getInt(EngineCounters.KEY_KIND_OFFSET)] =
                    counters.getCounterValue(counterId);
            }
        });

        final StringBuilder entries = new StringBuilder();
        int fresh = 0;
        int stale = 0;
        for (final Venue venue : VenueNames.venues())
        {
            for (int template = 1; template <= EngineCounters.TEMPLATE_COUNT; template++)
            {
                final long lastNs = last[venue.value()][template];
                if (lastNs <= 0)
                {
                    continue;
                }
                final long ageNs = nowNs - lastNs;
                final boolean ok = ageNs <= freshnessLimitNs;
                if (ok)
                {
                    fresh++;
                }
                else
                {
                    stale++;
                }
                if (entries.length() > 0)
                {
                    entries.append(',');
                }
                entries.append("{\"venue\":\"").append(VenueNames.name(venue))
                    .append("\",\"type\":\"").append(EngineCounters.templateName(template))
                    .append("\",\"lastMessageTimeNs\":").append(lastNs)
                    .append(",\"ageMs\":").append(ageNs / 1_000_000L)
                    .append(",\"status\":\"").append(ok ? "ok" : "stale").append("\"}");
            }
        }

        final boolean inGrace = nowNs < graceEndNs;
        final String status;
        final boolean healthy;
        if (stale == 0 && fresh > 0)
        {
            status = "ok";
            healthy = true;
        }
        else
        {
            status = inGrace ? "starting" : fresh + stale == 0 ? "no_data" : "stale";
            healthy = inGrace;
        }
        if (json != null)
        {
            json.append("{\"status\":\"").append(status)
                .append("\",\"freshnessLimitMs\":").append(freshnessLimitNs / 1_000_000L)
                .append(",\"inStartupGrace\":").append(inGrace)
                .append(",\"fresh\":").append(fresh)
                .append(",\"stale\":").append(stale)
                .append(",\"booksStale\":").append(Math.max(0, books[0] - books[1]))
                .append(",\"entries\":[").append(entries).append("]}\n");
        }
        return healthy;
    }
}
