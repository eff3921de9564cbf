package io.meshplate.cli;

import io.meshplate.Workspace;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command accepts, before or after the subcommand name. */
public final class GlobalOptions {
  @Option(
      names = "--root",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description = "Project root holding tenants/, templates/ and output/ (default: current directory).")
  Path root = Path.of(".");

  @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "Print without ANSI colours (also: NO_COLOR=1).")
  boolean noColor;

  @Option(names = {"-x", "--stacktrace"}, scope = ScopeType.INHERIT, description = "Print the stack trace of a failure.")
  boolean stacktrace;

  @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Print only problems.")
  boolean quiet;

  public Workspace workspace() {
    return new Workspace(root);
  }

  public boolean quiet() {
    return quiet;
  }
}
