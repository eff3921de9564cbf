package io.meshplate;

import io.meshplate.cli.Cli;
import java.io.PrintWriter;

/** Entry point of the runnable jar. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8);
    Cli.watchHeap(err);
    System.exit(Cli.create(out, err, args).execute(args));
  }
}
