/*
 * Copyright 2026 MarketPrism authors. Licensed under the Apache License, Version 2.0.
 */
package io.marketprism.ops.config;

import java.util.List;

/**
 * Every problem of a configuration, found before anything started. Its message lists them one per line.
 */
public final class InvalidConfigurationException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    /**
     * @param problems at least one problem.
     */
    public InvalidConfigurationException(final List<ConfigProblem> problems)
    {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * @return the problems, in the order found (file order, then cross-key checks).
     */
    public List<ConfigProblem> problems()
    {
        return problems;
    }

    private static String message(final List<ConfigProblem> problems)
    {
        if (problems.size() == 1)
        {
            return problems.get(0).toString();
        }
        final StringBuilder text = new StringBuilder().append(problems.size()).append(" configuration errors:");
        for (final ConfigProblem problem : problems)
        {
            text.append("\n  ").append(problem);
        }
        return text.toString();
    }
}
