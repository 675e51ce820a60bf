/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.bench;

import io.marketprism.engine.EngineConfiguration;
import io.marketprism.journal.JournalFormat;
import io.marketprism.journal.JournalReader;
import io.marketprism.journal.JournalWriter;
import io.marketprism.ops.MarketPrism;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Replay throughput beside the limit: {@code replay --speed max --output null} against a bare Chronicle read of the
 * same journal, in the same JVM, alternating round by round so that both see the same machine.
 * <ol>
 *   <li>Builds a journal the engine wrote: {@code demo} over the bundled recordings (normalized messages and raw
 *   frames), then its records appended again, in order, until it holds at least {@code --messages} normalized
 *   messages (a bigger journal than the recordings give, so that the JIT's warm-up is a small part of one read).</li>
 *   <li>Each round reads it twice: bare (a Chronicle tailer over the documents, walking the records' length fields and
 *   counting those whose header says normalized, the least work that finds the same messages) and through the real
 *   command ({@link MarketPrism#execute} with {@code replay --speed max --output null}, which opens the journal,
 *   checks it, classifies, filters and counts every record). The command's summary must report the same count.</li>
 *   <li>Then the command once more in a fresh JVM, as a user runs it, and its printed rate.</li>
 * </ol>
 * Prints each round, the medians, the ratio (replay rate / bare rate; target at least 0.5) and a {@code RESULT} line.
 * <pre>
 *   bin/marketprism bench replay [--messages N] [--rounds R] [--dir DIR] [--keep]
 * </pre>
 */
public final class ReplayBenchmark
{
    private static final Pattern SUMMARY = Pattern.compile(
        "replay: (\\d+) normalized messages.*read in ([0-9.]+) s \\(start-up ([0-9.]+) s\\), (\\d+) msgs/s");
    private static final int LENGTH_FIELD = Integer.BYTES;

    private ReplayBenchmark()
    {
    }

    /**
     * One read of the journal.
     *
     * @param normalized normalized messages counted.
     * @param records    records of both kinds (bare read only; the command reports normalized messages).
     * @param nanos      wall time of the whole read, opening included.
     */
    record Read(long normalized, long records, long nanos)
    {
        double rate()
        {
            return normalized / (nanos / 1e9);
        }
    }

    /**
     * @param args {@code [--messages N] [--rounds R] [--dir DIR] [--keep]}.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        long messages = 5_000_000;
        int rounds = 5;
        Path dir = null;
        boolean keep = false;
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--messages" -> messages = Long.parseLong(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--keep" -> keep = true;
                default ->
                {
                    System.err.println("usage: marketprism bench replay [--messages N] [--rounds R] [--dir DIR] " +
                        "[--keep]");
                    System.exit(2);
                }
            }
        }
        if (messages <= 0 || rounds <= 0)
        {
            throw new IllegalArgumentException("--messages and --rounds must be positive");
        }
        final Path base = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("marketprism-replay-");
        try
        {
            System.exit(run(base, messages, rounds, System.out).passed() ? 0 : 1);
        }
        finally
        {
            if (!keep)
            {
                delete(base);
            }
        }
    }

    /**
     * What a run printed last and whether its checks held.
     *
     * @param line   the {@code RESULT} line.
     * @param passed every count agreed.
     */
    record Result(String line, boolean passed)
    {
    }

    /**
     * Builds the journal under {@code base} and measures.
     *
     * @param base     a directory for the journals.
     * @param messages normalized messages the journal holds at least.
     * @param rounds   bare/replay pairs.
     * @param out      where to print.
     * @return the result.
     * @throws Exception on failure.
     */
    static Result run(final Path base, final long messages, final int rounds, final PrintStream out) throws Exception
    {
        final Path source = base.resolve("demo-journal");
        final Path journal = base.resolve("journal");
        final long buildStart = System.nanoTime();
        final long copies = build(source, journal, messages);
        out.printf("journal %s: %d copies of the demo journal, built in %.1f s, %.1f MB%n", journal, copies,
            (System.nanoTime() - buildStart) / 1e9, size(journal) / 1e6);

        final List<Read> bare = new ArrayList<>();
        final List<Read> replay = new ArrayList<>();
        boolean passed = true;
        for (int round = 1; round <= rounds; round++)
        {
            final Read b = bareRead(journal);
            final Read r = command(journal);
            bare.add(b);
            replay.add(r);
            final boolean same = b.normalized() == r.normalized();
            passed &= same;
            out.printf("round %d: bare %,d normalized of %,d records in %.3f s = %,.0f msgs/s; replay %,d in " +
                "%.3f s = %,.0f msgs/s; ratio %.2f%s%n", round, b.normalized(), b.records(), b.nanos() / 1e9,
                b.rate(), r.normalized(), r.nanos() / 1e9, r.rate(), r.rate() / b.rate(),
                same ? "" : "  COUNTS DIFFER");
        }
        final double bareRate = median(bare);
        final double replayRate = median(replay);
        final double ratio = replayRate / bareRate;
        final long[] fresh = freshJvm(journal);
        passed &= fresh[0] == bare.get(0).normalized();
        out.printf("medians: bare %,.0f msgs/s, replay %,.0f msgs/s, ratio %.2f (target >= 0.5)%n",
            bareRate, replayRate, ratio);
        out.printf("fresh JVM: `replay --speed max --output null` printed %,d msgs/s over %,d messages " +
            "(read %.3f s, start-up %.3f s)%n", fresh[1], fresh[0], fresh[2] / 1e9, fresh[3] / 1e9);
        final String line = String.format("RESULT replay messages=%d bare_msgs_per_s=%.0f replay_msgs_per_s=%.0f " +
            "ratio=%.2f fresh_jvm_msgs_per_s=%d passed=%s", bare.get(0).normalized(), bareRate, replayRate, ratio,
            fresh[1], passed);
        out.println(line);
        return new Result(line, passed);
    }

    /**
     * Runs {@code demo} into {@code source}, then appends its records to {@code journal} until it holds at least
     * {@code messages} normalized messages.
     */
    private static long build(final Path source, final Path journal, final long messages) throws IOException
    {
        final ByteArrayOutputStream demoOut = new ByteArrayOutputStream();
        final ByteArrayOutputStream demoErr = new ByteArrayOutputStream();
        final int status = MarketPrism.execute(new String[] {"demo", "--journal", source.toString()}, demoOut,
            new PrintStream(demoErr, true, StandardCharsets.UTF_8));
        if (status != 0)
        {
            throw new IllegalStateException("demo failed (" + status + "): " +
                demoErr.toString(StandardCharsets.UTF_8));
        }
        long copies = 0;
        long normalized = 0;
        try (JournalWriter writer = new JournalWriter(journal, EngineConfiguration.JOURNAL_ROLL_CYCLE_DEFAULT,
            EngineConfiguration.JOURNAL_BLOCK_SIZE_DEFAULT))
        {
            while (normalized < messages)
            {
                try (JournalReader reader = JournalReader.open(source))
                {
                    while (reader.next())
                    {
                        if (JournalFormat.kind(reader.recordBuffer(), reader.recordOffset(), reader.recordLength()) ==
                            JournalFormat.NORMALIZED)
                        {
                            normalized++;
                        }
                        if (writer.append(reader.recordBuffer(), reader.recordOffset(), reader.recordLength()) !=
                            JournalWriter.APPENDED)
                        {
                            throw new IllegalStateException("a record of " + reader.recordLength() +
                                " bytes did not fit the journal");
                        }
                    }
                }
                copies++;
            }
        }
        return copies;
    }

    /**
     * The least a reader can do to find the normalized messages: Chronicle's tailer, each document's records walked by
     * their length fields, each record's schema id read.
     */
    static Read bareRead(final Path journal)
    {
        final long start = System.nanoTime();
        long normalized = 0;
        long records = 0;
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.single(journal.toFile()).readOnly(true)
            .rollCycle(JournalReader.rollCycle(EngineConfiguration.JOURNAL_ROLL_CYCLE_DEFAULT)).build();
            ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext document = tailer.readingDocument())
                {
                    if (!document.isPresent())
                    {
                        break;
                    }
                    final Bytes<?> bytes = document.wire().bytes();
                    long position = bytes.readPosition();
                    final long limit = bytes.readLimit();
                    while (position + LENGTH_FIELD <= limit)
                    {
                        final int length = bytes.readInt(position);
                        if ((bytes.readShort(position + LENGTH_FIELD + 4) & 0xFFFF) ==
                            JournalFormat.NORMALIZED_SCHEMA_ID)
                        {
                            normalized++;
                        }
                        records++;
                        position += LENGTH_FIELD + length;
                    }
                }
            }
        }
        return new Read(normalized, records, System.nanoTime() - start);
    }

    /**
     * The real command, in this JVM: its wall time, and the count its summary printed.
     */
    private static Read command(final Path journal)
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final long start = System.nanoTime();
        final int status = MarketPrism.execute(
            new String[] {"replay", "--journal", journal.toString(), "--speed", "max", "--output", "null"},
            OutputStream.nullOutputStream(), new PrintStream(err, true, StandardCharsets.UTF_8));
        final long nanos = System.nanoTime() - start;
        final String summary = err.toString(StandardCharsets.UTF_8);
        final Matcher matcher = SUMMARY.matcher(summary);
        if (status != 0 || !matcher.find())
        {
            throw new IllegalStateException("replay failed (" + status + "): " + summary);
        }
        return new Read(Long.parseLong(matcher.group(1)), 0, nanos);
    }

    /**
     * The command in a new JVM with this one's class path and flags: {messages, printed rate, read ns, start-up ns}.
     */
    private static long[] freshJvm(final Path journal) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-") || argument.startsWith("--enable-native-access") ||
                argument.startsWith("--sun-misc") || argument.startsWith("-Dchronicle.") ||
                argument.startsWith("-Dmarketprism."))
            {
                command.add(argument);
            }
        }
        command.addAll(Arrays.asList("-cp", System.getProperty("java.class.path"), MarketPrism.class.getName(),
            "replay", "--journal", journal.toString(), "--speed", "max", "--output", "null"));
        final Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        final String summary;
        try (InputStream stderr = process.getErrorStream())
        {
            summary = new String(stderr.readAllBytes(), StandardCharsets.UTF_8);
        }
        final int status = process.waitFor();
        final Matcher matcher = SUMMARY.matcher(summary);
        if (status != 0 || !matcher.find())
        {
            throw new IllegalStateException("replay in a fresh JVM failed (" + status + "): " + summary);
        }
        return new long[] {
            Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(4)),
            (long)(Double.parseDouble(matcher.group(2)) * 1e9), (long)(Double.parseDouble(matcher.group(3)) * 1e9)};
    }

    private static double median(final List<Read> reads)
    {
        final double[] rates = reads.stream().mapToDouble(Read::rate).sorted().toArray();
        return rates.length % 2 == 1 ? rates[rates.length / 2] :
            (rates[rates.length / 2 - 1] + rates[rates.length / 2]) / 2;
    }

    private static long size(final Path directory) throws IOException
    {
        try (Stream<Path> files = Files.walk(directory))
        {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    private static void delete(final Path directory) throws IOException
    {
        if (!Files.exists(directory))
        {
            return;
        }
        try (Stream<Path> files = Files.walk(directory))
        {
            for (final Path file : files.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(file);
            }
        }
    }
}
