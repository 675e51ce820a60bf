/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.feeds.capture;

import io.marketprism.journal.JournalException;
import io.marketprism.journal.JournalFormat;
import io.marketprism.journal.JournalReader;
import io.marketprism.journal.RawFrame;
import io.marketprism.sbe.Venue;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw frames of a journal as a capture: each frame as it was received, with its receive time and the symbol and
 * URL context the feed had given the decoder, in journal order, so that {@link CaptureReplayAgent} decodes them again
 * exactly as live ({@code replay --redecode}). The journal's normalized messages are passed by.
 * <p>
 * Each (venue, connection id) of the journal is one source, with its own decoder; {@link #open(Path)} finds them in a
 * first pass over the raw frames' headers. Frames are views over the journal's mapped memory; the context strings
 * are made only when they change (REST answers; none for stream frames).
 */
public final class JournalCaptureReader implements CaptureReader
{
    private final JournalReader reader;
    private final Long2LongHashMap sourceByConnection;
    private final Venue[] venues;
    private final RawFrame rawFrame = new RawFrame();
    private final String[] lastSymbol;
    private final String[] lastUrl;
    private long skipped;

    private JournalCaptureReader(final JournalReader reader, final Long2LongHashMap sources, final Venue[] venues)
    {
        this.reader = reader;
        this.sourceByConnection = sources;
        this.venues = venues;
        this.lastSymbol = new String[venues.length];
        this.lastUrl = new String[venues.length];
    }

    /**
     * Opens a journal's raw frames.
     *
     * @param directory the journal.
     * @return the reader; {@link #venues()} names each source's venue.
     * @throws JournalException when the journal cannot be read or holds no raw frames.
     */
    public static JournalCaptureReader open(final Path directory)
    {
        final Long2LongHashMap sources = new Long2LongHashMap(-1);
        final List<Venue> venues = new ArrayList<>();
        final RawFrame frame = new RawFrame();
        try (JournalReader scan = JournalReader.open(directory))
        {
            while (scan.next())
            {
                final DirectBuffer buffer = scan.recordBuffer();
                if (JournalFormat.schemaId(buffer, scan.recordOffset()) != JournalFormat.JOURNAL_SCHEMA_ID)
                {
                    continue;
                }
                frame.wrap(buffer, scan.recordOffset());
                final long key = key(frame.venue(), frame.connectionId());
                if (sources.get(key) < 0)
                {
                    final Venue venue = Venue.get(frame.venue());
                    if (venue == Venue.NULL_VAL)
                    {
                        throw new JournalException("journal " + directory + " holds a raw frame of unknown venue " +
                            frame.venue());
                    }
                    sources.put(key, venues.size());
                    venues.add(venue);
                }
            }
        }
        catch (final IllegalArgumentException ex)
        {
            throw new JournalException("journal " + directory + " holds a raw frame of an unknown venue", ex);
        }
        if (venues.isEmpty())
        {
            throw new JournalException("journal " + directory + " holds no raw frames to decode again (written with " +
                "marketprism.journal.rawFrames=false, or by an older MarketPrism)");
        }
        return new JournalCaptureReader(JournalReader.open(directory), sources, venues.toArray(new Venue[0]));
    }

    private static long key(final short venue, final int connectionId)
    {
        return ((long)venue << 32) | (connectionId & 0xFFFF_FFFFL);
    }

    /**
     * @return the venue of each source, indexed as {@link CaptureFrame#source()}.
     */
    public Venue[] venues()
    {
        return venues.clone();
    }

    @Override
    public boolean next(final CaptureFrame frame)
    {
        while (reader.next())
        {
            final DirectBuffer buffer = reader.recordBuffer();
            final int offset = reader.recordOffset();
            final int kind = JournalFormat.kind(buffer, offset, reader.recordLength());
            if (kind == JournalFormat.NORMALIZED)
            {
                continue;
            }
            if (kind != JournalFormat.RAW_FRAME)
            {
                if (kind == JournalFormat.NEWER_VERSION)
                {
                    throw reader.newerVersion(buffer, offset);
                }
                skipped++;
                continue;
            }
            rawFrame.wrap(buffer, offset);
            final int source = (int)sourceByConnection.get(key(rawFrame.venue(), rawFrame.connectionId()));
            frame.buffer.wrap(buffer, 0, buffer.capacity());
            frame.offset = rawFrame.payloadOffset();
            frame.length = rawFrame.payloadLength();
            frame.recvTsNs = rawFrame.recvTsNs();
            frame.source = source;
            frame.contextSymbol = context(lastSymbol, source, buffer, rawFrame.symbolOffset(), rawFrame.symbolLength());
            frame.contextUrl = context(lastUrl, source, buffer, rawFrame.urlOffset(), rawFrame.urlLength());
            frame.kind = frame.contextUrl == null ? CaptureFrame.MESSAGE : CaptureFrame.REST_RESPONSE;
            return true;
        }
        return false;
    }

    private static String context(
        final String[] last, final int source, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length == 0)
        {
            last[source] = null;
            return null;
        }
        final String previous = last[source];
        if (previous != null && previous.length() == length && sameAscii(previous, buffer, offset))
        {
            return previous;
        }
        final String text = buffer.getStringWithoutLengthAscii(offset, length);
        last[source] = text;
        return text;
    }

    private static boolean sameAscii(final String text, final DirectBuffer buffer, final int offset)
    {
        for (int i = 0; i < text.length(); i++)
        {
            if (text.charAt(i) != (char)buffer.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @return records that were neither a normalized message nor a raw frame this build reads, passed by.
     */
    @Override
    public long skippedLines()
    {
        return skipped;
    }

    @Override
    public void close()
    {
        reader.close();
    }
}
