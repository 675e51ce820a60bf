/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;

import java.util.List;

/**
 * Several stages run by one thread, each event passed to each stage in order: how the {@code shared} and
 * {@code per-stage} thread modes put stages that the topology wires separately on fewer threads. A stage that throws
 * is reported to the exception handler and the next stages still get the event.
 */
final class StageGroup implements EventHandler<MarketEvent>
{
    private final EventHandler<MarketEvent>[] stages;
    private final ExceptionHandler<Object> exceptionHandler;

    @SuppressWarnings("unchecked")
    StageGroup(final List<EventHandler<MarketEvent>> stages, final ExceptionHandler<Object> exceptionHandler)
    {
        this.stages = stages.toArray(new EventHandler[0]);
        this.exceptionHandler = exceptionHandler;
    }

    @Override
    public void onStart()
    {
        for (final EventHandler<MarketEvent> stage : stages)
        {
            stage.onStart();
        }
    }

    @Override
    public void onShutdown()
    {
        for (final EventHandler<MarketEvent> stage : stages)
        {
            try
            {
                stage.onShutdown();
            }
            catch (final RuntimeException ex)
            {
                exceptionHandler.handleOnShutdownException(ex);
            }
        }
    }

    @Override
    public void onBatchStart(final long batchSize, final long queueDepth)
    {
        for (final EventHandler<MarketEvent> stage : stages)
        {
            stage.onBatchStart(batchSize, queueDepth);
        }
    }

    @Override
    public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
    {
        for (final EventHandler<MarketEvent> stage : stages)
        {
            try
            {
                stage.onEvent(event, sequence, endOfBatch);
            }
            catch (final Throwable ex)
            {
                exceptionHandler.handleEventException(ex, sequence, event);
            }
        }
    }
}
