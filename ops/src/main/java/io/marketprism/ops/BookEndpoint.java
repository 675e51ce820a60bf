/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.codecs.JsonLinesEncoder;
import io.marketprism.codecs.VenueNames;
import io.marketprism.engine.EngineConfiguration;
import io.marketprism.engine.book.BookSnapshots;
import io.marketprism.sbe.InstrumentDecoder;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.Venue;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /book/{venue}/{symbol}?depth=N}: an instrument's current book as one JSON {@code book} line
 * ({@code JSONL.md}, {@code snapshot} true), its best N levels a side, for people who want to look. It reads the
 * slots the late joiners' snapshots are made from ({@link BookSnapshots}), so it never blocks normalize: it asks for
 * a round, which normalize serves between two messages or when idle, waits for it at most {@link #ROUND_WAIT_MS},
 * and copies the slot. A round not served in time (normalize far behind) still gets the slot as last written, which
 * is a correct, older state; the {@code X-MarketPrism-Stream-Seq} header always says which message of the live
 * stream the book is current at, and {@code X-MarketPrism-Round-Served} whether the round was served.
 * <p>
 * {@code symbol} is the canonical symbol ({@code BTC-USDT}) or the venue's own ({@code BTCUSDT}), in any case;
 * {@code depth} is 1 to {@code snapshot.depth} (the default). Single-threaded: the HTTP server's thread.
 */
final class BookEndpoint
{
    /** Longest wait for normalize to serve a round before the slot is copied as it is. */
    static final long ROUND_WAIT_MS = 200;
    static final String PATH = "/book";
    static final String STREAM_SEQ_HEADER = "X-MarketPrism-Stream-Seq";
    static final String ROUND_SERVED_HEADER = "X-MarketPrism-Round-Served";

    private static final String USAGE = "usage: GET /book/{venue}/{symbol}?depth=N\n";
    private static final int COPY_ATTEMPTS = 10;

    private final BookSnapshots snapshots;
    private final BookSnapshots.Copy copy;
    private final JsonLinesEncoder encoder = new JsonLinesEncoder();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final InstrumentDecoder definition = new InstrumentDecoder();
    private final IdleStrategy idle = new SleepingIdleStrategy(TimeUnit.MICROSECONDS.toNanos(200));
    private final Map<String, Integer> instrumentIds = new HashMap<>();
    private final Map<String, TreeSet<String>> symbolsByVenue = new HashMap<>();
    private int scannedUpTo;

    /**
     * An HTTP answer.
     */
    static final class Answer
    {
        final int status;
        final String contentType;
        final String body;
        final Map<String, String> headers = new HashMap<>();

        Answer(final int status, final String contentType, final String body)
        {
            this.status = status;
            this.contentType = contentType;
            this.body = body;
        }

        private static Answer text(final int status, final String body)
        {
            return new Answer(status, "text/plain; charset=utf-8", body);
        }
    }

    /**
     * @param snapshots the pipeline's book slots, or null when snapshots are off (every answer then says so).
     */
    BookEndpoint(final BookSnapshots snapshots)
    {
        this.snapshots = snapshots;
        this.copy = snapshots == null ? null : snapshots.newCopy();
    }

    /**
     * @param path  the request's decoded path, {@code /book/...}.
     * @param query the request's decoded query, or null.
     * @return what to answer.
     */
    Answer answer(final String path, final String query)
    {
        if (snapshots == null)
        {
            return Answer.text(404, "book snapshots are off (" + EngineConfiguration.SNAPSHOT_ENABLED_PROP_NAME +
                "=false): there is no book to show\n");
        }
        final String rest = path.length() > PATH.length() + 1 ? path.substring(PATH.length() + 1) : "";
        final int slash = rest.indexOf('/');
        if (!path.startsWith(PATH + "/") || slash <= 0 || slash == rest.length() - 1)
        {
            return Answer.text(400, USAGE);
        }
        final String venueName = rest.substring(0, slash);
        final String symbol = rest.substring(slash + 1);
        final Venue venue;
        try
        {
            venue = VenueNames.parse(venueName);
        }
        catch (final IllegalArgumentException ex)
        {
            return Answer.text(404, "unknown venue '" + venueName + "'; venues: " + venueList() + "\n");
        }

        final int depth;
        final String depthText = parameter(query, "depth");
        if (depthText == null)
        {
            depth = snapshots.depth();
        }
        else
        {
            depth = parseDepth(depthText);
            if (depth < 1)
            {
                return Answer.text(400, "depth must be an integer from 1 to " + snapshots.depth() + " (" +
                    EngineConfiguration.SNAPSHOT_DEPTH_PROP_NAME + "): '" + depthText + "'\n");
            }
        }

        final String key = key(venue, symbol);
        Integer instrumentId = instrumentIds.get(key);
        if (instrumentId == null)
        {
            scan();
            instrumentId = instrumentIds.get(key);
        }
        if (instrumentId == null)
        {
            final TreeSet<String> known = symbolsByVenue.get(VenueNames.name(venue));
            return Answer.text(404, "no instrument '" + symbol + "' on " + VenueNames.name(venue) + "; known: " +
                (known == null ? "none yet" : String.join(", ", known)) + "\n");
        }
        return book(instrumentId, depth, symbol);
    }

    private Answer book(final int instrumentId, final int depth, final String symbol)
    {
        final long round = snapshots.requestRound();
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ROUND_WAIT_MS);
        idle.reset();
        while (snapshots.servedRound() < round && System.nanoTime() - deadlineNs < 0)
        {
            idle.idle();
        }
        final boolean served = snapshots.servedRound() >= round;

        int status = BookSnapshots.CONTENDED;
        for (int attempt = 0; attempt < COPY_ATTEMPTS && status == BookSnapshots.CONTENDED; attempt++)
        {
            status = snapshots.copy(instrumentId, copy);
        }
        if (status == BookSnapshots.CONTENDED)
        {
            return Answer.text(503, "the book of '" + symbol + "' changed during every copy; try again\n");
        }
        if (status != BookSnapshots.COPIED || copy.bookLength() == 0)
        {
            return Answer.text(404, "no book for '" + symbol + "' yet: the instrument has had no book message\n");
        }
        encoder.encode(copy.buffer(), copy.definitionOffset());
        final int length = encoder.encode(copy.buffer(), copy.bookOffset(), depth);
        final byte[] line = new byte[length];
        encoder.buffer().getBytes(0, line);
        final Answer answer = new Answer(200, "application/json", new String(line, StandardCharsets.UTF_8));
        answer.headers.put(STREAM_SEQ_HEADER, Long.toString(copy.streamSeq()));
        answer.headers.put(ROUND_SERVED_HEADER, Boolean.toString(served));
        return answer;
    }

    /**
     * Reads the definitions of instruments not seen yet: their canonical and venue symbols become keys.
     */
    private void scan()
    {
        final int maxInstrumentId = snapshots.maxInstrumentId();
        for (int instrumentId = scannedUpTo + 1; instrumentId <= maxInstrumentId; instrumentId++)
        {
            int status = BookSnapshots.CONTENDED;
            for (int attempt = 0; attempt < COPY_ATTEMPTS && status == BookSnapshots.CONTENDED; attempt++)
            {
                status = snapshots.copy(instrumentId, copy);
            }
            if (status == BookSnapshots.CONTENDED || (status == BookSnapshots.COPIED && copy.definitionLength() == 0))
            {
                // not readable or not defined yet: the next scan starts here again
                return;
            }
            if (status == BookSnapshots.COPIED)
            {
                header.wrap(copy.buffer(), copy.definitionOffset());
                definition.wrap(copy.buffer(), copy.definitionOffset() + MessageHeaderDecoder.ENCODED_LENGTH,
                    header.blockLength(), header.version());
                final Venue venue = Venue.get(definition.venueRaw());
                final String canonical = definition.symbol();
                final String venueSymbol = definition.venueSymbol();
                instrumentIds.put(key(venue, canonical), instrumentId);
                instrumentIds.putIfAbsent(key(venue, venueSymbol), instrumentId);
                symbolsByVenue.computeIfAbsent(VenueNames.name(venue), (v) -> new TreeSet<>()).add(canonical);
            }
            scannedUpTo = instrumentId;
        }
    }

    private static String key(final Venue venue, final String symbol)
    {
        return venue.value() + "/" + symbol.toUpperCase(Locale.ROOT);
    }

    private static String venueList()
    {
        final List<String> names = new ArrayList<>();
        for (final Venue venue : VenueNames.venues())
        {
            names.add(VenueNames.name(venue));
        }
        return String.join(", ", names);
    }

    /**
     * @return the depth, or -1 when the text is not an integer from 1 to the slots' depth.
     */
    private int parseDepth(final String text)
    {
        if (text.isEmpty() || text.length() > 6)
        {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c < '0' || c > '9')
            {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value >= 1 && value <= snapshots.depth() ? value : -1;
    }

    private static String parameter(final String query, final String name)
    {
        if (query == null)
        {
            return null;
        }
        for (final String pair : query.split("&"))
        {
            final int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name))
            {
                return pair.substring(equals + 1);
            }
        }
        return null;
    }
}
