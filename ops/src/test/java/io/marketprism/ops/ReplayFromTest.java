/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.journal.JournalWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code replay --from} starts at the journal's time mark before the time instead of at the beginning, and prints
 * exactly what reading the whole journal prints.
 */
final class ReplayFromTest
{
    private static final Pattern READ = Pattern.compile("replay: (\\d+) normalized messages");

    @Test
    void shouldStartNearTheTimeAndPrintWhatAWholeReadPrints(@TempDir final Path tmp) throws Exception
    {
        final Path journal = ReplayRetainedJournalTest.wholeJournal(tmp);
        assertTrue(Files.exists(journal.resolve(JournalWriter.TIME_MARKS_FILE)));
        final List<String> all = Cli.run("replay", "--journal", journal.toString(), "--quiet").stdout.lines()
            .toList();
        final String at = all.get(all.size() * 3 / 4);
        final String from = at.substring(at.indexOf("\"recvTs\":") + 9).replaceAll("[^0-9].*", "");

        final Cli seeking = Cli.run("replay", "--journal", journal.toString(), "--from", from);
        assertEquals(0, seeking.exitCode, seeking.stderr);
        assertTrue(seeking.stderr.matches("(?s)replay: --from: started at the journal's time mark of " +
            "20\\d\\d-\\d\\d-\\d\\dT[0-9:.]+Z \\(index \\d+\\): nothing before it was received later\n.*"),
            seeking.stderr);

        Files.delete(journal.resolve(JournalWriter.TIME_MARKS_FILE));
        final Cli whole = Cli.run("replay", "--journal", journal.toString(), "--from", from);
        assertEquals(0, whole.exitCode, whole.stderr);
        assertFalse(whole.stderr.contains("time mark"), whole.stderr);

        assertFalse(seeking.stdout.isEmpty());
        assertEquals(whole.stdout, seeking.stdout, "the same lines");
        final long read = messagesRead(seeking.stderr);
        final long readWhole = messagesRead(whole.stderr);
        assertEquals(all.size(), readWhole, "without marks every message is read");
        assertTrue(read < readWhole / 3, "read " + read + " of " + readWhole);
    }

    private static long messagesRead(final String stderr)
    {
        final Matcher matcher = READ.matcher(stderr);
        assertTrue(matcher.find(), stderr);
        return Long.parseLong(matcher.group(1));
    }
}
