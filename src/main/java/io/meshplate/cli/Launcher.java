package io.meshplate.cli;

/** What the {@code ./meshplate} launcher script passes to the JVM, for messages that name the knobs. */
final class Launcher {
  /** The heap ceiling the launcher sets unless {@code MESHPLATE_JAVA_OPTS} names another. */
  static final String DEFAULT_HEAP = "1536m";

  private Launcher() {}
}
