/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.journal;

/**
 * A journal that cannot be read or written as asked: missing, not a journal, written by a newer version, being written
 * by a live engine, or damaged. The message says which, in words meant for the person who gave the directory.
 */
public final class JournalException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final boolean noJournal;

    /**
     * @param message what is wrong and with which directory.
     */
    public JournalException(final String message)
    {
        this(message, false);
    }

    /**
     * @param message   what is wrong and with which directory.
     * @param noJournal true when the directory holds no journal at all (a wrong argument rather than a bad journal).
     */
    public JournalException(final String message, final boolean noJournal)
    {
        super(message);
        this.noJournal = noJournal;
    }

    /**
     * @param message what is wrong and with which directory.
     * @param cause   the underlying failure.
     */
    public JournalException(final String message, final Throwable cause)
    {
        super(message, cause);
        this.noJournal = false;
    }

    /**
     * @return true when the directory holds no journal at all (missing, not a directory, no cycle files).
     */
    public boolean isNoJournal()
    {
        return noJournal;
    }
}
