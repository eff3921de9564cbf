package io.meshplate.reach;

/** How {@code meshplate reach} prints a report. */
public enum ReachFormat { TEXT, MARKDOWN, JSON, HTML }
