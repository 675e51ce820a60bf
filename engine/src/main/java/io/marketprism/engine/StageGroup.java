/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.engine;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stages run by one thread, each event passed to each stage in order: how the thread modes put stages that the
 * topology wires separately on fewer threads (in {@code dedicated} mode each group holds one stage). A stage that
 * throws is reported to the exception handler and the next stages still get the event. The group counts down a
 * latch once its stages have started, so the pipeline can wait for them (a journal maps its file on start), and
 * another once they have shut down, so that closing the pipeline returns only after the journal is closed.
 */
final class StageGroup implements EventHandler<MarketEvent>
{
    private final EventHandler<MarketEvent>[] stages;
    private final ExceptionHandler<Object> exceptionHandler;
    private final CountDownLatch started;
    private final CountDownLatch stopped;
    private final AtomicReference<Throwable> startFailure;

    @SuppressWarnings("unchecked")
    StageGroup(
        final List<EventHandler<MarketEvent>> stages,
        final ExceptionHandler<Object> exceptionHandler,
        final CountDownLatch started,
        final CountDownLatch stopped,
        final AtomicReference<Throwable> startFailure)
    {
        this.stages = stages.toArray(new EventHandler[0]);
        this.exceptionHandler = exceptionHandler;
        this.started = started;
        this.stopped = stopped;
        this.startFailure = startFailure;
    }

    @Override
    public void onStart()
    {
        try
        {
            for (final EventHandler<MarketEvent> stage : stages)
            {
                stage.onStart();
            }
        }
        catch (final RuntimeException | Error ex)
        {
            startFailure.compareAndSet(null, ex);
            throw ex;
        }
        finally
        {
            started.countDown();
        }
    }

    @Override
    public void onShutdown()
    {
        try
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
        finally
        {
            stopped.countDown();
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
    public void onTimeout(final long sequence)
    {
        for (final EventHandler<MarketEvent> stage : stages)
        {
            try
            {
                stage.onTimeout(sequence);
            }
            catch (final Throwable ex)
            {
                exceptionHandler.handleEventException(ex, sequence, null);
            }
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
