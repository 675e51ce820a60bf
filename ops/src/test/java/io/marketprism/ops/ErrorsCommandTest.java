/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import io.marketprism.engine.EngineCounters;
import io.marketprism.engine.ErrorLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The distinct error log as an operator meets it: the same error twice is one entry counted twice, read by
 * {@code marketprism errors} in a second process while the engine's log is still open; an empty log leaves no file.
 */
final class ErrorsCommandTest
{
    @Test
    void shouldCountTheSameErrorTwiceAsOneEntryReadFromAnotherProcess(@TempDir final Path dir) throws Exception
    {
        try (EngineCounters counters = new EngineCounters();
            ErrorLog errorLog = ErrorLog.create(dir, ErrorLog.DEFAULT_LOG_LENGTH))
        {
            counters.errorLog(errorLog);
            for (int i = 0; i < 2; i++)
            {
                try
                {
                    provoke("journal roll failed");
                }
                catch (final IllegalStateException ex)
                {
                    counters.onError(ex);
                }
            }
            assertEquals(2, counters.errors.get(), "both counted");
            assertEquals(2, errorLog.observations());

            final Result read = errors("--dir", dir.toString());
            assertEquals(0, read.exitCode, read.output);
            assertTrue(read.output.contains("engine pid " + ProcessHandle.current().pid() + " (running)"),
                read.output);
            assertTrue(read.output.contains(", 1 distinct error\n"), read.output);
            final Matcher entry = Pattern.compile("count (\\d+), first (\\S+), last (\\S+)\n" +
                "java.lang.IllegalStateException: journal roll failed\n\\s+at " +
                Pattern.quote(ErrorsCommandTest.class.getName() + ".provoke")).matcher(read.output);
            assertTrue(entry.find(), read.output);
            assertEquals("2", entry.group(1));
            assertTrue(entry.group(2).compareTo(entry.group(3)) <= 0, "first no later than last");
            assertFalse(entry.find(), "one entry only:\n" + read.output);
        }
        assertEquals(1, Files.list(dir).filter((p) -> p.toString().endsWith(ErrorLog.SUFFIX)).count(),
            "a log holding errors outlives its engine");
        final Result after = errors("--dir", dir.toString());
        assertTrue(after.output.contains("(not running)") || after.output.contains("(running)"), after.output);
    }

    @Test
    void shouldDeleteAnEmptyLogAndRefuseWhatIsNotOne(@TempDir final Path dir) throws Exception
    {
        final Path file;
        try (ErrorLog errorLog = ErrorLog.create(dir, ErrorLog.DEFAULT_LOG_LENGTH))
        {
            file = errorLog.path();
            assertTrue(Files.exists(file));
        }
        assertFalse(Files.exists(file), "no errors, no file");
        final Cli none = Cli.run("errors", "--dir", dir.toString());
        assertEquals(0, none.exitCode, none::toString);
        assertTrue(none.stdout.contains("no errors recorded in " + dir), none.stdout);

        final Path bogus = dir.resolve("1-1.errors");
        Files.write(bogus, new byte[256]);
        final Cli notALog = Cli.run("errors", "--dir", bogus.toString());
        assertNotEquals(0, notALog.exitCode);
        assertTrue(notALog.stderr.contains("is not a MarketPrism error log"), notALog.stderr);

        final Cli missing = Cli.run("errors", "--dir", dir.resolve("absent").toString());
        assertNotEquals(0, missing.exitCode);
        assertTrue(missing.stderr.contains("no error log directory or file"), missing.stderr);
    }

    private static void provoke(final String message)
    {
        throw new IllegalStateException(message);
    }

    private static final class Result
    {
        int exitCode;
        String output;
    }

    /**
     * Runs the command line in a new JVM with this JVM's class path and module flags.
     */
    private static Result errors(final String... args) throws Exception
    {
        final List<String> command = ChildJvm.command(MarketPrism.class, "errors");
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectInput(ChildJvm.noInput()).start();
        final Result result = new Result();
        result.output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "errors finished");
        result.exitCode = process.exitValue();
        return result;
    }
}
