/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import com.lmax.disruptor.EventHandler;
import io.marketprism.engine.MarketEvent;
import io.marketprism.sbe.BookHealth;
import io.marketprism.sbe.BookUpdateDecoder;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.TradeDecoder;
import org.agrona.DirectBuffer;

/**
 * A terminal stage that checks what consumers see: for every instrument, once a {@code book} message has been valid,
 * every later {@code book} message should be valid too on a clean stream. Counts those that are not.
 */
final class BookHealthAudit implements EventHandler<MarketEvent>, MarketEvent.MessageVisitor
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final BookUpdateDecoder book = new BookUpdateDecoder();
    private boolean[] synced = new boolean[1024];
    private volatile long validAfterSync;
    private volatile long notValidAfterSync;
    private volatile long beforeSync;

    @Override
    public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
    {
        event.forEachMessage(this);
    }

    @Override
    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        if (header.schemaId() != TradeDecoder.SCHEMA_ID || header.templateId() != BookUpdateDecoder.TEMPLATE_ID)
        {
            return;
        }
        book.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        final int id = book.instrumentId();
        if (id >= synced.length)
        {
            synced = java.util.Arrays.copyOf(synced, Math.max(id + 1, synced.length * 2));
        }
        final boolean valid = book.healthRaw() == BookHealth.VALID.value();
        if (synced[id])
        {
            if (valid)
            {
                validAfterSync = validAfterSync + 1;
            }
            else
            {
                notValidAfterSync = notValidAfterSync + 1;
            }
        }
        else if (valid)
        {
            synced[id] = true;
            validAfterSync = validAfterSync + 1;
        }
        else
        {
            beforeSync = beforeSync + 1;
        }
    }

    long validAfterSync()
    {
        return validAfterSync;
    }

    long notValidAfterSync()
    {
        return notValidAfterSync;
    }

    long beforeSync()
    {
        return beforeSync;
    }
}
