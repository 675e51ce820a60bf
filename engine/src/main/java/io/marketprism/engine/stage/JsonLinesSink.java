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
import java.io.UncheckedIOException;

/**
 * A terminal stage that prints every message as a JSON line ({@code JSONL.md}) to a stream: what {@code decode}
 * writes. The stream is flushed at the end of each batch, so output keeps up with the ring without a write per line.
 * A tool's stage, not a hot-path one; it does not allocate per message all the same.
 */
public final class JsonLinesSink implements EventHandler<MarketEvent>, MarketEvent.MessageVisitor
{
    private final JsonLinesEncoder encoder = new JsonLinesEncoder();
    private final OutputStream out;
    private long lines;

    /**
     * @param out where lines go; not closed by this sink.
     */
    public JsonLinesSink(final OutputStream out)
    {
        this.out = out;
    }

    @Override
    public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch) throws IOException
    {
        event.forEachMessage(this);
        if (endOfBatch)
        {
            out.flush();
        }
    }

    @Override
    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        final int lineLength = encoder.encode(buffer, offset);
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
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void onShutdown()
    {
        try
        {
            out.flush();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @return lines written.
     */
    public long lines()
    {
        return lines;
    }
}
