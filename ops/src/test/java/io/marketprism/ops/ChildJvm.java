/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command of a new JVM that runs a main class with this JVM's class path and module flags: for tests of what
 * happens across processes.
 */
final class ChildJvm
{
    private ChildJvm()
    {
    }

    /**
     * @param mainClass the class to run.
     * @param arguments its arguments.
     * @return the command, for a {@link ProcessBuilder}.
     */
    static List<String> command(final Class<?> mainClass, final String... arguments)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
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
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(arguments));
        return command;
    }

    /**
     * @return standard input for a child: empty.
     */
    static ProcessBuilder.Redirect noInput()
    {
        return ProcessBuilder.Redirect.from(new File("/dev/null"));
    }
}
