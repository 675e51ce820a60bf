/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Large messages against Chronicle's block size. The writer and reader copy through raw addresses into the mapped
 * file, so a failure here can be a crash of the JVM: each case runs in a child JVM whose exit status and output are
 * the verdict. A message larger than a quarter of the block must be refused with {@code TOO_LARGE} (nothing written,
 * the journal intact); every message accepted must read back byte for byte, in order.
 */
final class JournalBlockSizeTest
{
    private static final int MESSAGES = 40;
    private static final int LARGE_MESSAGE = 200 * 1024;

    @TempDir
    Path tempDir;

    @Test
    void shouldJournalLargeMessagesWithALargeBlockSize() throws Exception
    {
        final Result result = runProbe(4L * 1024 * 1024);
        assertEquals(0, result.exitCode, result.output);
        assertTrue(result.output.contains("OK " + MESSAGES + " refused 0"), result.output);
    }

    @Test
    void shouldRefuseMessagesLargerThanAQuarterOfTheSmallestBlockAndKeepTheRestIntact() throws Exception
    {
        final Result result = runProbe(64 * 1024);
        assertEquals(0, result.exitCode, result.output);
        final long refused = java.util.stream.IntStream.range(0, MESSAGES)
            .filter(i -> Probe.length(i) > JournalWriter.maxMessageLength(64 * 1024)).count();
        assertTrue(refused > 0, "the case must include messages above the limit");
        assertTrue(result.output.contains("OK " + (MESSAGES - refused) + " refused " + refused), result.output);
    }

    private Result runProbe(final long blockSizeBytes) throws Exception
    {
        final Path workDir = Files.createDirectories(tempDir.resolve("probe-" + blockSizeBytes));
        final Path output = workDir.resolve("output.txt");
        final List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-") || argument.startsWith("--enable-native-access") ||
                argument.startsWith("--sun-misc") || argument.startsWith("-Dchronicle."))
            {
                command.add(argument);
            }
        }
        command.add("-Xmx512m");
        command.add("-XX:-CreateCoredumpOnCrash");
        command.add("-XX:ErrorFile=" + workDir.resolve("hs_err_%p.log"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Probe.class.getName());
        command.add(workDir.resolve("journal").toString());
        command.add(Long.toString(blockSizeBytes));

        final Process process = new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
        if (!process.waitFor(60, TimeUnit.SECONDS))
        {
            process.destroyForcibly().waitFor();
            return new Result(-1, "timed out\n" + Files.readString(output, StandardCharsets.UTF_8));
        }
        final String text = Files.readString(output, StandardCharsets.UTF_8);
        return new Result(process.exitValue(), "block size " + blockSizeBytes + ", exit " + process.exitValue() +
            ":\n" + text.substring(Math.max(0, text.length() - 4000)));
    }

    private static final class Result
    {
        final int exitCode;
        final String output;

        Result(final int exitCode, final String output)
        {
            this.exitCode = exitCode;
            this.output = output;
        }
    }

    /**
     * The child JVM: writes messages of up to 200 KB, reads them back and compares them byte for byte.
     */
    static final class Probe
    {
        private Probe()
        {
        }

        public static void main(final String[] args)
        {
            final Path directory = Path.of(args[0]);
            final long blockSizeBytes = Long.parseLong(args[1]);
            final List<Integer> accepted = new ArrayList<>();
            int refused = 0;

            final UnsafeBuffer source = new UnsafeBuffer(new byte[LARGE_MESSAGE]);
            try (JournalWriter writer = new JournalWriter(directory, "FAST_HOURLY", blockSizeBytes))
            {
                for (int i = 0; i < MESSAGES; i++)
                {
                    fill(source, i, length(i));
                    final int result = writer.append(source, 0, length(i));
                    if (result == JournalWriter.APPENDED)
                    {
                        accepted.add(i);
                    }
                    else if (result == JournalWriter.TOO_LARGE && length(i) > writer.maxMessageLength())
                    {
                        refused++;
                    }
                    else
                    {
                        System.out.println("FAILED append " + i + " of " + length(i) + " bytes returned " + result);
                        System.exit(1);
                    }
                }
            }

            final UnsafeBuffer expected = new UnsafeBuffer(new byte[LARGE_MESSAGE]);
            final int[] read = new int[1];
            final List<String> errors = new ArrayList<>();
            final JournalReader.Handler handler = (buffer, offset, length, index) ->
            {
                final int position = read[0]++;
                if (position >= accepted.size() || length != length(accepted.get(position)))
                {
                    errors.add("message " + position + " has length " + length);
                    return;
                }
                final int sequence = accepted.get(position);
                fill(expected, sequence, length);
                for (int i = 0; i < length; i++)
                {
                    if (buffer.getByte(offset + i) != expected.getByte(i))
                    {
                        errors.add("message " + sequence + " differs at byte " + i);
                        return;
                    }
                }
            };
            try (JournalReader reader = new JournalReader(directory))
            {
                int delivered;
                do
                {
                    delivered = reader.poll(handler, 10);
                }
                while (delivered > 0);
            }

            if (!errors.isEmpty() || read[0] != accepted.size())
            {
                System.out.println("FAILED read " + read[0] + " of " + accepted.size() + ": " + errors);
                System.exit(1);
            }
            System.out.println("OK " + read[0] + " refused " + refused);
            System.exit(0);
        }

        static int length(final int sequence)
        {
            return sequence % 4 == 0 ? LARGE_MESSAGE - sequence : 1000 + (sequence * 7919) % 30000;
        }

        private static void fill(final UnsafeBuffer buffer, final int sequence, final int length)
        {
            for (int i = 0; i < length; i++)
            {
                buffer.putByte(i, (byte)(sequence * 131 + i * 31 + (i >>> 8)));
            }
        }
    }
}
