/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine.stage;

import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.marketprism.sbe.MessageHeaderDecoder;
import io.marketprism.sbe.TradeDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * An Aeron consumer that counts the MarketPrism messages it receives, by template: the demo and the benchmarks use
 * it to show that what was published arrived. Fragmented (large) messages are counted once, when their last fragment
 * arrives.
 */
public final class SubscriptionCounter implements Agent, FragmentHandler
{
    private static final int FRAGMENT_LIMIT = 256;

    private final Subscription subscription;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final AtomicLongArray byTemplate = new AtomicLongArray(16);
    private final io.aeron.FragmentAssembler assembler = new io.aeron.FragmentAssembler(this);
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    /**
     * @param subscription the subscription to poll; closed by {@link #onClose()}.
     */
    public SubscriptionCounter(final Subscription subscription)
    {
        this.subscription = subscription;
    }

    @Override
    public int doWork()
    {
        return subscription.poll(assembler, FRAGMENT_LIMIT);
    }

    @Override
    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        this.header.wrap(buffer, offset);
        // single writer: ordered stores (plain moves on x86) rather than atomic increments or volatile stores, each of
        // which costs a full fence per message
        final int templateId = this.header.templateId();
        if (this.header.schemaId() == TradeDecoder.SCHEMA_ID && templateId < byTemplate.length())
        {
            byTemplate.lazySet(templateId, byTemplate.get(templateId) + 1);
        }
        messages.lazySet(messages.get() + 1);
        bytes.lazySet(bytes.get() + length);
    }

    /**
     * @return messages received.
     */
    public long messages()
    {
        return messages.get();
    }

    /**
     * @return bytes received.
     */
    public long bytes()
    {
        return bytes.get();
    }

    /**
     * @param templateId an SBE template id.
     * @return messages of that template received.
     */
    public long messages(final int templateId)
    {
        return byTemplate.get(templateId);
    }

    /**
     * @return true once the subscription has an image (the publisher is connected).
     */
    public boolean isConnected()
    {
        return subscription.isConnected();
    }

    @Override
    public void onClose()
    {
        subscription.close();
    }

    @Override
    public String roleName()
    {
        return "subscription-counter";
    }
}
