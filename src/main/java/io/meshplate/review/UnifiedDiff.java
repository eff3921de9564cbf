package io.meshplate.review;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/** A line diff of two texts in unified format, computed by JGit's histogram diff. */
public final class UnifiedDiff {
  private UnifiedDiff() {}

  /**
   * The hunks turning {@code before} into {@code after}, with {@code context} lines around each
   * change, under {@code --- a/path} / {@code +++ b/path} headers; empty when equal.
   */
  public static String of(String path, byte[] before, byte[] after, int context) {
    RawText a = new RawText(before);
    RawText b = new RawText(after);
    EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
        .diff(RawTextComparator.DEFAULT, a, b);
    if (edits.isEmpty()) {
      return "";
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DiffFormatter formatter = new DiffFormatter(out)) {
      formatter.setContext(context);
      formatter.format(edits, a, b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "--- a/" + path + "\n+++ b/" + path + "\n" + out.toString(StandardCharsets.UTF_8);
  }
}
