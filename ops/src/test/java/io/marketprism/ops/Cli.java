/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the command line in this process, as a user would run it, and captures what it prints.
 */
final class Cli
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final int exitCode;
    final String stdout;
    final String stderr;

    private Cli(final int exitCode, final String stdout, final String stderr)
    {
        this.exitCode = exitCode;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static Cli run(final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exitCode;
        try (PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8))
        {
            exitCode = MarketPrism.execute(args, out, errStream);
        }
        return new Cli(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static List<JsonNode> jsonLines(final Path file)
    {
        try
        {
            return jsonLines(Files.readAllLines(file, StandardCharsets.UTF_8));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static List<JsonNode> jsonLines(final String text)
    {
        return jsonLines(List.of(text.split("\n")));
    }

    private static List<JsonNode> jsonLines(final List<String> lines)
    {
        final List<JsonNode> nodes = new ArrayList<>(lines.size());
        for (final String line : lines)
        {
            if (line.isEmpty())
            {
                continue;
            }
            try
            {
                nodes.add(MAPPER.readTree(line));
            }
            catch (final IOException ex)
            {
                throw new AssertionError("not a JSON line: " + line, ex);
            }
        }
        return nodes;
    }

    @Override
    public String toString()
    {
        return "exit " + exitCode + "\n--- stdout ---\n" + tail(stdout) + "\n--- stderr ---\n" + tail(stderr);
    }

    private static String tail(final String text)
    {
        return text.length() > 4000 ? "..." + text.substring(text.length() - 4000) : text;
    }
}
