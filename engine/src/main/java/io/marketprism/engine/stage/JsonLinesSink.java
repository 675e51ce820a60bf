/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine.stage;

import com.lmax.disruptor.EventHandler;
import io.marketprism.codecs.JsonLinesEncoder;
import io.marketprism.engine.MarketEvent;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A terminal stage that prints every message as a JSON line ({@code JSONL.md}) to a stream: what {@code decode}
 * writes. The stream is flushed at the end of each batch, so output keeps up with the ring without a write per line.
 * A tool's stage, not a hot-path one; it does not allocate per message all the same.
 * <p>
 * When the stream fails (disk full, a closed pipe), the sink keeps the first failure, writes nothing more and lets
 * the run end; the tool then reports {@link #failure()} rather than counting lines that were never written.
 */
public final class JsonLinesSink implements EventHandler<MarketEvent>, MarketEvent.MessageVisitor
{
    private final JsonLinesEncoder encoder = new JsonLinesEncoder();
    private final OutputStream out;
    private long lines;
    private volatile IOException failure;

    /**
     * @param out where lines go; not closed by this sink.
     */
    public JsonLinesSink(final OutputStream out)
    {
        this.out = out;
    }

    @Override
    public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
    {
        if (failure != null)
        {
            return;
        }
        event.forEachMessage(this);
        if (endOfBatch && failure == null)
        {
            try
            {
                out.flush();
            }
            catch (final IOException ex)
            {
                failure = ex;
            }
        }
    }

    @Override
    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        final int lineLength = failure == null ? encoder.encode(buffer, offset) : 0;
        if (lineLength == 0)
        {
            return;
        }
        try
        {
            encoder.writeTo(out, lineLength);
            lines++;
        }
        catch (final IOException ex)
        {
            failure = ex;
        }
    }

    @Override
    public void onShutdown()
    {
        if (failure != null)
        {
            return;
        }
        try
        {
            out.flush();
        }
        catch (final IOException ex)
        {
            failure = ex;
        }
    }

    /**
     * @return the first failure writing to the stream, or null while every line has been written.
     */
    public IOException failure()
    {
        return failure;
    }

    /**
     * @return lines written.
     */
    public long lines()
    {
        return lines;
    }
}
